# Sourced by scripts/test and scripts/fuzz: start_postgres starts a throwaway
# PostgreSQL cluster owned by this run on a private port (ENDUSE_PG_PORT,
# default 55432), stops and removes it when the calling script exits, and
# exports ENDUSE_TEST_POSTGRES. It returns 1 when PostgreSQL is not installed.
start_postgres() {
  local pg_bin pgdir port
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [[ -n $pg_bin ]] || return 1
  pgdir=$(mktemp -d /tmp/enduse-pg.XXXXXX)
  port=${ENDUSE_PG_PORT:-55432}
  _pg_runas=()
  if [[ $(id -u) == 0 ]]; then chown postgres "$pgdir"; _pg_runas=(runuser -u postgres --); fi
  "${_pg_runas[@]}" "$pg_bin/initdb" -D "$pgdir/data" -U enduse -A trust -E UTF8 --locale=C.UTF-8 >/dev/null || { echo "$(basename "$0"): initdb failed" >&2; exit 1; }
  "${_pg_runas[@]}" "$pg_bin/pg_ctl" -D "$pgdir/data" -o "-p $port -k $pgdir -c listen_addresses=127.0.0.1 -c fsync=off" -l "$pgdir/log" -w start >/dev/null || { echo "$(basename "$0"): PostgreSQL did not start; see $pgdir/log" >&2; exit 1; }
  _pg_bin=$pg_bin _pg_dir=$pgdir
  trap '"${_pg_runas[@]}" "$_pg_bin/pg_ctl" -D "$_pg_dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$_pg_dir"' EXIT
  "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U enduse enduse_test || exit 1
  export ENDUSE_TEST_POSTGRES="postgres://enduse@127.0.0.1:$port/enduse_test?sslmode=disable"
  echo "$(basename "$0"): PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on port $port"
}
