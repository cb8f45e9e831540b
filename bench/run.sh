#!/usr/bin/env bash
# The syncc benchmark: the same data, on one PostgreSQL server with default (durable) settings,
# loaded by each tool in turn, alternating, several times. Not a test: timings depend on the machine
# and its load, so tests never assert them. Usage:
#
#   bench/run.sh [--rows N] [--runs R] [--parallelism P] [--scale "ROWS..."] [--scale-parallelism "P..."]
#                [--scale-runs R] [--skip-pgloader] [--results DIR]
#
# defaults: --rows 2000000 --runs 3 --parallelism 2; --scale (off by default) e.g. "100000 1000000 10000000",
# with --scale-parallelism "1 2 4" and --scale-runs 1.
#
# Work and tools (every run checks the target holds exactly the source's rows: count and an
# order-independent checksum of every row's text, computed by the server):
#   CSV -> PG   bank_data (21 columns)       psql \copy (reference) · two psql \copy of the file's halves at once · pgloader ·
#                                            JVM floor · syncc job jar · syncc run
#   PG  -> PG   bank_data (21 columns)       COPY (FORMAT binary) pipe between two psql (reference) · pgloader · JVM floor · syncc jar · syncc run
#   PG  -> PG   pgbench_accounts (4 columns) the same
# The JVM floor (bench/JvmFloor.java) does the reference's work in a JVM with syncc's PostgreSQL driver and
# nothing else (bytes passed on undecoded): what a JVM with this driver costs before any work of its own.
# Two psql of the CSV's halves at once: the server parsing the file with two backends — the most a loader that
# leaves the parsing to the server could reach with parallelism 2, before any start-up of its own.
# For each: median wall time of the runs, rows/s, ratio to the reference (above 1 is faster), peak RSS
# (GNU time; the larger psql of the pipe), client CPU (user + system of the tool's processes) and server
# CPU (all PostgreSQL processes, from /proc), per row, and how busy the machine's cores were.
# --scale adds rows/s of the syncc job jar at each size and parallelism, with the reference and the JVM floor at each size.
#
# Writes bench/results/ (or --results DIR): results.tsv (every run), results.env (the settings), and through bench/report.sh
# results.md (the tables) and rows-per-second.png (gnuplot). Needs a JDK 17, Maven, psql, GNU time, gnuplot and pgloader; installs the last four with
# apt-get when missing (as root). Scratch files (CSV, jobs, jars, the server's data) live in bench/out/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROWS=2000000; RUNS=3; PAR=2; SCALE=""; SCALE_PAR="1 2 4"; SCALE_RUNS=1; PGLOADER=1; RESULTS="$ROOT/bench/results"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rows) ROWS="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --parallelism) PAR="$2"; shift 2 ;;
    --scale) SCALE="$2"; shift 2 ;;
    --scale-parallelism) SCALE_PAR="$2"; shift 2 ;;
    --scale-runs) SCALE_RUNS="$2"; shift 2 ;;
    --skip-pgloader) PGLOADER=0; shift ;;
    --results) RESULTS="$(mkdir -p "$2" && cd "$2" && pwd)"; shift 2 ;;
    *) sed -n '2,25p' "$0" >&2; exit 2 ;;
  esac
done
OUT="$ROOT/bench/out"
SYNCC="$ROOT/syncc"
mkdir -p "$OUT/data" "$RESULTS"

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
need gnuplot gnuplot-nox
[[ $PGLOADER -eq 0 ]] || need pgloader pgloader

# ---- the server: one embedded PostgreSQL with PostgreSQL's default durability settings --------------
"$SYNCC" --version >/dev/null   # builds the CLI on first use, outside the timed part
cd "$OUT"
rm -f .syncc/pg/connection.properties
"$SYNCC" db start --durable > db.log 2>&1 &
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
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres)
sql() { "${PSQL[@]}" -d "${DB:-postgres}" -tA -c "$1"; }
POSTMASTER=$(head -1 .syncc/pg/data/postmaster.pid)
SERVER_VERSION=$(sql "SHOW server_version")
SETTINGS=$(sql "SELECT string_agg(name || '=' || setting, ', ' ORDER BY name) FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers', 'max_wal_size', 'wal_level')")

# CPU seconds used so far by the server: the postmaster, its live children, and the children it reaped
server_cpu() {
  local hz; hz=$(getconf CLK_TCK)
  { cat /proc/"$POSTMASTER"/stat; for p in $(pgrep -P "$POSTMASTER"); do cat /proc/"$p"/stat 2>/dev/null || true; done; } |
    awk -v hz="$hz" -v pm="$POSTMASTER" '{ sub(/^.*\) /, ""); t += $12 + $13; if (NR == 1) t += $14 + $15 } END { printf "%.2f", t / hz }'
}

# ---- the data ------------------------------------------------------------------------------------
BANK_COLUMNS="age integer, job text, marital text, education text, creditcard text, housing text, loan text,
  contact text, month text, day_of_week text, duration integer, campaign integer, pdays integer,
  previous integer, poutcome text, emp_var_rate double precision, cons_price_idx double precision,
  cons_conf_idx double precision, euribor3m double precision, nr_employed double precision, y integer"
ACCOUNTS_COLUMNS="aid integer PRIMARY KEY, bid integer, abalance integer, filler character(84)"
sql "SELECT 1 FROM pg_database WHERE datname = 'bench_target'" | grep -q 1 || sql "CREATE DATABASE bench_target"

# prepare ROWS: the CSV, the PostgreSQL sources (bank_src, pgbench_accounts) and empty targets
prepare() {
  local n=$1 csv="$OUT/data/bank_data.csv"
  if [[ ! -f "$csv" || "$(cat "$OUT/data/.rows" 2>/dev/null)" != "$n" ]]; then
    echo "bench: generating $n rows ..." >&2
    rm -f "$OUT/data/half."*
    java "$ROOT/samples/quickstart/GenerateBankData.java" "$n" "$csv"
    echo "$n" > "$OUT/data/.rows"
  fi
  # its halves, split between two lines (no record spans lines), for two psql at once; the header in the first
  [[ -f "$OUT/data/half.01" ]] || split -n l/2 -d "$csv" "$OUT/data/half."
  sql "DROP TABLE IF EXISTS bank_data, bank_src, bank_dst, pgbench_accounts, accounts_dst"
  sql "CREATE TABLE bank_data ($BANK_COLUMNS)"
  sql "CREATE TABLE bank_src ($BANK_COLUMNS)"
  sql "CREATE TABLE bank_dst ($BANK_COLUMNS)"
  "${PSQL[@]}" -d postgres -c "\\copy bank_src FROM '$csv' WITH (FORMAT csv, HEADER true)"
  sql "CREATE TABLE pgbench_accounts ($ACCOUNTS_COLUMNS)"
  sql "INSERT INTO pgbench_accounts SELECT g, (g - 1) / 100000 + 1, 0, '' FROM generate_series(1, $n) g"
  sql "CREATE TABLE accounts_dst ($ACCOUNTS_COLUMNS)"
  sql "VACUUM ANALYZE bank_src" >/dev/null; sql "VACUUM ANALYZE pgbench_accounts" >/dev/null
  # pgloader copies a table into the table of the same name of another database
  DB=bench_target sql "DROP TABLE IF EXISTS bank_src, pgbench_accounts"
  DB=bench_target sql "CREATE TABLE bank_src ($BANK_COLUMNS)"
  DB=bench_target sql "CREATE TABLE pgbench_accounts ($ACCOUNTS_COLUMNS)"
  CHECK_BANK=$(checksum postgres bank_src); CHECK_ACCOUNTS=$(checksum postgres pgbench_accounts)
}
checksum() { DB=$1 sql "SELECT count(*) || ' ' || coalesce(sum(hashtext(t::text)::numeric), 0) FROM $2 t"; }

# ---- the jobs: one .sync per work and parallelism, compiled once into a jar ------------------------
cat > datasources.sync <<'SYNC'
datasource files { type csv  path "data" }
datasource bench { type postgres  url embedded }
SYNC
job_file() { # job_file WORK PARALLELISM -> the .sync path
  local work=$1 p=$2 f="$OUT/${1}_p$2.sync"
  case "$work" in
    csv_bank) printf 'job %s_p%s {\n  source files.bank_data\n  sink bench.bank_data { write copy }\n  map by name { }\n  channel { parallelism %s }\n}\n' "$work" "$p" "$p" ;;
    pg_bank) printf 'job %s_p%s {\n  source bench.bank_src\n  sink bench.bank_dst { write copy }\n  map by name { }\n  channel { parallelism %s }\n}\n' "$work" "$p" "$p" ;;
    pg_accounts) printf 'job %s_p%s {\n  source bench.pgbench_accounts { split by aid }\n  sink bench.accounts_dst { write copy }\n  map by name { }\n  channel { parallelism %s }\n}\n' "$work" "$p" "$p" ;;
  esac > "$f.new"
  if cmp -s "$f.new" "$f"; then rm "$f.new"; else mv "$f.new" "$f"; fi   # unchanged: the compiled jar stays fresh
  echo "$f"
}
# a job jar bundles the runtime: compiled again when its .sync or the CLI (the runtime) is newer
jar_of() { local f j; f=$(job_file "$1" "$2"); j="${f%.sync}.jar"
  [[ -f "$j" && "$j" -nt "$f" && "$j" -nt "$ROOT/cli/target/syncc-cli.jar" ]] || "$SYNCC" compile "$f" -o "$j" >/dev/null; echo "$j"; }

target_of() { case "$1" in csv_bank) echo "postgres bank_data" ;; pg_bank) echo "postgres bank_dst" ;; pg_accounts) echo "postgres accounts_dst" ;; esac; }
pgloader_target_of() { case "$1" in csv_bank) echo "postgres bank_data" ;; pg_bank) echo "bench_target bank_src" ;; pg_accounts) echo "bench_target pgbench_accounts" ;; esac; }
expected_of() { case "$1" in csv_bank|pg_bank) echo "$CHECK_BANK" ;; pg_accounts) echo "$CHECK_ACCOUNTS" ;; esac; }
source_of() { case "$1" in pg_bank) echo bank_src ;; pg_accounts) echo pgbench_accounts ;; esac; }

# one timed run: WORK TOOL ROWS PARALLELISM -> a line of results.tsv
run_tool() {
  local work=$1 tool=$2 n=$3 p=$4 db table
  read -r db table <<<"$(if [[ $tool == pgloader ]]; then pgloader_target_of "$work"; else target_of "$work"; fi)"
  DB=$db sql "TRUNCATE $table"; sql "CHECKPOINT"
  local cpu0 t0 t1 cpu1 rc=0 rss=0 cpu=0
  rm -f time*.txt
  local jar=""; [[ $tool != jar ]] || jar=$(jar_of "$work" "$p")   # compiled before the clock starts
  cpu0=$(server_cpu); t0=$(date +%s.%N)
  case "$tool" in
    psql)
      /usr/bin/time -f '%M %U %S' -o time1.txt "${PSQL[@]}" -d postgres -c "\\copy bank_data FROM '$OUT/data/bank_data.csv' WITH (FORMAT csv, HEADER true)" || rc=$? ;;
    psql2)
      local first
      /usr/bin/time -f '%M %U %S' -o time1.txt "${PSQL[@]}" -d postgres -c "\\copy bank_data FROM '$OUT/data/half.00' WITH (FORMAT csv, HEADER true)" &
      first=$!
      /usr/bin/time -f '%M %U %S' -o time2.txt "${PSQL[@]}" -d postgres -c "\\copy bank_data FROM '$OUT/data/half.01' WITH (FORMAT csv)" || rc=$?
      wait "$first" || rc=$? ;;
    pipe)
      { /usr/bin/time -f '%M %U %S' -o time1.txt "${PSQL[@]}" -d postgres -c "COPY $(source_of "$work") TO STDOUT (FORMAT binary)" |
        /usr/bin/time -f '%M %U %S' -o time2.txt "${PSQL[@]}" -d postgres -c "COPY $table FROM STDIN (FORMAT binary)"; } || rc=$? ;;
    pgloader)
      if [[ $work == csv_bank ]]; then
        cat > load.pgl <<PGL
LOAD CSV FROM '$OUT/data/bank_data.csv'
  INTO postgresql://postgres@127.0.0.1:$PORT/postgres?tablename=bank_data
  WITH skip header = 1, fields optionally enclosed by '"', fields escaped by double-quote, fields terminated by ',',
       workers = $p, concurrency = 1, batch rows = 25000, prefetch rows = 25000;
PGL
      else
        cat > load.pgl <<PGL
LOAD DATABASE FROM pgsql://postgres@127.0.0.1:$PORT/postgres INTO pgsql://postgres@127.0.0.1:$PORT/bench_target
  WITH data only, workers = $p, concurrency = 1, batch rows = 25000, prefetch rows = 25000
  INCLUDING ONLY TABLE NAMES MATCHING '$table' IN SCHEMA 'public';
PGL
      fi
      /usr/bin/time -f '%M %U %S' -o time1.txt pgloader --quiet load.pgl > pgloader.log 2>&1 || rc=$? ;;
    jar)
      /usr/bin/time -f '%M %U %S' -o time1.txt java -jar "$jar" --no-progress --fresh > summary.txt 2>&1 || rc=$? ;;
    jvm)
      local from=(pipe "$(source_of "$work")"); [[ $work != csv_bank ]] || from=(csv "$OUT/data/bank_data.csv")
      /usr/bin/time -f '%M %U %S' -o time1.txt java -cp "$ROOT/cli/target/syncc-cli.jar:$OUT/floor" JvmFloor \
        "jdbc:postgresql://127.0.0.1:$PORT/postgres?user=postgres" "${from[@]}" "$table" > summary.txt 2>&1 || rc=$? ;;
    run)
      /usr/bin/time -f '%M %U %S' -o time1.txt "$SYNCC" run "$(job_file "$work" "$p")" --no-progress --fresh > summary.txt 2>&1 || rc=$? ;;
  esac
  t1=$(date +%s.%N); cpu1=$(server_cpu)
  for f in time1.txt time2.txt; do
    [[ -f $f ]] || continue
    read -r m u s < <(tail -1 "$f")
    (( m > rss )) && rss=$m
    cpu=$(awk -v a="$cpu" -v u="$u" -v s="$s" 'BEGIN { print a + u + s }')
  done
  local got ok=ok
  got=$(checksum "$db" "$table")
  if [[ $rc -ne 0 ]]; then ok="failed(exit $rc)"; elif [[ "$got" != "$(expected_of "$work")" ]]; then ok="WRONG($got)"; fi
  [[ $ok == ok ]] || { echo "bench: $work $tool: $ok" >&2; [[ $tool == pgloader ]] && tail -5 pgloader.log >&2; [[ -f summary.txt ]] && tail -5 summary.txt >&2; }
  printf '%s\t%s\t%s\t%s\t%s\t%.3f\t%s\t%s\t%s\t%s\n' "$work" "$tool" "$n" "$p" "$RUN" \
    "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" "$rss" "$cpu" "$(awk -v a="$cpu0" -v b="$cpu1" 'BEGIN { print b - a }')" "$ok" | tee -a "$TSV"
}

TSV="$RESULTS/results.tsv"
printf 'work\ttool\trows\tparallelism\trun\tseconds\tpeak_rss_kb\tclient_cpu_s\tserver_cpu_s\tcheck\n' > "$TSV"
HOST="$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "bench: $ROWS rows, $RUNS runs, parallelism $PAR; PostgreSQL $SERVER_VERSION ($SETTINGS); $HOST" >&2
CMDLINE="bench/run.sh --rows $ROWS --runs $RUNS --parallelism $PAR"
[[ -z "$SCALE" ]] || CMDLINE+=" --scale \"$SCALE\" --scale-parallelism \"$SCALE_PAR\" --scale-runs $SCALE_RUNS"
[[ $PGLOADER -eq 1 ]] || CMDLINE+=" --skip-pgloader"
{
  printf 'ROWS=%q\nRUNS=%q\nPAR=%q\nSCALE=%q\nCOMMAND=%q\n' "$ROWS" "$RUNS" "$PAR" "$SCALE" "$CMDLINE"
  printf 'COMMIT=%q\nDATE=%q\nHOST=%q\n' "$(git -C "$ROOT" rev-parse --short HEAD)" "$(date -u '+%Y-%m-%d %H:%M UTC')" "$HOST"
  printf 'SERVER=%q\n' "PostgreSQL $SERVER_VERSION (embedded, \`syncc db start --durable\`): $SETTINGS"
} > "$RESULTS/results.env"

# ---- the comparison: every tool, alternating -------------------------------------------------------
prepare "$ROWS"
TOOLS_CSV="psql psql2 jvm jar run"; TOOLS_PG="pipe jvm jar run"
[[ $PGLOADER -eq 0 ]] || { TOOLS_CSV="psql psql2 pgloader jvm jar run"; TOOLS_PG="pipe pgloader jvm jar run"; }
# the JVM floor (bench/JvmFloor.java): the reference's work in a JVM with syncc's driver, nothing decoded
mkdir -p "$OUT/floor"; javac -d "$OUT/floor" -cp "$ROOT/cli/target/syncc-cli.jar" "$ROOT/bench/JvmFloor.java"
# compiled once (and into the compiled-job cache, so `syncc run` skips javac); one run trains the class-data archive
for work in csv_bank pg_bank pg_accounts; do
  f=$(job_file "$work" "$PAR"); "$SYNCC" compile "$f" -o "${f%.sync}.jar" >/dev/null
done
"$SYNCC" run "$(job_file pg_accounts "$PAR")" --no-progress >/dev/null 2>&1 || true
for RUN in $(seq 1 "$RUNS"); do
  for tool in $TOOLS_CSV; do run_tool csv_bank "$tool" "$ROWS" "$PAR"; done
  for work in pg_bank pg_accounts; do
    for tool in $TOOLS_PG; do run_tool "$work" "$tool" "$ROWS" "$PAR"; done
  done
done

# ---- scale: the syncc job jar at each size and parallelism, with the reference at each size --------
if [[ -n "$SCALE" ]]; then
  for n in $SCALE; do
    prepare "$n"
    for p in $SCALE_PAR; do for work in csv_bank pg_bank; do jar_of "$work" "$p" >/dev/null; done; done
    for RUN in $(seq 1 "$SCALE_RUNS"); do
      run_tool csv_bank psql "$n" 1
      run_tool csv_bank jvm "$n" 1
      for p in $SCALE_PAR; do run_tool csv_bank jar "$n" "$p"; done
      run_tool pg_bank pipe "$n" 1
      run_tool pg_bank jvm "$n" 1
      for p in $SCALE_PAR; do run_tool pg_bank jar "$n" "$p"; done
    done
  done
fi

# ---- the tables and the chart (bench/report.sh, which also redraws them from a results.tsv alone) -------
"$ROOT/bench/report.sh" "$RESULTS"
