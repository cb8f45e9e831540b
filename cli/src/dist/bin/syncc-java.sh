# Sourced by the syncc launchers: run_java JAR ARGS... runs `java -jar JAR ARGS...` with class-data
# sharing. The first `run`, `preview`, `check` or `compile` of a jar on a JDK (commands that load
# most of the CLI; `--help` or `db start` would archive too little) that succeeds lists the classes
# it loaded (-XX:DumpLoadedClassList), and the launcher then writes a static archive of them
# (-Xshare:dump with the same JVM options, about two seconds, once) in $SYNCC_CACHE_DIR/cds, else $XDG_CACHE_HOME/syncc/cds,
# else ~/.cache/syncc/cds; later runs of any command map those classes from it, already parsed and
# verified, and start sooner (bench/run_overhead.sh). A static archive, not a JDK 13+ dynamic one:
# picocli's classes are Java 5 class files, which JDK 17 archives only statically, and verifying
# them again on every start was a tenth of a second. One archive per jar (size and time) and JDK
# (its binary's path and time), the three newest kept; a stale or unusable archive is ignored by the
# JVM. SYNCC_CDS=off, or SYNCC_CACHE_DIR=off, turns it off.
# The young generation is capped at 48 MB (-XX:MaxNewSize=48m): rows stream, so the live heap stays
# small, and G1 would otherwise grow its young generation with the rate of allocation towards 60% of
# the default heap (1/64 of the machine's memory) — 420-580 MB of resident memory for 10,000,000
# rows PostgreSQL -> PostgreSQL against 210-230 MB with the cap, at the same speed (bench/README.md).
# (Measured when PostgreSQL sources still made an array per row; they read into reused buffers now,
# and the cap stays for jobs whose conversions allocate.)
# SYNCC_JAVA_OPTS comes after it and wins.
SYNCC_JVM_DEFAULTS="-XX:MaxNewSize=48m"
run_java() {
  local jar="$1"; shift
  local base="${SYNCC_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/syncc}"
  # the JVM options of every java this function starts: the defaults, then the user's (split into words)
  # shellcheck disable=SC2206
  local -a opts=($SYNCC_JVM_DEFAULTS ${SYNCC_JAVA_OPTS:-})
  if [[ "${SYNCC_CDS:-on}" == off || "$base" == off ]]; then
    exec java "${opts[@]}" -jar "$jar" "$@"
  fi
  local java_bin id dir jsa
  java_bin="$(readlink -f "$(command -v java)" 2>/dev/null || echo java)"
  id="$(stat -c '%n %s %Y' "$jar" "$java_bin" 2>/dev/null | cksum | cut -d' ' -f1)"
  dir="$base/cds"
  jsa="$dir/syncc-cli-$id.static.jsa"
  if [[ -f "$jsa" ]]; then
    exec java -XX:SharedArchiveFile="$jsa" -Xshare:auto -Xlog:cds=off "${opts[@]}" -jar "$jar" "$@"
  fi
  case "${1:-}" in
    run|preview|check|compile) ;;
    *) exec java "${opts[@]}" -jar "$jar" "$@" ;;
  esac
  if ! mkdir -p "$dir" 2>/dev/null || [[ ! -w "$dir" ]]; then
    exec java "${opts[@]}" -jar "$jar" "$@"
  fi
  # the first run lists its classes; the archive is written under a name of its own and renamed
  # whole, so a run started meanwhile never maps half an archive
  local list="$jsa.$$.classlist" tmp="$jsa.$$.tmp" rc=0
  java -XX:DumpLoadedClassList="$list" "${opts[@]}" -jar "$jar" "$@" || rc=$?
  # javac's classes stay out (a first run that compiled a job loads 1,100 of them): they would make
  # the archive 40 MB instead of 25, and every start that maps it slower, for the sake of edits only
  if [[ "$rc" == 0 && -s "$list" ]] \
      && grep -v -E 'com/sun/tools/|com/sun/source/|javax/tools/|javax/lang/model/|javax/annotation/processing/' "$list" > "$list.f" \
      && java "${opts[@]}" -Xshare:dump -XX:SharedClassListFile="$list.f" -XX:SharedArchiveFile="$tmp" \
          -Xlog:cds=off -Xlog:cds+heap=off -cp "$jar" >/dev/null 2>&1 && [[ -s "$tmp" ]]; then
    mv -f "$tmp" "$jsa"
  fi
  rm -f "$list" "$list.f" "$tmp"
  # archives of rebuilt jars or other JDKs: the three newest stay (about 25 MB each); never the
  # command's exit code (the launchers run with errexit and pipefail)
  local old
  while IFS= read -r old; do rm -f -- "${old#* }"; done < <(find "$dir" -maxdepth 1 -name 'syncc-cli-*.jsa' -printf '%T@ %p\n' 2>/dev/null \
      | sort -rn | tail -n +4) || true
  return "$rc"
}
