#!/usr/bin/env bash
# Peak RSS and rate of PostgreSQL -> PostgreSQL job jars, alternating between builds. Not a test:
# numbers depend on the machine and its load. Usage, from a scratch folder where a server runs
# (`java -jar syncc-cli.jar db start`, which writes .syncc/pg/connection.properties):
#
#   bench/pg_to_pg.sh ROWS RUNS JAR...     # each JAR a compiled job jar; `jobp*` jars get --param lo=0
#
# It (re)creates src (ROWS rows: id integer primary key, md5 text, numeric, timestamptz, 50-char
# text) and dst (LIKE src) once, then runs every jar RUNS times in turn with default JVM options
# (`java -jar`, plus $JAVA_OPTS when set, e.g. JAVA_OPTS=-Xmx128m), truncating dst before each run,
# and prints rows/s and peak RSS (GNU time %M).
# Jobs: `job m { source pg.src { split by id } sink pg.dst { write copy } map by name { }
# channel { parallelism 2 } }`; the `jobp` variant adds `where "id > ${lo}"` (a bound cursor read).
set -euo pipefail
ROWS="$1"; RUNS="$2"; shift 2
PORT=$(sed -n 's/^url=.*127\.0\.0\.1\\:\([0-9]*\)\/.*/\1/p' .syncc/pg/connection.properties)
q() { psql -q -h 127.0.0.1 -p "$PORT" -U postgres postgres -c "$1"; }
q "DROP TABLE IF EXISTS src, dst"
q "CREATE TABLE src AS SELECT g AS id, md5(g::text) AS a, g*1.5 AS b, now() AS c, repeat('x', 50) AS d FROM generate_series(1, $ROWS) g"
q "ALTER TABLE src ADD PRIMARY KEY (id)"
q "CREATE TABLE dst (LIKE src)"
q "VACUUM ANALYZE src"
for ((r = 1; r <= RUNS; r++)); do
  for jar in "$@"; do
    q "TRUNCATE dst"
    extra=(); [[ $(basename "$jar") == jobp* ]] && extra=(--param lo=0)
    out=$(/usr/bin/time -f 'RSS %M KB' java ${JAVA_OPTS:-} -jar "$jar" --no-progress "${extra[@]}" 2>&1)
    echo "$r $(basename "$jar") $(grep -o 'throughput *[0-9,]* rows/s' <<<"$out") $(grep -o 'RSS [0-9]* KB' <<<"$out")"
  done
done
