#!/usr/bin/env bash
# `make test`: one debug build of everything; every test, the database tests against a real server
# (PostgreSQL from Debian's packages where it is missing, a throwaway cluster on loopback in a
# temporary directory); then the CLI end to end on that server: `db init`, `db load`, and `trace`,
# `render`, `analyze` and `detect` with --source against the same commands on the file; and
# `fundflow serve` driven through a real headless chromium (scripts/serve-e2e.py; screenshots in
# .build/e2e-screenshots/).
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/pg-server.sh

echo "== building (debug, with the tests)"
start=$SECONDS
swift build --build-tests
echo "built in $((SECONDS - start)) s"

echo "== the tests (the database tests against $url)"
FUNDFLOW_TEST_POSTGRES="$url" swift test --skip-build

echo "== the CLI with --source against the CLI on the file"
ff=.build/debug/fundflow
out="$dir/cli"
mkdir -p "$out"
$ff db init --source "$url?table=cli"
$ff db load fixtures/demo/transfers.csv --source "$url?table=cli"
$ff trace fixtures/demo/transfers.csv --victims fixtures/demo/victims.csv --out "$out/file" > /dev/null
$ff trace --source "$url?table=cli" --victims fixtures/demo/victims.csv --out "$out/db"
for f in freeze.csv returns.csv cashout.csv; do
    cmp "$out/file/$f" "$out/db/$f" || { echo "$f differs between the file and the database" >&2; exit 1; }
done
$ff render --source "$url?table=cli" --account 6214167745961732 --hops 2 -o "$out/db.dot" > /dev/null
$ff render fixtures/demo/transfers.csv --account 6214167745961732 --hops 2 -o "$out/file.dot" > /dev/null
cmp "$out/file.dot" "$out/db.dot" || { echo "the chart from the database differs from the file's" >&2; exit 1; }
$ff analyze fixtures/demo/transfers.csv --victims fixtures/demo/victims.csv --out "$out/analyze-file" --quiet > /dev/null
$ff analyze --source "$url?table=cli" --victims fixtures/demo/victims.csv --out "$out/analyze-db" --quiet
for f in freeze.csv returns.csv cashout.csv findings.json flagged.csv; do
    cmp "$out/analyze-file/$f" "$out/analyze-db/$f" || { echo "analyze: $f differs between the file and the database" >&2; exit 1; }
done
diff -r "$out/analyze-file/diagrams" "$out/analyze-db/diagrams" > /dev/null \
    || { echo "analyze: the diagrams differ between the file and the database" >&2; exit 1; }
grep -q '"source"' "$out/analyze-db/manifest.json" || { echo "analyze --source: the manifest does not name the source" >&2; exit 1; }
$ff detect fixtures/demo/transfers.csv --out "$out/detect-file" --quiet > /dev/null
$ff detect --source "$url?table=cli" --out "$out/detect-db" --quiet
for f in findings.json flagged.csv; do
    cmp "$out/detect-file/$f" "$out/detect-db/$f" || { echo "detect: $f differs between the file and the database" >&2; exit 1; }
done
echo "test: freeze, returns and cashout, the chart, and analyze's and detect's files and diagrams from the database equal the file's"

echo "== fundflow serve in a real browser (chromium through chromium-driver)"
if ! command -v chromium > /dev/null || ! command -v chromedriver > /dev/null; then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    echo "installing chromium and chromium-driver (apt-get)"
    $sudo apt-get update -qq || true
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver > /dev/null
fi
python3 scripts/serve-e2e.py "$ff" .build/e2e-screenshots
