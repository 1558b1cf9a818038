#!/usr/bin/env bash
# Governed-read benchmark: one aggregation rows endpoint served twice in one JVM over the same store,
# (a) with security bypassed and (b) governed as shipped (authenticate, authorise, mask, audit), loaded
# alternately by wrk on loopback. BENCH_ROUTE=share (issue 4, the default): an agency's staff member's
# bearer session reading by the share route; BENCH_ROUTE=open (issue 6): an application's key (with its
# daily quota counted in the database on every call) reading unconditionally open data.
#
#   releng/bench/governed.sh
#   BENCH_ROUTE=open releng/bench/governed.sh
#
# Needs the reactor installed (`mvn install`, which `./poyang test` does) and wrk (Debian package).
# About 3 minutes. Writes raw output to releng/bench/target/governed-<UTC stamp>/ and regenerates the
# section between <!-- bench:governed:start --> and <!-- bench:governed:end --> in docs/benchmarks.md
# (bench:governed-open for BENCH_ROUTE=open).
#
# Knobs (environment): BENCH_ROUNDS (3), BENCH_SECONDS (10), BENCH_WARMUP (40, seconds per side),
# BENCH_CONNECTIONS (16), BENCH_NO_DOC=1 (do not touch docs/benchmarks.md).
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/../.." && pwd)"
DOC="$ROOT/docs/benchmarks.md"
ROUNDS="${BENCH_ROUNDS:-3}"
SECS="${BENCH_SECONDS:-10}"
WARMUP="${BENCH_WARMUP:-40}"
CONNECTIONS="${BENCH_CONNECTIONS:-16}"
ROUTE="${BENCH_ROUTE:-share}"
case "$ROUTE" in share|open) ;; *) echo "BENCH_ROUTE is share or open" >&2; exit 2 ;; esac
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="$BENCH_DIR/target/governed-$STAMP"
WORK="$(mktemp -d /tmp/poyang-governed-bench.XXXXXX)"
SERVER_PID=""
cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
    [ -n "$SERVER_PID" ] && wait "$SERVER_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT
mkdir -p "$OUT"
# shellcheck source=section.sh
. "$BENCH_DIR/section.sh"
log() { printf '[governed bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
command -v wrk >/dev/null || die "wrk is missing: apt-get install wrk"

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
log "building the harness"
mvn -B -q -ntp -f "$BENCH_DIR/pom.xml" package -DskipTests >"$OUT/build.log" 2>&1 || { cat "$OUT/build.log"; exit 1; }
CPU_MODEL="$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
MEM_TOTAL="$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
JAVA_VERSION="$( { "$JAVA" -version 2>&1 || true; } | head -1)"
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

log "starting the server on 127.0.0.1:$PORT (10,000 residents delivered first)"
"$JAVA" -Xmx512m -cp "$BENCH_DIR/target/classes:$BENCH_DIR/target/lib/*" \
    -Djava.util.logging.config.file="$ROOT/features/config/logging.properties" \
    org.poyang.collect.impl.internal.GovernedReadServer "$PORT" "$WORK/run" >"$OUT/server.out" 2>"$OUT/server.err" &
SERVER_PID=$!
for _ in $(seq 1 600); do
    grep -q '^READY' "$OUT/server.out" 2>/dev/null && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$OUT/server.err"; die "server exited"; }
    sleep 0.2
done
grep -q '^READY' "$OUT/server.out" || die "server not READY within 120 s"
ENTRY="$(awk -F= '/^ENTRY=/ { print $2 }' "$OUT/server.out")"
TOKEN="$(awk -F= '/^TOKEN=/ { print $2 }' "$OUT/server.out")"
KEY="$(awk -F= '/^KEY=/ { sub(/^KEY=/, ""); print }' "$OUT/server.out")"
if [ "$ROUTE" = share ]; then
    QUERY="route=share&limit=10&purpose=%E6%9C%80%E4%BD%8E%E7%94%9F%E6%B4%BB%E4%BF%9D%E9%9A%9C%E6%A0%B8%E9%AA%8C"
    CREDENTIAL_HEADER="Authorization"
    CREDENTIAL="Bearer $TOKEN"
else
    QUERY="route=open&limit=10"
    CREDENTIAL_HEADER="X-Api-Key"
    CREDENTIAL="$KEY"
fi
URL_A="http://127.0.0.1:$PORT/bypassed/collect/entries/$ENTRY/rows?$QUERY"
URL_B="http://127.0.0.1:$PORT/governed/collect/entries/$ENTRY/rows?$QUERY"

# The governed answer must be the masked form of the bypassed one, or the comparison is meaningless.
curl -sf "$URL_A" >"$OUT/a.json" || die "(a) did not answer 2xx"
curl -sf -H "$CREDENTIAL_HEADER: $CREDENTIAL" "$URL_B" >"$OUT/b.json" || die "(b) did not answer 2xx"
python3 - "$OUT/a.json" "$OUT/b.json" <<'PY' || die "(a) and (b) do not answer the same rows, masked in (b)"
import json, re, sys
a, b = (json.load(open(f, encoding="utf-8")) for f in sys.argv[1:3])
assert a["total"] == b["total"] == 10000 and len(a["rows"]) == len(b["rows"]) == 10
for ra, rb in zip(a["rows"], b["rows"]):
    assert ra["居民编号"] == rb["居民编号"] and ra["街道"] == rb["街道"]
    assert re.fullmatch(r"\d{17}[\dX]", ra["公民身份号码"]) and re.fullmatch(r"\d{6}\*{8}[\dX]{4}", rb["公民身份号码"])
    assert re.fullmatch(r"1\d{10}", ra["手机号码"]) and re.fullmatch(r"1\d{2}\*{4}\d{4}", rb["手机号码"])
PY
code="$(curl -s -o /dev/null -w '%{http_code}' "$URL_B")"
if [ "$ROUTE" = share ]; then
    [ "$code" = 401 ] || die "(b) without a token answered $code, not 401"
fi

cat >"$WORK/auth.lua" <<LUA
wrk.headers["$CREDENTIAL_HEADER"] = "$CREDENTIAL"
LUA
parse_wrk() {
    awk '/Requests\/sec:/ { rps = $2 } /Non-2xx or 3xx responses:/ { bad = $NF }
         END { printf "%s %d\n", rps, bad + 0 }' "$1"
}
run() { # $1 = side, $2 = seconds, $3 = file
    if [ "$1" = a ]; then
        wrk -t1 -c"$CONNECTIONS" -d"$2"s --timeout 5s "$URL_A" >"$3" 2>&1
    else
        wrk -t1 -c"$CONNECTIONS" -d"$2"s --timeout 5s -s "$WORK/auth.lua" "$URL_B" >"$3" 2>&1
    fi
}
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

log "warm-up: ${WARMUP}s per side, alternating"
for i in $(seq 1 $(( WARMUP / 10 ))); do run a 5 "$OUT/warm-a-$i.txt"; run b 5 "$OUT/warm-b-$i.txt"; done
: >"$OUT/rounds.txt"
for r in $(seq 1 "$ROUNDS"); do
    for side in a b; do
        f="$OUT/round$r-$side.txt"
        run "$side" "$SECS" "$f"
        read -r rps bad < <(parse_wrk "$f")
        [ "$bad" = 0 ] || die "$bad non-2xx answers in $f"
        echo "$r $side $rps" >>"$OUT/rounds.txt"
        log "round $r ($side): $rps req/s"
    done
done
A_MED="$(awk '$2 == "a" { print $3 }' "$OUT/rounds.txt" | median)"
B_MED="$(awk '$2 == "b" { print $3 }' "$OUT/rounds.txt" | median)"
RATIO="$(awk -v a="$A_MED" -v b="$B_MED" 'BEGIN { printf "%.2f", b / a }')"
VERDICT="$(awk -v r="$RATIO" 'BEGIN { print (r >= 0.6 ? "met" : "**not met**") }')"
list() { awk -v s="$1" '$2 == s { printf "%s%.0f", (n++ ? ", " : ""), $3 }' "$OUT/rounds.txt"; }

SECTION="$OUT/section.md"
NAME=governed
[ "$ROUTE" = open ] && NAME=governed-open
if [ "$ROUTE" = open ]; then
{
    echo "<!-- bench:governed-open:start -->"
    echo "## Open-data API read with key, quota, masking and audit against the same read bypassed (issue 6)"
    echo
    echo "Generated by \`BENCH_ROUTE=open releng/bench/governed.sh\`; do not edit by hand (the script rewrites this section)."
    echo
    echo "- Command: \`BENCH_ROUTE=open releng/bench/governed.sh\` (server \`org.poyang.collect.impl.internal.GovernedReadServer\` in \`releng/bench\`)"
    echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- Machine: $(nproc) cores, $CPU_MODEL, $MEM_TOTAL memory; $JAVA_VERSION; server JVM \`-Xmx512m\`; wrk on the same machine"
    echo "- Raw output in \`releng/bench/target/governed-$STAMP/\`"
    echo
    echo "The same server as the governed-read measure below: a page of 10 rows of the 10,000 residents, now by the open"
    echo "route. (a) security bypassed. (b) as shipped for an application: its key (\`X-Api-Key\`) verified against its"
    echo "SM3 hash, its call counted against its daily quota in one database transaction per call, the open-data rule of the"
    echo "policy enforcement point with a durable audit record of the read, identity numbers, names and mobiles masked. (The"
    echo "per-second rate limit is set out of reach here: the measure is what checking costs, not the limit.) Checked before"
    echo "measuring: (b) answers the same rows as (a), masked. wrk: 1 thread, $CONNECTIONS connections; ${WARMUP} s warm-up per"
    echo "side, then $ROUNDS rounds of $SECS s per side, alternating; medians."
    echo
    echo "| measure | (a) security bypassed | (b) key, quota, masking, audit | (b)/(a) |"
    echo "|---|---:|---:|---:|"
    echo "| requests/s (median) | $A_MED | $B_MED | $RATIO |"
    echo "| rounds | $(list a) | $(list b) | |"
    echo
    echo "| target | measured | result |"
    echo "|---|---:|---|"
    echo "| an unconditional API read with key check, quota, masking and audit reaches >= 60% of the same read bypassed | $RATIO | $VERDICT |"
    echo "<!-- bench:governed-open:end -->"
} >"$SECTION"
else
{
    echo "<!-- bench:governed:start -->"
    echo "## Governed read against security bypassed (issue 4)"
    echo
    echo "Generated by \`releng/bench/governed.sh\`; do not edit by hand (the script rewrites this section)."
    echo
    echo "- Command: \`releng/bench/governed.sh\` (server \`org.poyang.collect.impl.internal.GovernedReadServer\` in \`releng/bench\`)"
    echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- Machine: $(nproc) cores, $CPU_MODEL, $MEM_TOTAL memory; $JAVA_VERSION; server JVM \`-Xmx512m\`; wrk on the same machine"
    echo "- Raw output in \`releng/bench/target/governed-$STAMP/\`"
    echo
    echo "One JVM, one CXF 4 bus in embedded Jetty 12, one store of 10,000 residents on embedded Derby pooled as the platform"
    echo "pools it (HikariCP, 10 connections; identity numbers, names and mobiles stored encrypted), the aggregation rows"
    echo "endpoint served twice: a page of 10 rows by the share route with a stated"
    echo "purpose. (a) security bypassed: no authentication, a policy enforcement point that permits without auditing, a"
    echo "masking policy that keeps everything. (b) governed as shipped: the bearer session checked on every call, the share"
    echo "rule of the policy enforcement point with a durable audit record of every read (group commit on embedded Derby),"
    echo "identity numbers, names and mobiles masked. Checked before measuring: (b) answers the same rows as (a), masked, and"
    echo "401 without a token. wrk: 1 thread, $CONNECTIONS connections; ${WARMUP} s warm-up per side, then $ROUNDS rounds of $SECS s"
    echo "per side, alternating; medians."
    echo
    echo "| measure | (a) security bypassed | (b) governed | (b)/(a) |"
    echo "|---|---:|---:|---:|"
    echo "| requests/s (median) | $A_MED | $B_MED | $RATIO |"
    echo "| rounds | $(list a) | $(list b) | |"
    echo
    echo "### Targets"
    echo
    echo "| target | measured | result |"
    echo "|---|---:|---|"
    echo "| a governed read reaches >= 60% of the requests/s of the same endpoint with security bypassed | $RATIO | $VERDICT |"
    echo "<!-- bench:governed:end -->"
} >"$SECTION"
fi
cat "$SECTION"
if [ "${BENCH_NO_DOC:-0}" = 1 ]; then
    log "BENCH_NO_DOC=1: docs/benchmarks.md left alone; section in $SECTION"
    exit 0
fi
replace_section "$NAME" "$SECTION"
log "wrote $DOC"
