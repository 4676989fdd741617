#!/usr/bin/env bash
# Figures for the desktop shell (a benchmark, not a test): time from launch to the window
# showing the UI, resident memory of the whole desktop process tree when idle (target
# <= 200 MB), and the binary's size. Runs the desktop build (`--profile desktop`) in Xvfb (started here
# when there is no DISPLAY) on a fresh data directory per run.
#
#   scripts/bench-desktop.sh            # 5 launches; BENCH_RUNS=N, BENCH_IDLE_SECS=S to change
#
# The environment passes through to the app: HEARTH_WEBVIEW_GPU=1 turns WebKit's GPU
# compositing back on (the shell turns it off) and shows what it costs where, as in Xvfb, the
# "GPU" is Mesa's software renderer; HEARTH_WEBVIEW_JIT=1 gives the page its JIT back.
#
# "Showing the UI" is the moment the web UI, loaded and rendered in the window, asks the
# engine for its first screen's data (GET /api/v1/workspaces, which the UI sends only after
# its code ran and drew the signed-in shell); the engine logs it at debug level.
# Results also land in bench-results/desktop.json.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
need_debs xvfb xauth dbus
RUNS="${BENCH_RUNS:-5}"
IDLE="${BENCH_IDLE_SECS:-10}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"

if [ -z "${HEARTH_BENCH_INNER:-}" ]; then
  build_ui
  echo "== Building the desktop shell (--profile desktop: the release build, sized for a desktop)"
  cargo build --profile desktop --locked --quiet -p hearth-desktop
  export HEARTH_BENCH_INNER=1
  if [ -z "${DISPLAY:-}" ]; then
    exec dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" bash "$0" "$@"
  elif [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
    exec dbus-run-session -- bash "$0" "$@"
  fi
fi

BIN="$TARGET/desktop/hearth-desktop"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# Sum of a field (kB) of /proc/PID/{status,smaps_rollup} over PID and all its descendants.
tree_kb() {
  python3 - "$1" <<'EOF'
import os, sys
root = int(sys.argv[1])
children = {}
for p in os.listdir('/proc'):
    if not p.isdigit():
        continue
    try:
        with open(f'/proc/{p}/stat') as f:
            ppid = int(f.read().rsplit(')', 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(p))
    except OSError:
        pass
todo, tree = [root], []
while todo:
    p = todo.pop()
    tree.append(p)
    todo.extend(children.get(p, []))
def field(path, name):
    try:
        with open(path) as f:
            for line in f:
                if line.startswith(name + ':'):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0
rss = sum(field(f'/proc/{p}/status', 'VmRSS') for p in tree)
pss = sum(field(f'/proc/{p}/smaps_rollup', 'Pss') for p in tree)
names = []
for p in tree:
    try:
        names.append(open(f'/proc/{p}/comm').read().strip())
    except OSError:
        pass
print(rss, pss, len(tree), ','.join(sorted(set(names))))
EOF
}

declare -a MS RSS PSS
for i in $(seq 1 "$RUNS"); do
  DATA="$WORK/data-$i"
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  LOG="$WORK/app-$i.log"
  START=$(date +%s%N)
  NO_COLOR=1 HEARTH_DATA_DIR="$DATA" HEARTH_PORT="$PORT" HEARTH_LOG="hearth::http=debug,info" "$BIN" >"$LOG" 2>&1 &
  PID=$!
  SHOWN=""
  for _ in $(seq 1 600); do
    if grep -q "/api/v1/workspaces" "$LOG" 2>/dev/null; then SHOWN=$(date +%s%N); break; fi
    sleep 0.02
  done
  if [ -z "$SHOWN" ]; then
    echo "run $i: the window never showed the UI; log:" >&2; cat "$LOG" >&2; kill "$PID"; exit 1
  fi
  ms=$(( (SHOWN - START) / 1000000 ))
  sleep "$IDLE"
  read -r rss pss nproc names < <(tree_kb "$PID")
  echo "run $i: launch to UI ${ms} ms; idle tree: RSS $((rss / 1024)) MB, PSS $((pss / 1024)) MB, $nproc processes ($names)"
  MS+=("$ms"); RSS+=("$rss"); PSS+=("$pss")
  # A second launch asks this one to quit gracefully (single instance).
  HEARTH_DATA_DIR="$DATA" "$BIN" --quit >/dev/null 2>&1 || true
  wait "$PID" || true
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
M_MS=$(median "${MS[@]}"); M_RSS=$(( $(median "${RSS[@]}") / 1024 )); M_PSS=$(( $(median "${PSS[@]}") / 1024 ))
SIZE=$(stat -c %s "$BIN")
strip -o "$WORK/stripped" "$BIN"
SSIZE=$(stat -c %s "$WORK/stripped")
echo
echo "launch to UI (median of $RUNS): ${M_MS} ms"
echo "idle process tree after ${IDLE} s (median): RSS ${M_RSS} MB (summed: shared pages count in every process), PSS ${M_PSS} MB (shared pages split between processes; target <= 200 MB)"
echo "binary (--profile desktop): $((SIZE / 1024 / 1024)) MB ($SIZE bytes); stripped: $((SSIZE / 1024 / 1024)) MB ($SSIZE bytes)"
mkdir -p "$ROOT/bench-results"
cat >"$ROOT/bench-results/desktop.json" <<EOF
{"runs": $RUNS, "launchToUiMsMedian": $M_MS, "idleSecs": $IDLE, "idleRssMbMedian": $M_RSS, "idlePssMbMedian": $M_PSS,
 "binaryBytes": $SIZE, "strippedBinaryBytes": $SSIZE}
EOF
