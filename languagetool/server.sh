#!/usr/bin/env bash
# Assemble a LanguageTool HTTP server from Maven Central, start it on a loopback port,
# wait until it answers, stop it. See languagetool/README.md.
#
#   languagetool/server.sh assemble        # jars into $NEWSLINT_LT_HOME/lib (cached)
#   languagetool/server.sh start [PORT]    # background server on 127.0.0.1:PORT (default 8081)
#   languagetool/server.sh wait [SECONDS]  # until /v2/languages answers (default 180 s)
#   languagetool/server.sh warm [LANG...]  # load languages now (default: en-US fr de-DE es it pt)
#   languagetool/server.sh stop            # the server this script started
#   languagetool/server.sh url             # http://127.0.0.1:PORT of that server
#
# Environment: NEWSLINT_LT_HOME (the jars, default ~/.cache/newslint/languagetool),
# NEWSLINT_LT_STATE (pid, port and log files, default NEWSLINT_LT_HOME: give each
# server its own), NEWSLINT_LT_XMX (Java heap, default 2g), NEWSLINT_LT_MAVEN_SETTINGS
# (default: settings.xml beside this script, which sends every repository to Central).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LT_HOME="${NEWSLINT_LT_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/newslint/languagetool}"
LIB="$LT_HOME/lib"
STATE="${NEWSLINT_LT_STATE:-$LT_HOME}"
PID_FILE="$STATE/server.pid"
PORT_FILE="$STATE/server.port"
LOG_FILE="$STATE/server.log"
CONFIG_FILE="$STATE/server.properties"
XMX="${NEWSLINT_LT_XMX:-2g}"
MAVEN_SETTINGS="${NEWSLINT_LT_MAVEN_SETTINGS:-$HERE/settings.xml}"

say() { echo "languagetool: $*" >&2; }
die() { say "error: $*"; exit 1; }

# The jars depend only on pom.xml (and the Maven settings): a stamp with their hash
# lets a warm cache skip Maven entirely.
stamp() {
    if command -v sha256sum >/dev/null; then
        cat "$HERE/pom.xml" "$MAVEN_SETTINGS" | sha256sum | cut -d' ' -f1
    else  # macOS
        cat "$HERE/pom.xml" "$MAVEN_SETTINGS" | shasum -a 256 | cut -d' ' -f1
    fi
}

assemble() {
    local want
    want="$(stamp)"
    if [[ -f "$LIB/.stamp" && "$(cat "$LIB/.stamp")" == "$want" ]]; then
        say "jars up to date in $LIB"
        return 0
    fi
    command -v mvn >/dev/null || die "mvn not found (Maven 3 is needed to assemble the server)"
    local tmp="$LT_HOME/lib.tmp"
    rm -rf "$tmp"
    mkdir -p "$LT_HOME"
    say "copying LanguageTool jars from Maven Central into $LIB ..."
    mvn -q -B -Dstyle.color=never -s "$MAVEN_SETTINGS" -f "$HERE/pom.xml" \
        dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp"
    echo "$want" >"$tmp/.stamp"
    rm -rf "$LIB"
    mv "$tmp" "$LIB"
    say "$(find "$LIB" -name '*.jar' | wc -l) jars in $LIB"
}

running_pid() {
    # The pid in the pid file, if that process is still our Java server.
    [[ -f "$PID_FILE" ]] || return 1
    local pid
    pid="$(cat "$PID_FILE")"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    ps -p "$pid" -o args= 2>/dev/null | grep -q 'org.languagetool.server.HTTPServer' || return 1
    echo "$pid"
}

start() {
    local port="${1:-8081}"
    [[ "$port" =~ ^[0-9]+$ ]] || die "start: PORT must be a number, got '$port'"
    [[ -f "$LIB/.stamp" ]] || die "no jars in $LIB: run '$0 assemble' first"
    command -v java >/dev/null || die "java not found (Java 17 or later runs LanguageTool 6)"
    mkdir -p "$STATE"
    if pid="$(running_pid)"; then
        say "already running (pid $pid, port $(cat "$PORT_FILE"))"
        return 0
    fi
    # Texts up to 100,000 characters per request (newslint sends at most 20,000), one
    # check thread per core, a small sentence cache for repeated boilerplate, and
    # pipeline caching: LanguageTool keeps its per-language checkers between requests
    # instead of building them for each one (2-3 times the throughput once built).
    cat >"$CONFIG_FILE" <<EOF
maxTextLength=100000
maxCheckThreads=$(nproc 2>/dev/null || echo 2)
cacheSize=2000
pipelineCaching=true
maxPipelinePoolSize=50
pipelineExpireTimeInSeconds=3600
EOF
    # Without --public the server accepts connections from this machine only.
    nohup java "-Xmx$XMX" -cp "$LIB/*" org.languagetool.server.HTTPServer \
        --config "$CONFIG_FILE" --port "$port" --allow-origin '*' >"$LOG_FILE" 2>&1 &
    echo $! >"$PID_FILE"
    echo "$port" >"$PORT_FILE"
    say "started (pid $!, port $port, heap $XMX, log $LOG_FILE)"
}

url() {
    [[ -f "$PORT_FILE" ]] || die "no server started from $STATE"
    echo "http://127.0.0.1:$(cat "$PORT_FILE")"
}

wait_ready() {
    local timeout="${1:-180}" base deadline
    base="$(url)"
    deadline=$((SECONDS + timeout))
    while ((SECONDS < deadline)); do
        if curl -fsS -m 5 "$base/v2/languages" >/dev/null 2>&1; then
            say "answering at $base"
            return 0
        fi
        if ! running_pid >/dev/null; then
            tail -n 20 "$LOG_FILE" >&2 || true
            die "the server exited before answering (log: $LOG_FILE)"
        fi
        sleep 1
    done
    tail -n 20 "$LOG_FILE" >&2 || true
    die "no answer from $base within ${timeout}s (log: $LOG_FILE)"
}

warm() {
    # LanguageTool loads a language's rules and dictionaries on its first check of that
    # language (10-50 s); a check of one short sentence per language does it up front.
    local base started lang pid failed=0
    local langs=("$@") pids=()
    ((${#langs[@]})) || langs=(en-US fr de-DE es it pt)
    base="$(url)"
    started=$SECONDS
    for lang in "${langs[@]}"; do
        curl -fsS -m 300 --data-urlencode "text=Warm up." --data "language=$lang" \
            "$base/v2/check" >/dev/null &
        pids+=($!)
    done
    for pid in "${pids[@]}"; do
        wait "$pid" || failed=1
    done
    ((failed == 0)) || die "warming up failed (log: $LOG_FILE)"
    say "warmed up ${langs[*]} in $((SECONDS - started))s"
}

stop() {
    local pid
    if ! pid="$(running_pid)"; then
        rm -f "$PID_FILE"
        say "not running"
        return 0
    fi
    kill "$pid"
    for _ in $(seq 1 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.2
    done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    rm -f "$PID_FILE"
    say "stopped (pid $pid)"
}

case "${1:-}" in
    assemble) assemble ;;
    start) start "${2:-8081}" ;;
    wait) wait_ready "${2:-180}" ;;
    warm) shift && warm "$@" ;;
    stop) stop ;;
    url) url ;;
    *)
        sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' >&2
        exit 2
        ;;
esac
