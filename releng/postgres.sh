# A throwaway PostgreSQL server on loopback, for the tests and benchmarks that run on the province
# hub's production database (DESIGN.md, "Scale"). Sourced by ./poyang and releng/bench/collect.sh.
#
#   pg_start DIR PORT DB   initdb in DIR, start the server on 127.0.0.1:PORT, create database DB;
#                          sets PG_URL and PG_VERSION; returns 1 (and says why) when it cannot
#   pg_stop                stops it and removes DIR (also safe when it never started)
#
# The server keeps PostgreSQL's defaults (fsync and synchronous_commit on): a commit is durable, as
# on Derby. It trusts local connections of user "poyang" and listens on loopback only. It runs as
# the "postgres" user when the script runs as root, since PostgreSQL refuses to run as root.

PG_DIR=""
PG_URL=""
PG_VERSION=""
PG_STOP=()

# The newest installed server's bin directory (Debian's layout), or nothing.
pg_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

pg_start() {
  local dir="$1" port="$2" db="$3" bin
  bin="$(pg_bin)"
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb; Debian: apt-get install postgresql)" >&2
    return 1
  fi
  local as=()
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then
    as=(runuser -u postgres --)
    chown postgres "$dir"
  fi
  PG_DIR="$dir"
  "${as[@]}" "$bin/initdb" -D "$dir/data" -A trust -U poyang -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; return 1; }
  PG_STOP=("${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop)
  "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir" start >/dev/null \
    || { cat "$dir/server.log" >&2; return 1; }
  "${as[@]}" "$bin/psql" -q -h 127.0.0.1 -p "$port" -U poyang -d postgres -c "CREATE DATABASE $db" || return 1
  PG_VERSION="$("$bin/postgres" --version)"
  PG_URL="jdbc:postgresql://127.0.0.1:$port/$db"
}

pg_stop() {
  if [ -n "$PG_DIR" ]; then
    [ ${#PG_STOP[@]} -eq 0 ] || "${PG_STOP[@]}" >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
    PG_DIR=""
  fi
}
