#!/usr/bin/env bash
# What `syncc run` adds to a load: the quickstart's 1,000-row CSV job run as a compiled job jar and
# with `syncc run` (check, metadata, generation, javac or the compiled-job cache, load), alternating,
# on one running server (`syncc db start`, reused by both). Not a test: numbers depend on the machine.
#
#   bench/run_overhead.sh [RUNS]            # default 7
#
# `syncc run` goes through the ./syncc launcher, as people run it. Prints the wall time of every run
# and the medians: the jar; `syncc run` with the compiled-job cache warm (an unchanged job: no
# javac) and class-data sharing; the same without class-data sharing (SYNCC_CDS=off); and with the
# compiled-job cache cold (its classes removed before each run: the first run after an edit).
set -euo pipefail
RUNS="${1:-7}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/out-overhead"
SYNCC="$ROOT/syncc"
"$SYNCC" --version >/dev/null   # builds the CLI when needed
CLI="$ROOT/cli/target/syncc-cli.jar"
rm -rf "$OUT" && mkdir -p "$OUT/cache"
cp -r "$ROOT/samples/quickstart/." "$OUT/"
cd "$OUT"
java -jar "$CLI" db start > db.log 2>&1 &
DB=$!
trap 'kill $DB 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do [[ -f .syncc/pg/connection.properties ]] && break; sleep 0.5; done
java -jar "$CLI" compile bank_data.sync -o job.jar >/dev/null
export SYNCC_CACHE_DIR="$OUT/cache"
"$SYNCC" run bank_data.sync --no-progress >/dev/null   # the warm cache's entry and the class-data archive (trained by a run)
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
declare -a jar warm nocds cold
for ((r = 1; r <= RUNS; r++)); do
  jar+=("$(ms java -jar job.jar --no-progress)")
  warm+=("$(ms "$SYNCC" run bank_data.sync --no-progress)")
  nocds+=("$(SYNCC_CDS=off ms "$SYNCC" run bank_data.sync --no-progress)")
  rm -rf "$OUT/cache/classes"
  cold+=("$(ms "$SYNCC" run bank_data.sync --no-progress)")
  echo "run $r: jar ${jar[-1]} ms, syncc run: warm ${warm[-1]} ms, warm without CDS ${nocds[-1]} ms, cache cold ${cold[-1]} ms"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
J=$(median "${jar[@]}"); W=$(median "${warm[@]}"); N=$(median "${nocds[@]}"); C=$(median "${cold[@]}")
echo "medians: jar $J ms; syncc run warm $W ms ($(awk "BEGIN {printf \"%.2f\", $W/$J}")x the jar), without CDS $N ms,"\
" cache cold $C ms (+$((C - W)) ms for generation and javac)"
