#!/usr/bin/env bash
# Granted-read benchmark (issue 7): a page of a conditionally shared entry read by the using agency under
# its grant, (b) as shipped, against (a) bare CXF endpoints returning the same rows, side by side in one
# JVM over one store, for REST (JAX-RS) and SOAP (JAX-WS), loaded alternately by wrk on loopback.
#
#   releng/bench/share.sh
#
# Needs the reactor installed (`mvn install`, which `./poyang test` does) and wrk (Debian package).
# About 5 minutes. Writes raw output to releng/bench/target/share-<UTC stamp>/ and regenerates the section
# between <!-- bench:share:start --> and <!-- bench:share:end --> in docs/benchmarks.md.
#
# Knobs (environment): BENCH_ROUNDS (3), BENCH_SECONDS (10), BENCH_WARMUP (40, seconds per side),
# BENCH_CONNECTIONS (16), BENCH_LIMIT (100, rows per page), BENCH_NO_DOC=1 (do not touch docs/benchmarks.md).
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/../.." && pwd)"
DOC="$ROOT/docs/benchmarks.md"
ROUNDS="${BENCH_ROUNDS:-3}"
SECS="${BENCH_SECONDS:-10}"
WARMUP="${BENCH_WARMUP:-40}"
CONNECTIONS="${BENCH_CONNECTIONS:-16}"
LIMIT="${BENCH_LIMIT:-100}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="$BENCH_DIR/target/share-$STAMP"
WORK="$(mktemp -d /tmp/poyang-share-bench.XXXXXX)"
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
log() { printf '[share bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
command -v wrk >/dev/null || die "wrk is missing: apt-get install wrk"

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
log "building the harness"
mvn -B -q -ntp -f "$BENCH_DIR/pom.xml" package -DskipTests >"$OUT/build.log" 2>&1 || { cat "$OUT/build.log"; exit 1; }
CPU_MODEL="$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
MEM_TOTAL="$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
JAVA_VERSION="$( { "$JAVA" -version 2>&1 || true; } | head -1)"
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

log "starting the server on 127.0.0.1:$PORT (10,000 subsidy records delivered first)"
"$JAVA" -Xmx512m -cp "$BENCH_DIR/target/classes:$BENCH_DIR/target/lib/*" \
    -Djava.util.logging.config.file="$ROOT/features/config/logging.properties" \
    org.poyang.share.impl.internal.GrantedShareServer "$PORT" "$WORK/run" >"$OUT/server.out" 2>"$OUT/server.err" &
SERVER_PID=$!
for _ in $(seq 1 600); do
    grep -q '^READY' "$OUT/server.out" 2>/dev/null && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$OUT/server.err"; die "server exited"; }
    sleep 0.2
done
grep -q '^READY' "$OUT/server.out" || die "server not READY within 120 s"
value() { awk -F= -v k="$1" '$1 == k { sub(/^[^=]*=/, ""); print }' "$OUT/server.out"; }
ENTRY="$(value ENTRY)"
TOKEN="$(value TOKEN)"
GRANT="$(value GRANT)"
PURPOSE="$(value PURPOSE)"
PURPOSE_Q="$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$PURPOSE")"
BASE="http://127.0.0.1:$PORT"
URL_RA="$BASE/bare/rest/entries/$ENTRY/rows?offset=0&limit=$LIMIT"
URL_RB="$BASE/governed/collect/entries/$ENTRY/rows?route=share&purpose=$PURPOSE_Q&grant=$GRANT&offset=0&limit=$LIMIT"
URL_SA="$BASE/bare/soap/share"
URL_SB="$BASE/governed/soap/share"
cat >"$WORK/envelope.xml" <<XML
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:s="urn:poyang:share:1"><soapenv:Body><s:readRows><code>$ENTRY</code><purpose>$PURPOSE</purpose><grant>$GRANT</grant><offset>0</offset><limit>$LIMIT</limit></s:readRows></soapenv:Body></soapenv:Envelope>
XML
soap() { # $1 = url, $2 = with token (1/0), $3 = output
    if [ "$2" = 1 ]; then
        curl -s -o "$3" -w '%{http_code}' -H 'Content-Type: text/xml; charset=UTF-8' -H 'SOAPAction: ""' -H "Authorization: Bearer $TOKEN" \
            --data-binary @"$WORK/envelope.xml" "$1"
    else
        curl -s -o "$3" -w '%{http_code}' -H 'Content-Type: text/xml; charset=UTF-8' -H 'SOAPAction: ""' --data-binary @"$WORK/envelope.xml" "$1"
    fi
}

# The governed answers must hold the bare answers' rows (decimals fingerprinted), or the comparison is meaningless.
curl -sf "$URL_RA" >"$OUT/rest-a.json" || die "(a) REST did not answer 2xx"
curl -sf -H "Authorization: Bearer $TOKEN" "$URL_RB" >"$OUT/rest-b.json" || die "(b) REST did not answer 2xx"
[ "$(soap "$URL_SA" 0 "$OUT/soap-a.xml")" = 200 ] || die "(a) SOAP did not answer 200"
[ "$(soap "$URL_SB" 1 "$OUT/soap-b.xml")" = 200 ] || die "(b) SOAP did not answer 200"
python3 - "$OUT" "$LIMIT" <<'PY' || die "(a) and (b) do not answer the same rows"
import json, sys, xml.etree.ElementTree as ET
from decimal import Decimal
out, limit = sys.argv[1], int(sys.argv[2])
a, b = (json.load(open(f"{out}/rest-{s}.json", encoding="utf-8")) for s in "ab")
assert a["total"] == b["total"] == 10000 and len(a["rows"]) == len(b["rows"]) == limit, (a["total"], b["total"])
assert a["columns"] == b["columns"], (a["columns"], b["columns"])
def close(x, y):
    dx, dy = Decimal(x), Decimal(y)
    ulp = Decimal(1).scaleb(-max(0, -dx.normalize().as_tuple().exponent))
    return abs(dx - dy) <= ulp
marked = 0
for ra, rb in zip(a["rows"], b["rows"]):
    for k in ra:
        if k in ("补助金额", "住房面积"):
            assert close(ra[k], rb[k]), (k, ra[k], rb[k])
            marked += Decimal(ra[k]) != Decimal(rb[k])
        else:
            assert ra[k] == rb[k], (k, ra[k], rb[k])
assert marked > 0, "no value carries the fingerprint"
def page(f):
    body = ET.parse(f).getroot()[0][0][0]
    return [[v.text for v in r] for r in body.findall("row")], [c.text for c in body.findall("column")]
(sa, ca), (sb, cb) = page(f"{out}/soap-a.xml"), page(f"{out}/soap-b.xml")
assert ca == cb == a["columns"] and len(sa) == len(sb) == limit, (ca, cb)
for ra, rb in zip(sa, sb):
    assert ra[0] == rb[0] and ra[3:] == rb[3:], (ra, rb)
print(f"checked: {limit} rows each, {marked} fingerprinted values in the REST page")
PY
[ "$(curl -s -o /dev/null -w '%{http_code}' "$URL_RB")" = 401 ] || die "(b) REST without a token did not answer 401"
code="$(soap "$URL_SB" 0 "$OUT/soap-b-anon.xml")"
[ "$code" = 500 ] && grep -q "faultstring" "$OUT/soap-b-anon.xml" || die "(b) SOAP without credentials answered $code, not a fault"

cat >"$WORK/rest-b.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $TOKEN"
LUA
python3 - "$WORK/envelope.xml" "$TOKEN" "$WORK" <<'PY'
import sys
body = open(sys.argv[1], encoding="utf-8").read().strip().replace("\\", "\\\\").replace('"', '\\"')
for side, auth in (("a", ""), ("b", f'wrk.headers["Authorization"] = "Bearer {sys.argv[2]}"\n')):
    with open(f"{sys.argv[3]}/soap-{side}.lua", "w", encoding="utf-8") as f:
        f.write('wrk.method = "POST"\n')
        f.write(f'wrk.body = "{body}"\n')
        f.write('wrk.headers["Content-Type"] = "text/xml; charset=UTF-8"\n')
        f.write('wrk.headers["SOAPAction"] = "\\"\\""\n')
        f.write(auth)
PY
parse_wrk() {
    awk '/Requests\/sec:/ { rps = $2 } /Non-2xx or 3xx responses:/ { bad = $NF }
         END { printf "%s %d\n", rps, bad + 0 }' "$1"
}
run() { # $1 = side (ra rb sa sb), $2 = seconds, $3 = file
    case "$1" in
        ra) wrk -t1 -c"$CONNECTIONS" -d"$2"s --timeout 5s "$URL_RA" >"$3" 2>&1 ;;
        rb) wrk -t1 -c"$CONNECTIONS" -d"$2"s --timeout 5s -s "$WORK/rest-b.lua" "$URL_RB" >"$3" 2>&1 ;;
        sa) wrk -t1 -c"$CONNECTIONS" -d"$2"s --timeout 5s -s "$WORK/soap-a.lua" "$URL_SA" >"$3" 2>&1 ;;
        sb) wrk -t1 -c"$CONNECTIONS" -d"$2"s --timeout 5s -s "$WORK/soap-b.lua" "$URL_SB" >"$3" 2>&1 ;;
    esac
}
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

log "warm-up: ${WARMUP}s per side, alternating"
for i in $(seq 1 $(( WARMUP / 10 ))); do for s in ra rb sa sb; do run "$s" 5 "$OUT/warm-$s-$i.txt"; done; done
: >"$OUT/rounds.txt"
for r in $(seq 1 "$ROUNDS"); do
    for side in ra rb sa sb; do
        f="$OUT/round$r-$side.txt"
        run "$side" "$SECS" "$f"
        read -r rps bad < <(parse_wrk "$f")
        [ "$bad" = 0 ] || die "$bad non-2xx answers in $f"
        echo "$r $side $rps" >>"$OUT/rounds.txt"
        log "round $r ($side): $rps req/s"
    done
done
med() { awk -v s="$1" '$2 == s { print $3 }' "$OUT/rounds.txt" | median; }
RA="$(med ra)"; RB="$(med rb)"; SA="$(med sa)"; SB="$(med sb)"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b / a }'; }
R_REST="$(ratio "$RA" "$RB")"; R_SOAP="$(ratio "$SA" "$SB")"
verdict() { awk -v r="$1" 'BEGIN { print (r >= 0.6 ? "met" : "**not met**") }'; }
list() { awk -v s="$1" '$2 == s { printf "%s%.0f", (n++ ? ", " : ""), $3 }' "$OUT/rounds.txt"; }

SECTION="$OUT/section.md"
{
    echo "<!-- bench:share:start -->"
    echo "## Granted shared-data read against bare CXF endpoints returning the same rows (issue 7)"
    echo
    echo "Generated by \`releng/bench/share.sh\`; do not edit by hand (the script rewrites this section)."
    echo
    echo "- Command: \`releng/bench/share.sh\` (server \`org.poyang.share.impl.internal.GrantedShareServer\` in \`releng/bench\`)"
    echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- Machine: $(nproc) cores, $CPU_MODEL, $MEM_TOTAL memory; $JAVA_VERSION; server JVM \`-Xmx512m\`; wrk on the same machine"
    echo "- Raw output in \`releng/bench/target/share-$STAMP/\`"
    echo
    echo "One JVM, one CXF 4 bus in embedded Jetty 12, one store of 10,000 subsidy records of a conditionally shared entry"
    echo "on embedded Derby pooled as the platform pools it (HikariCP, 10 connections; names and identity numbers stored"
    echo "encrypted). A page of $LIMIT rows of the five granted items, read four ways:"
    echo "(a) bare CXF JAX-RS and JAX-WS endpoints that read the same page from the entry's data table with plain JDBC and"
    echo "return it in the same shape and text, with nothing else (the total counted once, as the data does not change during"
    echo "the run); (b) as shipped: the aggregation rows endpoint by the share route and"
    echo "the share SOAP service's \`readRows\`, each call carrying the using agency's bearer session (checked on every call),"
    echo "its grant and purpose, checked by the policy enforcement point (holder, resource, items, route, purpose, expiry)"
    echo "with a durable audit record of every read, masked for the reader, limited to the granted items, every decimal"
    echo "value fingerprinted for the grant (HMAC-SM3) and the delivery counted for the provider's usage report. Checked"
    echo "before measuring: (b) answers the same rows as (a), decimals within one unit of the last place, some of them"
    echo "fingerprinted, and refuses a call without credentials. A legacy system that signs each SOAP call with a"
    echo "WS-Security UsernameToken instead pays one Argon2 password check per call on top (not measured here). wrk: 1"
    echo "thread, $CONNECTIONS connections; ${WARMUP} s warm-up per side, then $ROUNDS rounds of $SECS s per side, alternating"
    echo "a, b, a, b; medians."
    echo
    echo "| requests/s (median) | (a) bare CXF | (b) granted read as shipped | (b)/(a) |"
    echo "|---|---:|---:|---:|"
    echo "| REST (JAX-RS) | $RA | $RB | $R_REST |"
    echo "| SOAP (JAX-WS) | $SA | $SB | $R_SOAP |"
    echo
    echo "Rounds: REST (a) $(list ra); (b) $(list rb). SOAP (a) $(list sa); (b) $(list sb)."
    echo
    echo "| target | measured | result |"
    echo "|---|---:|---|"
    echo "| a granted REST read reaches >= 60% of a bare CXF JAX-RS endpoint returning the same rows | $R_REST | $(verdict "$R_REST") |"
    echo "| a granted SOAP read reaches >= 60% of a bare CXF JAX-WS endpoint returning the same rows | $R_SOAP | $(verdict "$R_SOAP") |"
    echo "<!-- bench:share:end -->"
} >"$SECTION"
cat "$SECTION"
if [ "${BENCH_NO_DOC:-0}" = 1 ]; then
    log "BENCH_NO_DOC=1: docs/benchmarks.md left alone; section in $SECTION"
    exit 0
fi
replace_section share "$SECTION"
log "wrote $DOC"
