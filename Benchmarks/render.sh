#!/usr/bin/env bash
# The rendering benchmark (issue 6): layout + render time of money-flow-like charts of 50, 300
# and 2,000 nodes, per format, in-process through libgvc, with the engine the renderer picks.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product fundflow-bench >/dev/null 2>&1
.build/release/fundflow-bench render "${@:-50 300 2000}"
