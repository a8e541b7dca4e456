#!/usr/bin/env bash
# Runs EmbedGate's benchmarks (embedgate-bench) and rewrites their section of docs/benchmarks.md.
#   scripts/bench.sh                        local provider and server: full run (well under 10 minutes on 2 cores)
#   scripts/bench.sh --providers            remote providers against the simulator: gateway overhead, failover,
#                                           a Redis-shared rate limit (about 6 minutes; needs Redis on 127.0.0.1:6379)
#   scripts/bench.sh --cache                the cache: hit path against the static /health route, and a corpus
#                                           replay with Zipf-distributed repeats (about 4 minutes)
#   scripts/bench.sh --overload --baseline-commit REV   large requests against the embedded default, side by side
#                                           with the server built from git revision REV (about 15 minutes)
#   scripts/bench.sh --distribution         the full jar beside the slim one: size, start-up time to /ready, resident
#                                           memory idle and after a few requests (about 3 minutes)
#   scripts/bench.sh --memory               the vector memory: recall@10 and queries/s over 100,000 384-d vectors for
#                                           the Lucene and pgvector stores, beside the same SQL over plain JDBC and
#                                           LangChain4j's PgVectorEmbeddingStore; ingest through POST /v1/memories and
#                                           into each store (about 10 minutes; needs PostgreSQL with pgvector on
#                                           127.0.0.1:5432, database test)
#   scripts/bench.sh --migration            re-embedding migrations: backfill to the in-process bge-small-en-v1.5 against
#                                           the raw embedder on the same texts (Lucene and pgvector stores), and a
#                                           migration to a rate-limited simulated provider: the share of the limit it
#                                           takes and online latency beside it (about 20 minutes; the pgvector store
#                                           needs PostgreSQL with pgvector on 127.0.0.1:5432, database test, and is
#                                           skipped with a note without it)
#   scripts/bench.sh --chat-rerank          issue 13: reranking pairs/s and latency (the local cosine ranker cold and warm,
#                                           a simulated Cohere reranker through EmbedGate and directly) and streamed chat
#                                           (time to first token and between tokens through EmbedGate, directly, and through
#                                           nginx as a yardstick when it is installed, at 50 and 200 streams) (about 20 minutes)
#   scripts/bench.sh [--providers|--cache|--memory|--migration|--chat-rerank] --quick  short windows (1-5 minutes); prints the
#                                           report, leaves docs alone
#   scripts/bench.sh --no-build             skip the Maven build (use the jars already in target/)
#   scripts/bench.sh [--providers|--cache|--memory|--migration|--chat-rerank] --help   every option
# Run it on an otherwise idle machine: the benchmark uses every core.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source scripts/find-jdk.sh

command="scripts/bench.sh${*:+ $*}"
build=1
baseline_commit=""
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    --baseline-commit) baseline_commit="${2:?--baseline-commit needs a git revision}"; shift ;;
    *) args+=("$1") ;;
  esac
  shift
done

modules=embedgate-server,embedgate-bench
if [[ " ${args[*]-} " == *" --distribution "* ]]; then
  modules=$modules,embedgate-slim
fi
if [ "$build" = 1 ]; then
  echo "Building $modules..." >&2
  ./mvnw -B -q -ntp -DskipTests package -pl "$modules" -am >&2
fi

if [ -n "$baseline_commit" ]; then
  # The baseline is built from the revision's own sources, as its users got it.
  baseline_jar="$root/embedgate-bench/target/baseline-$baseline_commit.jar"
  if [ ! -f "$baseline_jar" ]; then
    echo "Building the baseline server at $baseline_commit..." >&2
    src="$root/embedgate-bench/target/baseline-src"
    rm -rf "$src" && mkdir -p "$src"
    git -C "$root" archive "$baseline_commit" | tar -x -C "$src"
    (cd "$src" && ./mvnw -B -q -ntp -DskipTests package -pl embedgate-server -am) >&2
    cp "$src/embedgate-server/target/embedgate.jar" "$baseline_jar"
  fi
  args+=(--baseline-jar "$baseline_jar" --baseline-name "$baseline_commit")
fi

jar="$root/embedgate-bench/target/embedgate-bench.jar"
if [ ! -f "$jar" ]; then
  echo "The benchmark jar is missing at $jar; run without --no-build." >&2
  exit 1
fi

exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector -Xms1g -Xmx2g \
  -Dembedgate.data.dir="${EMBEDGATE_DATA_DIR:-$root/../shared/data}" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -jar "$jar" --command "$command" --docs "$root/docs/benchmarks.md" ${args[@]+"${args[@]}"}
