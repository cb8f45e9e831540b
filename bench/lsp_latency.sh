#!/usr/bin/env bash
# The language server's latency budget, measured on this machine (not a test: timings are noisy):
# completion p50/p99 over JSON-RPC and diagnostics of a 500-line file, on cached metadata, against
# the embedded PostgreSQL. Builds what it needs with Maven (offline when the local repository has it).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OFFLINE=${MVN_OFFLINE:--o}
mvn -q -B $OFFLINE -DskipTests install -pl language-server -am >/dev/null
CP_FILE="$(mktemp)"
mvn -q -B $OFFLINE dependency:build-classpath -pl language-server -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >/dev/null
java ${JAVA_OPTS:-} -cp "language-server/target/test-classes:language-server/target/classes:$(cat "$CP_FILE")" io.syncc.lsp.LatencyBench
rm -f "$CP_FILE"
