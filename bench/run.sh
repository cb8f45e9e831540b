#!/usr/bin/env bash
# Load the same bank_data CSV into the same empty table on the same PostgreSQL server, once with
# `psql \copy` and once with a syncc job jar (write copy, parallelism 2), and print both rates and
# their ratio. Not a test: timings depend on the machine. Usage:
#
#   bench/run.sh [ROWS] [RUNS]        # defaults: 2000000 rows, 3 runs of each (alternating)
#
# Needs a JDK 17, Maven, psql and GNU time; installs the last two with apt-get when missing (as root).
# Everything it makes lives in bench/out/ (git-ignored): the CSV, the .sync job, the job jar and the
# embedded server's data folder (.syncc/pg), started here with `syncc db start` and stopped at the end.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROWS="${1:-2000000}"
RUNS="${2:-3}"
OUT="$ROOT/bench/out"
SYNCC="$ROOT/syncc"
mkdir -p "$OUT/data"

need() { # need COMMAND DEBIAN_PACKAGE
  command -v "$1" >/dev/null 2>&1 && return 0
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "bench: installing $2 ..." >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  else
    echo "bench: needs $1 (Debian package $2)" >&2; exit 2
  fi
}
need psql postgresql-client
[[ -x /usr/bin/time ]] || need /usr/bin/time time

# 1. the data: deterministic, regenerated only when the row count changes
CSV="$OUT/data/bank_data.csv"
if [[ ! -f "$CSV" || "$(cat "$OUT/data/.rows" 2>/dev/null)" != "$ROWS" ]]; then
  echo "bench: generating $ROWS rows ..." >&2
  java "$ROOT/samples/quickstart/GenerateBankData.java" "$ROWS" "$CSV"
  echo "$ROWS" > "$OUT/data/.rows"
fi
BYTES=$(stat -c %s "$CSV")

# 2. one embedded PostgreSQL for both loaders (fsync off, like every embedded syncc server)
"$SYNCC" --version >/dev/null   # builds the CLI on first use, outside the timed part
cd "$OUT"
rm -f .syncc/pg/connection.properties
"$SYNCC" db start > db.log 2>&1 &
DB_PID=$!
trap 'kill $DB_PID 2>/dev/null; wait $DB_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  [[ -f .syncc/pg/connection.properties ]] && break
  kill -0 $DB_PID 2>/dev/null || { cat db.log >&2; exit 1; }
  sleep 0.5
done
PORT=$(sed -n 's/^url=.*127\.0\.0\.1\\\?:\([0-9]*\)\/.*/\1/p' .syncc/pg/connection.properties)
[[ -n "$PORT" ]] || { echo "bench: embedded server did not start" >&2; cat db.log >&2; exit 1; }
export PGOPTIONS="-c client_min_messages=warning"
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres -d postgres)

"${PSQL[@]}" <<'SQL'
DROP TABLE IF EXISTS bank_data;
CREATE TABLE bank_data (
  age integer, job text, marital text, education text, creditcard text, housing text, loan text,
  contact text, month text, day_of_week text, duration integer, campaign integer, pdays integer,
  previous integer, poutcome text, emp_var_rate double precision, cons_price_idx double precision,
  cons_conf_idx double precision, euribor3m double precision, nr_employed double precision, y integer);
SQL

# 3. the syncc job, compiled once (compilation is not part of the timed load)
cat > datasources.sync <<'SYNC'
datasource files { type csv  path "data" }
datasource bench { type postgres  url embedded }
SYNC
cat > bank_data.sync <<'SYNC'
job bench_bank_data {
  source files.bank_data
  sink bench.bank_data { write copy }
  map by name { }
  channel { parallelism 2 }
}
SYNC
"$SYNCC" compile bank_data.sync -o bank_data.jar >/dev/null

now() { date +%s.%N; }
rate() { awk -v r="$ROWS" -v s="$1" 'BEGIN { printf "%.0f", r / s }'; }
check_count() {
  local n; n=$("${PSQL[@]}" -tA -c "SELECT count(*) FROM bank_data")
  [[ "$n" == "$ROWS" ]] || { echo "bench: $1 loaded $n rows, expected $ROWS" >&2; exit 1; }
}

printf 'bench: %s rows, %.1f MB CSV, %s runs each, %s\n' "$ROWS" "$(awk -v b="$BYTES" 'BEGIN{print b/1048576}')" "$RUNS" \
  "$("${PSQL[@]}" -tA -c 'SHOW server_version')"
printf '%-5s %14s %14s %10s %12s\n' run "psql rows/s" "syncc rows/s" ratio "syncc RSS"
PSQL_TIMES=(); SYNCC_TIMES=(); RSS_MAX=0
for run in $(seq 1 "$RUNS"); do
  "${PSQL[@]}" -c "TRUNCATE bank_data" -c "CHECKPOINT"
  t0=$(now)
  "${PSQL[@]}" -c "\\copy bank_data FROM '$CSV' WITH (FORMAT csv, HEADER true)"
  t1=$(now)
  check_count "psql \\copy"
  psql_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')

  "${PSQL[@]}" -c "TRUNCATE bank_data" -c "CHECKPOINT"
  t0=$(now)
  /usr/bin/time -f '%M' -o time.txt java -jar bank_data.jar --no-progress > summary.txt
  t1=$(now)
  check_count "syncc"
  syncc_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
  rss_kb=$(tail -1 time.txt)
  (( rss_kb > RSS_MAX )) && RSS_MAX=$rss_kb

  PSQL_TIMES+=("$psql_s"); SYNCC_TIMES+=("$syncc_s")
  printf '%-5s %14s %14s %9.2fx %9d MB\n' "$run" "$(rate "$psql_s")" "$(rate "$syncc_s")" \
    "$(awk -v p="$psql_s" -v s="$syncc_s" 'BEGIN { print p / s }')" $((rss_kb / 1024))
done

median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
PM=$(median "${PSQL_TIMES[@]}"); SM=$(median "${SYNCC_TIMES[@]}")
printf 'median psql \\copy  %s rows/s (%.2f s)\n' "$(rate "$PM")" "$PM"
printf 'median syncc       %s rows/s (%.2f s, whole java -jar process; parallelism 2)\n' "$(rate "$SM")" "$SM"
printf 'ratio syncc / psql %.2fx   peak RSS of the job %d MB\n' "$(awk -v p="$PM" -v s="$SM" 'BEGIN { print p / s }')" $((RSS_MAX / 1024))
echo "last syncc summary:"; sed 's/^/  /' summary.txt
