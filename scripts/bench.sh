#!/usr/bin/env bash
# Runs EmbedGate's benchmarks (embedgate-bench) and rewrites their section of docs/benchmarks.md.
#   scripts/bench.sh              full run (well under 10 minutes on 2 cores); rewrites the docs section
#   scripts/bench.sh --quick      small sample, short windows (1-2 minutes); prints the report, leaves docs alone
#   scripts/bench.sh --no-build   skip the Maven build (use the jars already in target/)
#   scripts/bench.sh --help       every option
# Run it on an otherwise idle machine: the benchmark uses every core.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source scripts/find-jdk.sh

build=1
args=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    *) args+=("$arg") ;;
  esac
done

if [ "$build" = 1 ]; then
  echo "Building embedgate-server and embedgate-bench..." >&2
  ./mvnw -B -q -ntp -DskipTests package -pl embedgate-server,embedgate-bench -am >&2
fi

jar="$root/embedgate-bench/target/embedgate-bench.jar"
if [ ! -f "$jar" ]; then
  echo "The benchmark jar is missing at $jar; run without --no-build." >&2
  exit 1
fi

exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xms1g -Xmx2g \
  -Dembedgate.data.dir="${EMBEDGATE_DATA_DIR:-$root/../shared/data}" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -jar "$jar" --command "scripts/bench.sh${*:+ $*}" --docs "$root/docs/benchmarks.md" ${args[@]+"${args[@]}"}
