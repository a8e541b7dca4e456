#!/usr/bin/env bash
# Runs EmbedGate's benchmarks (embedgate-bench) and rewrites their section of docs/benchmarks.md.
#   scripts/bench.sh                        local provider and server: full run (well under 10 minutes on 2 cores)
#   scripts/bench.sh --providers            remote providers against the simulator: gateway overhead, failover,
#                                           a Redis-shared rate limit (about 6 minutes; needs Redis on 127.0.0.1:6379)
#   scripts/bench.sh --cache                the cache: hit path against the static /health route, and a corpus
#                                           replay with Zipf-distributed repeats (about 4 minutes)
#   scripts/bench.sh [--providers|--cache] --quick  short windows (1-3 minutes); prints the report, leaves docs alone
#   scripts/bench.sh --no-build             skip the Maven build (use the jars already in target/)
#   scripts/bench.sh [--providers|--cache] --help   every option
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
