#!/usr/bin/env bash
# Turns the runs bench/run.sh recorded (DIR/results.tsv, DIR/results.env) into DIR/results.md (the
# tables) and DIR/rows-per-second.png (gnuplot). Run by bench/run.sh; run it alone to redraw:
#
#   bench/report.sh [DIR]        # default bench/results
#
# Medians are over the runs whose target held exactly the source's rows ("ok"); failed runs are
# counted in the check column, never in a median.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${1:-$ROOT/bench/results}"
TSV="$DIR/results.tsv"
# shellcheck disable=SC1091
source "$DIR/results.env"
CORES=$(awk '{ print $1 + 0 }' <<<"$HOST")

# median of the ok runs of each (work, tool, rows, parallelism): work tool rows par runs ok median rss client server failures
summary() {
  awk -F'\t' 'NR > 1 {
      k = $1 "\t" $2 "\t" $3 "\t" $4; runs[k]++
      if ($10 == "ok") { n[k]++; t[k, n[k]] = $6; cc[k] += $8; sc[k] += $9; if ($7 > rss[k]) rss[k] = $7 }
      else if (!(k in why)) why[k] = $10
    }
    END {
      for (k in runs) {
        m = n[k] + 0; med = 0
        for (i = 1; i <= m; i++) a[i] = t[k, i]
        for (i = 2; i <= m; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
        if (m > 0) med = (m % 2) ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
        printf "%s\t%d\t%d\t%.3f\t%d\t%.3f\t%.3f\t%s\n", k, runs[k], m, med, rss[k], m ? cc[k] / m : 0, m ? sc[k] / m : 0, (k in why) ? why[k] : "-"
      }
    }' "$TSV"
}
SUMMARY=$(summary)

{
  echo "# syncc benchmark results"
  echo
  echo "$DATE, \`$COMMAND\` at $COMMIT."
  echo "Host: $HOST. $SERVER."
  echo
  echo "Medians of the runs (alternating tools; each run checked: the target holds exactly the source's rows, by count and"
  echo "a checksum of every row's text). Ratio: the reference's time over the tool's — above 1.00× is faster than the"
  echo "reference. CPU per row: the tool's own processes (user + system, GNU time) and every PostgreSQL process (/proc);"
  echo "busy: both CPU times over wall time × $CORES cores."
  echo
  echo "| work | tool | median | rows/s | vs reference | peak RSS | client CPU/row | server CPU/row | busy | runs |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  awk -F'\t' -v rows="$ROWS" -v par="$PAR" -v cores="$CORES" '
    { if ($3 != rows || $4 != par) next   # the comparison records every tool at --parallelism
      k = $1 SUBSEP $2; med[k] = $7; rss[k] = $8; cc[k] = $9; sc[k] = $10; runs[k] = $5; ok[k] = $6; why[k] = $11; have[k] = 1 }
    END {
      split("csv_bank pg_bank pg_accounts", works, " "); tn = split("psql psql2 pipe pgloader jvm jar run", tools, " ")
      name["csv_bank"] = "CSV → PG, bank_data (21 columns)"; name["pg_bank"] = "PG → PG, bank_data (21 columns)"
      name["pg_accounts"] = "PG → PG, pgbench_accounts (4 columns)"
      label["psql"] = "psql `\\copy` (reference)"; label["pipe"] = "binary COPY pipe (reference)"; label["pgloader"] = "pgloader"
      label["jvm"] = "a JVM with pgjdbc moving the bytes, nothing decoded (bench/JvmFloor.java)"
      label["psql2"] = "two psql `\\copy` of the file\047s halves at once (the server parses, two backends)"
      label["jar"] = "syncc job jar, parallelism " par; label["run"] = "`syncc run`, parallelism " par
      for (w = 1; w <= 3; w++) {
        ref = works[w] SUBSEP (works[w] == "csv_bank" ? "psql" : "pipe")
        for (o = 1; o <= tn; o++) {
          k = works[w] SUBSEP tools[o]; if (!(k in have)) continue
          state = ok[k] == runs[k] ? runs[k] " ok" : ok[k] " ok, " runs[k] - ok[k] " " why[k]
          if (ok[k] == 0) { printf "| %s | %s | — | — | — | — | — | — | — | %s |\n", name[works[w]], label[tools[o]], state; continue }
          m = med[k]
          printf "| %s | %s | %.2f s | %\047d | %s | %d MB | %.2f µs | %.2f µs | %.0f%% | %s |\n", name[works[w]], label[tools[o]], m, rows / m,
            (ref in have && med[ref] > 0) ? sprintf("%.2f×", med[ref] / m) : "—", rss[k] / 1024, cc[k] / rows * 1e6, sc[k] / rows * 1e6,
            (cc[k] + sc[k]) / (cores * m) * 100, state
        }
      }
    }' <<<"$SUMMARY"
  if [[ -n "$SCALE" ]]; then
    echo
    echo "## By size and parallelism: the syncc job jar against the reference (median rows/s · peak RSS; ratio to the reference)"
    echo
    printf '| work | tool |'; for n in $SCALE; do printf " %'d rows |" "$n"; done; echo
    printf '|---|---|'; for _ in $SCALE; do printf -- '---|'; done; echo
    for work in csv_bank pg_bank; do
      for tool in ref jvm $(awk -F'\t' -v w="$work" '$1 == w && $2 == "jar" { print $4 }' <<<"$SUMMARY" | sort -nu); do
        if [[ $tool == ref ]]; then t=$([[ $work == csv_bank ]] && echo psql || echo pipe); p=1; label="$t (reference)"
        elif [[ $tool == jvm ]]; then t=jvm; p=1; label="JVM floor (bench/JvmFloor.java)"
        else t=jar; p=$tool; label="syncc jar, parallelism $p"; fi
        printf '| %s | %s |' "$([[ $work == csv_bank ]] && echo "CSV → PG" || echo "PG → PG")" "$label"
        for n in $SCALE; do
          awk -F'\t' -v w="$work" -v t="$t" -v n="$n" -v p="$p" -v rt="$([[ $work == csv_bank ]] && echo psql || echo pipe)" '
            $1 == w && $3 == n && $2 == rt && $4 == 1 { ref = $7 }
            $1 == w && $2 == t && $3 == n && $4 == p && $6 > 0 { med = $7; rss = $8 }
            END { if (med > 0) printf " %\047d · %d MB%s |", n / med, rss / 1024, (t != rt && ref > 0) ? sprintf(" · %.2f×", ref / med) : ""; else printf " — |" }' <<<"$SUMMARY"
        done
        echo
      done
    done
  fi
} > "$DIR/results.md"

# the chart: rows/s of each tool for each work; with sizes, rows/s of the jar by size and parallelism
awk -F'\t' -v rows="$ROWS" -v par="$PAR" '$3 == rows && $4 == par && $6 > 0 { r[$1, $2] = rows / $7 }
  END { tn = split("psql psql2 pipe pgloader jvm jar run", tools, " "); split("csv_bank pg_bank pg_accounts", works, " ")
        for (o = 1; o <= tn; o++) { line = (tools[o] == "jar" ? "syncc-jar" : tools[o] == "run" ? "syncc-run" : tools[o] == "jvm" ? "jvm-floor" : tools[o] == "psql2" ? "psql-halves" : tools[o]); any = 0
          for (w = 1; w <= 3; w++) { k = works[w] SUBSEP tools[o]; line = line " " ((k in r) ? r[k] : "-"); if (k in r) any = 1 }
          if (any) print line } }' <<<"$SUMMARY" > "$DIR/.chart-tools.dat"
TOOLS_PLOT=""   # none when no run of the comparison passed its check
[[ ! -s "$DIR/.chart-tools.dat" ]] || TOOLS_PLOT="set title 'rows/s by tool, $ROWS rows, parallelism $PAR (higher is better)'
set style data histogram; set style histogram clustered gap 1; set style fill solid 0.8 border -1
set ylabel 'rows/s'; set yrange [0:*]; set grid ytics; set key top right
plot '$DIR/.chart-tools.dat' using 2:xtic(1) title 'CSV -> PG bank_data', '' using 3 title 'PG -> PG bank_data', '' using 4 title 'PG -> PG pgbench_accounts'"
SCALE_PLOT=""
if [[ -n "$SCALE" ]]; then
  for n in $SCALE; do
    awk -F'\t' -v n="$n" '$3 == n && $6 > 0 { r[$1, $2, $4] = n / $7 }
      END { printf "%s", n; cn = split("csv_bank:psql:1 csv_bank:jar:1 csv_bank:jar:2 csv_bank:jar:4 pg_bank:pipe:1 pg_bank:jar:1 pg_bank:jar:2 pg_bank:jar:4 csv_bank:jvm:1 pg_bank:jvm:1", c, " ")
            for (i = 1; i <= cn; i++) { split(c[i], f, ":"); k = f[1] SUBSEP f[2] SUBSEP f[3]; printf " %s", (k in r) ? r[k] : "-" }; print "" }' <<<"$SUMMARY"
  done > "$DIR/.chart-scale.dat"
  SCALE_PLOT="set size 0.5,1; set origin 0.5,0
set title 'rows/s by size (syncc job jar, parallelism 1, 2, 4)'; set logscale x; set xlabel 'rows'; set style data linespoints
set key top left; set xrange [$(tr ' ' '\n' <<<"$SCALE" | sort -n | head -1)*0.7:$(tr ' ' '\n' <<<"$SCALE" | sort -n | tail -1)*1.4]
unset xtics; set xtics ($(for n in $SCALE; do printf '"%s" %s,' "$(awk -v n="$n" 'BEGIN { if (n >= 1e6) printf "%gM", n / 1e6; else printf "%gk", n / 1e3 }')" "$n"; done | sed 's/,$//'))
plot '$DIR/.chart-scale.dat' using 1:2 title 'CSV: psql copy' lw 2 dt 2, '' using 1:3 title 'CSV: jar p1', '' using 1:4 title 'CSV: jar p2', '' using 1:5 title 'CSV: jar p4', \\
     '' using 1:6 title 'PG: COPY pipe' lw 2 dt 2, '' using 1:7 title 'PG: jar p1', '' using 1:8 title 'PG: jar p2', '' using 1:9 title 'PG: jar p4', \\
     '' using 1:10 title 'CSV: JVM floor' dt 3, '' using 1:11 title 'PG: JVM floor' dt 3"
fi
CHART=" and $DIR/rows-per-second.png"
if ! command -v gnuplot >/dev/null 2>&1; then
  CHART=" (no gnuplot on this machine, so no chart; bench/run.sh installs gnuplot-nox)"
elif [[ -z "$TOOLS_PLOT$SCALE_PLOT" ]]; then
  CHART=" (no run passed its check: no chart)"
else
gnuplot <<GP
set terminal pngcairo size $([[ -n "$SCALE" ]] && echo 1600 || echo 900),560 font ",10" noenhanced
set output "$DIR/rows-per-second.png"
set datafile missing "-"
set multiplot
set size $([[ -n "$SCALE" ]] && echo 0.5 || echo 1),1; set origin 0,0
$TOOLS_PLOT
$SCALE_PLOT
unset multiplot
GP
fi
rm -f "$DIR/.chart-tools.dat" "$DIR/.chart-scale.dat"
cat "$DIR/results.md"
echo "bench: wrote $DIR/results.md$CHART" >&2
