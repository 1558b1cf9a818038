#!/usr/bin/env bash
# Platform benchmark (issue 2): bare CXF 4 JAX-RS vs the same resource behind Poyang's endpoint
# bridge inside OSGi (standalone profile), plus standalone startup time and RSS.
#
#   releng/bench/run.sh
#
# Needs: features/target/standalone.jar (from `mvn install` of the reactor), the demo and rest
# bundles in ~/.m2, wrk (installed from Debian if missing), curl. Loopback only, about 5 minutes.
# Writes raw output to releng/bench/target/results-<UTC stamp>/ and regenerates the section
# between <!-- bench:platform:start --> and <!-- bench:platform:end --> in docs/benchmarks.md.
#
# Knobs (environment): BENCH_ROUNDS (3), BENCH_SECONDS (8), BENCH_WARMUP_MIN (40), BENCH_WARMUP_MAX (70),
# BENCH_CONNECTIONS (16), BENCH_STARTS (5), BENCH_RSS_DELAY (5), BENCH_NO_DOC=1 (do not touch
# docs/benchmarks.md).
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/../.." && pwd)"
DOC="$ROOT/docs/benchmarks.md"
STANDALONE_JAR="$ROOT/features/target/standalone.jar"
STANDALONE_CONFIG="$ROOT/features/config/standalone.json"

ROUNDS="${BENCH_ROUNDS:-3}"
SECONDS_PER_ROUND="${BENCH_SECONDS:-8}"
WARMUP_CHUNK=5
WARMUP_MIN="${BENCH_WARMUP_MIN:-40}"
WARMUP_MAX="${BENCH_WARMUP_MAX:-70}"
WARMUP_JIT_QUIET=15
CLK_TCK="$(getconf CLK_TCK)"
CONNECTIONS="${BENCH_CONNECTIONS:-16}"
STARTS="${BENCH_STARTS:-5}"
RSS_DELAY="${BENCH_RSS_DELAY:-5}"
STARTUP_TIMEOUT_S=60

PRIMARY_PATH="/api/demo/rows?count=10"
SECONDARY_PATH="/api/demo/greeting"

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="$BENCH_DIR/target/results-$STAMP"
mkdir -p "$OUT"
WORK="$(mktemp -d /tmp/poyang-bench.XXXXXX)"

# shellcheck source=section.sh
. "$BENCH_DIR/section.sh"
log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- cleanup of what we started
PIDS=()
cleanup() {
    local pid
    for pid in "${PIDS[@]:-}"; do
        [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]:-}"; do
        [ -n "$pid" ] || continue
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

stop_pid() { # stop one process we started, wait for it, forget it
    local pid="$1" i
    kill "$pid" 2>/dev/null || true
    # 30 s: a JVM's first stop also writes its class-data archive (releng/jvm-args), a few seconds
    for i in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    local keep=() p
    for p in "${PIDS[@]:-}"; do [ "$p" = "$pid" ] || keep+=("$p"); done
    PIDS=("${keep[@]:-}")
}

free_port() { # a loopback port nobody listens on
    local p
    while :; do
        p=$(( 20000 + RANDOM % 20000 ))
        if ! ss -Htln 2>/dev/null | awk '{print $4}' | grep -qE "[:.]$p\$"; then
            echo "$p"; return
        fi
    done
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
proc_cpu() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }                       # utime+stime of a process, ticks
busy_cpu() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; } # busy time of all cores, ticks

# ---------------------------------------------------------------- prerequisites
b0="$(busy_cpu)"; sleep 3; b1="$(busy_cpu)"
IDLE_CHECK="$(awk -v t=$(( b1 - b0 )) -v hz="$CLK_TCK" -v n="$(nproc)" 'BEGIN { printf "%.0f", 100 * t / (3 * hz * n) }')"
log "machine busy before the run: ${IDLE_CHECK}% of CPU"
command -v curl >/dev/null || die "curl is required"
if ! command -v wrk >/dev/null; then
    log "installing wrk from Debian"
    if [ "$(id -u)" = 0 ]; then
        { apt-get update -q && apt-get install -y -q wrk; } >"$OUT/apt.log" 2>&1 || die "could not install wrk (see $OUT/apt.log)"
    else
        die "wrk is missing: apt-get install wrk"
    fi
fi
[ -f "$STANDALONE_JAR" ] || die "$STANDALONE_JAR is missing: run 'mvn install' of the reactor first"

# The jar may be rebuilt while we run: run a private copy.
# A copy taken while the reactor writes the jar is caught by the zip check and taken again.
for attempt in 1 2 3 4 5 6; do
    cp "$STANDALONE_JAR" "$WORK/standalone.jar"
    if ! command -v unzip >/dev/null || unzip -tq "$WORK/standalone.jar" >/dev/null 2>&1; then break; fi
    [ "$attempt" -lt 6 ] || die "$STANDALONE_JAR is not a complete jar (being rebuilt?)"
    log "standalone.jar incomplete (being rebuilt?), retrying in 10 s"
    sleep 10
done
JAR_SHA="$(sha256sum "$WORK/standalone.jar" | cut -c1-12)"

# ---------------------------------------------------------------- build the bench module
BUILT="$BENCH_DIR/target/.bench-built"
need_build=0
[ -f "$BUILT" ] && [ -d "$BENCH_DIR/target/lib" ] || need_build=1
# rebuild when the sources changed or the platform jars in ~/.m2 were reinstalled since the last build
if [ "$need_build" = 0 ] && [ -n "$(find "$BENCH_DIR/src" "$BENCH_DIR/pom.xml" "$HOME/.m2/repository/org/poyang" \
        \( -name '*.java' -o -name pom.xml -o -name 'org.poyang.platform.*.jar' \) -newer "$BUILT" 2>/dev/null | head -1)" ]; then
    need_build=1
fi
if [ "$need_build" = 1 ]; then
    log "building releng/bench (offline first)"
    if ! mvn -B -q -o -f "$BENCH_DIR/pom.xml" package >"$OUT/build.log" 2>&1; then
        log "offline build failed, retrying online"
        mvn -B -q -f "$BENCH_DIR/pom.xml" package >"$OUT/build.log" 2>&1 || die "build failed (see $OUT/build.log)"
    fi
    touch "$BUILT"
fi
CP="$BENCH_DIR/target/classes"
for j in "$BENCH_DIR"/target/lib/*.jar; do CP="$CP:$j"; done

# ---------------------------------------------------------------- servers
STANDALONE_PID=""
STANDALONE_MS=""
STANDALONE_OTHER=""
STANDALONE_LAUNCHED=""
start_standalone() { # $1 = run dir, $2 = http port, $3 = 0 for no class-data archive; sets STANDALONE_PID and STANDALONE_MS (start to first 200)
    local dir="$1" port="$2" console t0 deadline code b0 b1 c1
    console="$(free_port)"
    mkdir -p "$dir/tmp"
    # The JVM options of ./poyang run: jvm.options and the class-data archive beside the jar
    # (the first start writes it when stopped, restarts map it).
    mapfile -t JVM_ARGS < <(POYANG_CDS="${3:-1}" "$ROOT/releng/jvm-args" java "$WORK/standalone.jar")
    b0="$(busy_cpu)"
    t0="$(now_ms)"
    STANDALONE_LAUNCHED="$(date -u +%H:%M:%S.%3N)"
    # java.io.tmpdir: the launcher's framework storage goes under the run dir, removed with it.
    ( cd "$dir" && exec java "${JVM_ARGS[@]}" \
        -Djava.io.tmpdir="$dir/tmp" \
        -Dconfigurator.initial="file:$STANDALONE_CONFIG" \
        -Dorg.osgi.service.http.port="$port" \
        -Dpoyang.data.dir="$dir/data" \
        -Dpoyang.log.dir="$dir/logs" \
        -Dosgi.console="127.0.0.1:$console" \
        -Dlaunch.storage.dir="$dir/osgi-cache" \
        -Djava.util.logging.config.file="$ROOT/features/config/logging.properties" \
        -jar "$WORK/standalone.jar" >>"$dir/stdout.log" 2>&1 ) &
    STANDALONE_PID=$!
    PIDS+=("$STANDALONE_PID")
    deadline=$(( t0 + STARTUP_TIMEOUT_S * 1000 ))
    while :; do
        code="$(curl -s -o /dev/null -m 1 -w '%{http_code}' "http://127.0.0.1:$port/api/health" 2>/dev/null || true)"
        if [ "$code" = 200 ]; then break; fi
        kill -0 "$STANDALONE_PID" 2>/dev/null || die "standalone exited during startup (see $dir/stdout.log)"
        [ "$(now_ms)" -lt "$deadline" ] || die "standalone gave no 200 on /api/health within ${STARTUP_TIMEOUT_S}s"
        sleep 0.02
    done
    STANDALONE_MS=$(( $(now_ms) - t0 ))
    b1="$(busy_cpu)"; c1="$(proc_cpu "$STANDALONE_PID")"
    STANDALONE_OTHER="$(awk -v c="$c1" -v t=$(( b1 - b0 )) 'BEGIN { printf "%.0f", (t > 0) ? 100 * (t - c) / t : 0 }')"
}

BARE_PID=""
start_bare() { # $1 = port
    local port="$1" i
    java -cp "$CP" org.poyang.bench.BareCxfServer "$port" >"$OUT/bare.log" 2>&1 &
    BARE_PID=$!
    PIDS+=("$BARE_PID")
    for i in $(seq 1 600); do
        grep -q '^READY' "$OUT/bare.log" 2>/dev/null && return 0
        kill -0 "$BARE_PID" 2>/dev/null || die "bare server exited (see $OUT/bare.log)"
        sleep 0.05
    done
    die "bare server not READY within 30 s"
}

# ---------------------------------------------------------------- wrk
# parse a wrk --latency output: prints "req/s p50_ms p99_ms non2xx socket_errors"
parse_wrk() {
    awk '
        function ms(v) {
            if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 }
            if (v ~ /ms$/) { sub(/ms$/, "", v); return v + 0 }
            if (v ~ /s$/)  { sub(/s$/, "", v);  return v * 1000 }
            return v + 0
        }
        /Requests\/sec:/              { rps = $2 }
        /^ +50%/                      { p50 = ms($2) }
        /^ +99%/                      { p99 = ms($2) }
        /Non-2xx or 3xx responses:/   { non2xx = $NF }
        /Socket errors:/              { errs = $0; sub(/.*Socket errors: */, "", errs); gsub(/ /, "", errs) }
        END { printf "%s %.3f %.3f %d %s\n", rps, p50, p99, non2xx + 0, (errs == "" ? "none" : errs) }
    ' "$1"
}

run_wrk() { # $1 = url, $2 = seconds, $3 = output file
    wrk -t1 -c"$CONNECTIONS" -d"$2"s --timeout 5s --latency "$1" >"$3" 2>&1 || die "wrk failed on $1 (see $3)"
}

median() { # numbers on stdin, one a line
    sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# ================================================================= 1. throughput and latency
PORT_A="$(free_port)"
PORT_B="$(free_port)"
while [ "$PORT_B" = "$PORT_A" ]; do PORT_B="$(free_port)"; done

log "starting (a) bare CXF on 127.0.0.1:$PORT_A"
start_bare "$PORT_A"
log "starting (b) standalone on 127.0.0.1:$PORT_B"
start_standalone "$WORK/b" "$PORT_B"
B_PID="$STANDALONE_PID"
log "(b) answered 200 after ${STANDALONE_MS} ms"

URL_A="http://127.0.0.1:$PORT_A"
URL_B="http://127.0.0.1:$PORT_B"

# Same answer from both, or the comparison is meaningless.
for path in "$PRIMARY_PATH" "$SECONDARY_PATH"; do
    curl -sf "$URL_A$path" >"$WORK/a.body" || die "(a) $path did not answer 2xx"
    curl -sf "$URL_B$path" >"$WORK/b.body" || die "(b) $path did not answer 2xx"
    cmp -s "$WORK/a.body" "$WORK/b.body" || die "(a) and (b) answer $path differently"
done

ENDPOINTS=(primary secondary)
path_of() { if [ "$1" = primary ]; then echo "$PRIMARY_PATH"; else echo "$SECONDARY_PATH"; fi; }

pid_of() { if [ "$1" = a ]; then echo "$BARE_PID"; else echo "$B_PID"; fi; }
url_of() { if [ "$1" = a ]; then echo "$URL_A"; else echo "$URL_B"; fi; }
jit_count() { # methods the JIT has compiled so far, or -1 without jstat
    if command -v jstat >/dev/null; then jstat -compiler "$1" 2>/dev/null | awk 'NR == 2 { print $1 }'; else echo -1; fi
}

# Warm-up until the JIT is done: on 2 cores C2 needs a minute or more of load (it compiled about
# 5,000 methods in the bare JVM and 10,000 in OSGi), and a fixed short warm-up measured mostly
# the compiler. Chunks of WARMUP_CHUNK s, alternating the two endpoints, until one chunk adds
# fewer than WARMUP_JIT_QUIET compiled methods (after WARMUP_MIN s) or WARMUP_MAX s have passed.
warm_up() { # $1 = side
    local side="$1" pid url elapsed=0 chunk=0 before after ep rps
    pid="$(pid_of "$side")"; url="$(url_of "$side")"
    before="$(jit_count "$pid")"
    while [ "$elapsed" -lt "$WARMUP_MAX" ]; do
        if [ $(( chunk % 2 )) = 0 ]; then ep=primary; else ep=secondary; fi
        run_wrk "$url$(path_of "$ep")" "$WARMUP_CHUNK" "$OUT/warmup-$side-$chunk.txt"
        rps="$(parse_wrk "$OUT/warmup-$side-$chunk.txt" | cut -d' ' -f1)"
        after="$(jit_count "$pid")"
        elapsed=$(( elapsed + WARMUP_CHUNK )); chunk=$(( chunk + 1 ))
        echo "$side $chunk $ep $rps $after" >>"$OUT/warmup.txt"
        if [ "$elapsed" -ge "$WARMUP_MIN" ] && [ "$before" -ge 0 ] && [ $(( after - before )) -lt "$WARMUP_JIT_QUIET" ]; then
            break
        fi
        before="$after"
    done
    WARMED[$side]="$elapsed"
    log "warm-up ($side): ${elapsed}s, JIT compiled methods: $after"
}

declare -A WARMED
log "warm-up of each side until its JIT is quiet (${WARMUP_MIN}-${WARMUP_MAX}s)"
warm_up a
warm_up b

log "measuring: $ROUNDS rounds of ${SECONDS_PER_ROUND}s, alternating a,b per endpoint"
: >"$OUT/rounds.txt"
for r in $(seq 1 "$ROUNDS"); do
    for ep in "${ENDPOINTS[@]}"; do
        for side in a b; do
            pid="$(pid_of "$side")"
            f="$OUT/round$r-$ep-$side.txt"
            c0="$(proc_cpu "$pid")"; t0="$(busy_cpu)"
            run_wrk "$(url_of "$side")$(path_of "$ep")" "$SECONDS_PER_ROUND" "$f"
            c1="$(proc_cpu "$pid")"; t1="$(busy_cpu)"
            read -r rps p50 p99 non2xx errs < <(parse_wrk "$f")
            [ "$non2xx" = 0 ] || die "$non2xx non-2xx answers in $f"
            reqs="$(awk '/requests in/ { print $1; exit }' "$f")"
            # server CPU per request (us); share of all busy CPU outside the server (wrk and anything else)
            us_req="$(awk -v c=$(( c1 - c0 )) -v n="$reqs" -v hz="$CLK_TCK" 'BEGIN { printf "%.1f", (n > 0) ? c * 1e6 / hz / n : 0 }')"
            other="$(awk -v c=$(( c1 - c0 )) -v t=$(( t1 - t0 )) 'BEGIN { printf "%.0f", (t > 0) ? 100 * (t - c) / t : 0 }')"
            echo "$r $ep $side $rps $p50 $p99 $us_req $other $errs" >>"$OUT/rounds.txt"
            log "round $r $ep ($side): $rps req/s, p50 $p50 ms, p99 $p99 ms, server CPU $us_req us/req, other CPU ${other}%, socket errors: $errs"
        done
    done
done
JIT_END_A="$(jit_count "$BARE_PID")"
JIT_END_B="$(jit_count "$B_PID")"

stop_pid "$BARE_PID"
stop_pid "$B_PID"

col_median() { # $1 = endpoint, $2 = side, $3 = column of rounds.txt
    awk -v e="$1" -v s="$2" -v c="$3" '$2 == e && $3 == s { print $c }' "$OUT/rounds.txt" | median
}
declare -A RPS P50 P99 CPUREQ PAIRED
for ep in "${ENDPOINTS[@]}"; do
    for side in a b; do
        RPS[$ep.$side]="$(col_median "$ep" "$side" 4)"
        P50[$ep.$side]="$(col_median "$ep" "$side" 5)"
        P99[$ep.$side]="$(col_median "$ep" "$side" 6)"
        CPUREQ[$ep.$side]="$(col_median "$ep" "$side" 7)"
    done
    # median over rounds of the (b)/(a) req/s ratio of the same round
    PAIRED[$ep]="$(awk -v e="$ep" '$2 == e { v[$1 "." $3] = $4; r[$1] = 1 }
        END { for (k in r) if (v[k ".a"] > 0) print v[k ".b"] / v[k ".a"] }' "$OUT/rounds.txt" | median)"
done
OTHER_MAX="$(awk '{ print $8 }' "$OUT/rounds.txt" | sort -n | tail -1)"
OTHER_MED="$(awk '{ print $8 }' "$OUT/rounds.txt" | median)"
ratio() { awk -v b="$1" -v a="$2" 'BEGIN { if (a > 0) printf "%.2f", b / a; else print "n/a" }'; }

# ================================================================= 2. startup and RSS
log "startup: one first start on an empty data directory, then $STARTS restarts on the same data"
# The first start creates the database and applies every schema migration (Liquibase); a restart
# finds them current. Operators restart far more often than they install, so the restarts carry
# the target; the first start is reported beside them.
port="$(free_port)"
# As for a user's first start of a new build: no class-data archive yet (instance (b) left one).
rm -rf "$WORK/cds"
start_standalone "$WORK/inst" "$port"
FIRST_MS="$STANDALONE_MS"
log "first start: first 200 after $FIRST_MS ms (other CPU ${STANDALONE_OTHER}%)"
# The demo loader goes on after the first 200 (entries published, demo accounts with Argon2 hashes);
# stopped early, it would finish in the first restart and make that one unlike the others.
for _ in $(seq 1 600); do
    grep -q 'Demo accounts .* created\|Demo catalog not loaded' "$WORK/inst/stdout.log" 2>/dev/null && break
    sleep 0.5
done
grep -q 'Demo accounts .* created' "$WORK/inst/stdout.log" 2>/dev/null || log "the demo data did not finish loading within 300 s"
cp "$WORK/inst/stdout.log" "$OUT/standalone-first.log" 2>/dev/null || true
stop_pid "$STANDALONE_PID"
# (written under a temporary name; the next start's releng/jvm-args adopts it)
CDS_ARCHIVE="$(ls "$WORK"/cds/*.jsa "$WORK"/cds/*.jsa.tmp-* 2>/dev/null | head -1 || true)"
[ -n "$CDS_ARCHIVE" ] || die "the first start wrote no class-data archive (see $OUT/standalone-first.log)"
log "class-data archive from the first start: $(( $(stat -c %s "$CDS_ARCHIVE") / 1048576 )) MiB"
# One restart: start, wait RSS_DELAY, record, stop. Args: output file, restart number, label, then
# start_standalone's optional third argument (0: without the class-data archive).
# Columns: start, ms to first 200, VmRSS kB, other CPU %, launch time (UTC, to read the logs against).
restart_once() {
    local file="$1" n="$2" label="$3" rss_kb
    start_standalone "$WORK/inst" "$(free_port)" ${4:+"$4"}
    sleep "$RSS_DELAY"
    rss_kb="$(awk '/^VmRSS:/ { print $2 }' "/proc/$STANDALONE_PID/status")"
    echo "$n $STANDALONE_MS $rss_kb $STANDALONE_OTHER $STANDALONE_LAUNCHED" >>"$file"
    log "$label: first 200 after $STANDALONE_MS ms (other CPU ${STANDALONE_OTHER}%), VmRSS ${rss_kb} kB ${RSS_DELAY}s later"
    stop_pid "$STANDALONE_PID"
}
: >"$OUT/startups.txt"; : >"$OUT/startups-nocds.txt"
for i in $(seq 1 "$STARTS"); do
    restart_once "$OUT/startups.txt" "$i" "restart $i"
    # Baseline, alternating with the restarts above: the same restart without the class-data archive.
    restart_once "$OUT/startups-nocds.txt" "$i" "restart $i without the archive" 0
done
cp "$WORK/inst/stdout.log" "$OUT/standalone-restarts.log" 2>/dev/null || true
rm -rf "$WORK/inst"
START_MED="$(awk '{ print $2 }' "$OUT/startups.txt" | median)"
START_MIN="$(awk '{ print $2 }' "$OUT/startups.txt" | sort -n | head -1)"
START_MAX="$(awk '{ print $2 }' "$OUT/startups.txt" | sort -n | tail -1)"
RSS_MED_KB="$(awk '{ print $3 }' "$OUT/startups.txt" | median)"
RSS_MIN_KB="$(awk '{ print $3 }' "$OUT/startups.txt" | sort -n | head -1)"
RSS_MAX_KB="$(awk '{ print $3 }' "$OUT/startups.txt" | sort -n | tail -1)"
NOCDS_START_MED="$(awk '{ print $2 }' "$OUT/startups-nocds.txt" | median)"
NOCDS_RSS_MED_KB="$(awk '{ print $3 }' "$OUT/startups-nocds.txt" | median)"
mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
sec() { awk -v m="$1" 'BEGIN { printf "%.2f", m / 1000 }'; }

# ================================================================= 3. results
RATIO_PRIMARY="$(ratio "${RPS[primary.b]}" "${RPS[primary.a]}")"
RATIO_SECONDARY="$(ratio "${RPS[secondary.b]}" "${RPS[secondary.a]}")"
verdict() { if [ "$1" = 1 ]; then echo "met"; else echo "**not met**"; fi; }
V_PRIMARY="$(verdict "$(awk -v r="$RATIO_PRIMARY" 'BEGIN { print (r >= 0.8) ? 1 : 0 }')")"
V_SECONDARY="$(verdict "$(awk -v r="$RATIO_SECONDARY" 'BEGIN { print (r >= 0.8) ? 1 : 0 }')")"
V_START="$(verdict "$(awk -v m="$START_MED" 'BEGIN { print (m <= 5000) ? 1 : 0 }')")"
V_RSS="$(verdict "$(awk -v k="$RSS_MED_KB" 'BEGIN { print (k <= 300 * 1024) ? 1 : 0 }')")"

CPU_MODEL="$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
MEM_TOTAL="$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
JAVA_VERSION="$( { java -version 2>&1 || true; } | head -1)"
WRK_VERSION="$( { wrk -v 2>&1 || true; } | head -1 | awk '{ print $1, $2 }')"
row() { # endpoint label, key
    local k="$2"
    printf '| `%s` | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$1" \
        "$(printf '%.0f' "${RPS[$k.a]}")" "$(printf '%.0f' "${RPS[$k.b]}")" "$(ratio "${RPS[$k.b]}" "${RPS[$k.a]}")" \
        "$(printf '%.2f' "${P50[$k.a]}")" "$(printf '%.2f' "${P50[$k.b]}")" "$(ratio "${P50[$k.b]}" "${P50[$k.a]}")" \
        "$(printf '%.2f' "${P99[$k.a]}")" "$(printf '%.2f' "${P99[$k.b]}")" "$(ratio "${P99[$k.b]}" "${P99[$k.a]}")"
}

SECTION="$OUT/section.md"
{
    echo "<!-- bench:platform:start -->"
    echo "## Platform foundation (issue 2)"
    echo
    echo "Generated by \`releng/bench/run.sh\`; do not edit by hand (the script rewrites this section)."
    echo
    echo "- Command: \`releng/bench/run.sh\`"
    echo "- Load: \`wrk -t1 -c$CONNECTIONS --latency\` ($WRK_VERSION) on loopback; warm-up per side until the JIT is quiet ((a) ${WARMED[a]} s, (b) ${WARMED[b]} s); then $ROUNDS rounds of ${SECONDS_PER_ROUND} s per endpoint, alternating (a),(b)"
    echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- Machine: $(nproc) cores, $CPU_MODEL, $MEM_TOTAL memory; $JAVA_VERSION"
    echo "- Machine busy before the run (3 s sample, other work): $IDLE_CHECK % of CPU"
    echo "- Standalone jar: \`features/target/standalone.jar\` (sha256 $JAR_SHA...); raw output in \`releng/bench/target/results-$STAMP/\`"
    echo
    echo "### Throughput and latency: (a) bare CXF vs (b) Poyang bridge in OSGi"
    echo
    echo "(a) \`org.poyang.bench.BareCxfServer\`: \`DemoResource\` on a bare CXF 4.2.3 bus through one \`CXFNonSpringServlet\`"
    echo "in embedded Jetty 12.0.32, plain JVM. (b) the standalone profile: the same class published by the endpoint bridge"
    echo "(one CXF servlet on Felix HTTP Jetty 12 in Equinox). Both use \`JacksonJsonProvider\` over the same ObjectMapper"
    echo "configuration and return byte-identical bodies. Median of $ROUNDS rounds; ratio = (b)/(a). Same JVM defaults on both sides."
    echo
    echo "| endpoint | (a) req/s | (b) req/s | ratio | (a) p50 ms | (b) p50 ms | ratio | (a) p99 ms | (b) p99 ms | ratio |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    row "GET $PRIMARY_PATH" primary
    row "GET $SECONDARY_PATH" secondary
    echo
    echo "Same rounds, as cost and noise: server CPU per request (utime+stime of the server process / requests), the"
    echo "(b)/(a) req/s ratio taken round by round (median), and the share of busy CPU outside the server under test"
    echo "(wrk itself, plus any other work on the machine) over all measured rounds."
    echo
    echo "| endpoint | (a) CPU us/req | (b) CPU us/req | ratio | paired req/s ratio |"
    echo "|---|---:|---:|---:|---:|"
    for ep in "${ENDPOINTS[@]}"; do
        printf '| `GET %s` | %.0f | %.0f | %s | %.2f |\n' "$(path_of "$ep")" "${CPUREQ[$ep.a]}" "${CPUREQ[$ep.b]}" \
            "$(ratio "${CPUREQ[$ep.b]}" "${CPUREQ[$ep.a]}")" "${PAIRED[$ep]}"
    done
    echo
    echo "CPU outside the server: median ${OTHER_MED} %, max ${OTHER_MAX} % of busy CPU. JIT-compiled methods at the end: (a) $JIT_END_A, (b) $JIT_END_B."
    if awk -v o="$OTHER_MED" 'BEGIN { exit !(o > 20) }'; then
        echo
        echo "**Disturbed run:** other work took a median ${OTHER_MED} % of the busy CPU during the measured rounds (wrk alone takes"
        echo "about 10 %); the figures above are as measured, but re-run on a quiet machine before drawing conclusions."
    fi
    echo
    echo "### Standalone startup and memory"
    echo
    echo "One first start on an empty data directory ($(sec "$FIRST_MS") s to the first 200: it creates the database and runs every"
    echo "schema migration; it is stopped once the demo data has finished loading), then $STARTS restarts on that data (the framework cache is rebuilt at every start), none of this script's other"
    echo "servers running; \"other CPU\" is the share of busy CPU outside the starting JVM meanwhile (curl polling and any other work)."
    echo "Startup = from launching \`java -jar standalone.jar\` with the JVM options of \`./poyang run\` (\`releng/jvm-args\`: \`features/config/jvm.options\`"
    echo "and the class-data archive, which the first start writes when it stops and the restarts map) to the first HTTP 200 on"
    echo "\`/api/health\` (polled every 20 ms)."
    echo "RSS = \`VmRSS\` from \`/proc/<pid>/status\` ${RSS_DELAY} s after that first 200."
    echo
    echo "| measure | median | min | max | runs |"
    echo "|---|---:|---:|---:|---|"
    echo "| restart to first 200 | $(sec "$START_MED") s | $(sec "$START_MIN") s | $(sec "$START_MAX") s | $(awk '{ printf "%s%.2f", (NR > 1 ? ", " : ""), $2 / 1000 }' "$OUT/startups.txt") s |"
    echo "| other CPU during start | $(awk '{ print $4 }' "$OUT/startups.txt" | median) % | $(awk '{ print $4 }' "$OUT/startups.txt" | sort -n | head -1) % | $(awk '{ print $4 }' "$OUT/startups.txt" | sort -n | tail -1) % | $(awk '{ printf "%s%s", (NR > 1 ? ", " : ""), $4 }' "$OUT/startups.txt") % |"
    echo "| RSS after start | $(mb "$RSS_MED_KB") MiB | $(mb "$RSS_MIN_KB") MiB | $(mb "$RSS_MAX_KB") MiB | $(awk '{ printf "%s%.0f", (NR > 1 ? ", " : ""), $3 / 1024 }' "$OUT/startups.txt") MiB |"
    echo "| baseline: restart without the archive (\`POYANG_CDS=0\`), alternating with the above | $(sec "$NOCDS_START_MED") s | $(sec "$(awk '{ print $2 }' "$OUT/startups-nocds.txt" | sort -n | head -1)") s | $(sec "$(awk '{ print $2 }' "$OUT/startups-nocds.txt" | sort -n | tail -1)") s | $(awk '{ printf "%s%.2f", (NR > 1 ? ", " : ""), $2 / 1000 }' "$OUT/startups-nocds.txt") s |"
    echo "| baseline: its RSS after start | $(mb "$NOCDS_RSS_MED_KB") MiB | | | $(awk '{ printf "%s%.0f", (NR > 1 ? ", " : ""), $3 / 1024 }' "$OUT/startups-nocds.txt") MiB |"
    echo
    echo "With the archive, the median restart takes $(awk -v a="$START_MED" -v b="$NOCDS_START_MED" 'BEGIN { printf "%.2f", a / b }') of the time it takes without."
    if awk -v o="$(awk '{ print $4 }' "$OUT/startups.txt" | median)" 'BEGIN { exit !(o > 30) }'; then
        echo
        echo "**Disturbed starts:** other work took a median $(awk '{ print $4 }' "$OUT/startups.txt" | median) % of the busy CPU during the starts (curl polling"
        echo "alone takes about 15 %); startup times are as measured, but re-run on a quiet machine before drawing conclusions."
    fi
    echo
    echo "### Targets"
    echo
    echo "| target | measured | result |"
    echo "|---|---:|---|"
    echo "| (b)/(a) req/s >= 0.8, \`GET $PRIMARY_PATH\` | $RATIO_PRIMARY | $V_PRIMARY |"
    echo "| (b)/(a) req/s >= 0.8, \`GET $SECONDARY_PATH\` | $RATIO_SECONDARY | $V_SECONDARY |"
    echo "| restart to first 200 <= 5 s (median) | $(sec "$START_MED") s | $V_START |"
    echo "| RSS after start <= 300 MB, read as 300 MiB = 307,200 kB (median) | $RSS_MED_KB kB = $(mb "$RSS_MED_KB") MiB | $V_RSS |"
    echo "<!-- bench:platform:end -->"
} >"$SECTION"

cat "$SECTION"

if [ "${BENCH_NO_DOC:-0}" = 1 ]; then
    log "BENCH_NO_DOC=1: docs/benchmarks.md left alone; section in $SECTION"
    exit 0
fi

mkdir -p "$(dirname "$DOC")"
if [ ! -f "$DOC" ]; then
    cat >"$DOC" <<'EOF'
# Benchmarks

Performance figures of Poyang measured on the project's own machine: throughput and latency of
the endpoints against a bare baseline, startup time and memory. Each section below is written by
a script under `releng/bench/` and names its exact command, the date and the machine; nothing in
it is typed by hand.

How to read them: servers run on loopback only and the load generator (`wrk`) shares the
machine's 2 cores with the server under test, so absolute numbers are low and move from run to
run with whatever else the machine is doing. Figures are medians of several rounds; rounds
alternate between the sides being compared so that both see the same noise. Read the ratios
between sides measured in the same run, not the absolute figures, and never compare absolute
figures across machines or across runs with different load.

Each section sits between its own `<!-- bench:NAME:start -->` and `<!-- bench:NAME:end -->`
markers; a script regenerates only its own section, so later issues append their own.
EOF
fi
replace_section platform "$SECTION"
log "wrote $DOC"
