# Sourced by scripts/test.sh (make test) and Benchmarks/db.sh: installs PostgreSQL from Debian's packages
# where it is missing, starts a throwaway cluster on loopback in a temporary directory (stopped and
# removed on exit), and sets $url to postgres://fundflow@127.0.0.1:PORT/fundflow and $dir.
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
find_bindir() { for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && { echo "$d"; return 0; }; done; return 1; }
if ! bindir=$(find_bindir); then
    echo "== installing PostgreSQL (apt-get install postgresql)"
    $sudo apt-get update -qq || true
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql > /dev/null
    bindir=$(find_bindir)
fi

dir=$(mktemp -d /tmp/fundflow-pg.XXXXXX)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_server=()
if [ "$(id -u)" = 0 ]; then  # PostgreSQL refuses to run as root
    id postgres > /dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$dir"
    as_server=(runuser -u postgres --)
fi
stop() {
    "${as_server[@]}" "$bindir/pg_ctl" -D "$dir/data" -m fast stop > /dev/null 2>&1 || true
    rm -rf "$dir"
}
trap stop EXIT
echo "== PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($dir)"
"${as_server[@]}" "$bindir/initdb" -D "$dir/data" -U fundflow --auth=trust -E UTF8 --locale=C.UTF-8 > "$dir/initdb.log"
"${as_server[@]}" "$bindir/pg_ctl" -D "$dir/data" -o "-h 127.0.0.1 -p $port -k $dir" -l "$dir/server.log" -w start > /dev/null
"${as_server[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U fundflow fundflow
url="postgres://fundflow@127.0.0.1:$port/fundflow"

