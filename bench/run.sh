#!/usr/bin/env bash
# The benchmark (README, "Benchmark"): generate the cost log at a scale, then load the packaged
# service and the pgbench floor with the dashboard workload.
#
#   bench/run.sh [scale=1] [concurrency=8] [seconds-per-query=20]
#
# scale 1 = 1M LLM + 200k E2B records, scale 10 = 10M + 2M. The data lands in the database
# copilot_metrics_bench_<scale> on the local server (PG* variables honoured) and is kept:
# BENCH_REGENERATE=1 forces a fresh one. Results: target/bench/results-scale<scale>.json.
set -euo pipefail
cd "$(dirname "$0")/.."

scale=${1:-1}
concurrency=${2:-8}
seconds=${3:-20}
database="copilot_metrics_bench_${scale}"

./mvnw -B -q package -DskipTests
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
classpath="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"

exists=$(psql -h "${PGHOST:-127.0.0.1}" -p "${PGPORT:-5432}" -U "${PGUSER:-postgres}" -d postgres -Atc \
    "SELECT 1 FROM pg_database WHERE datname = '${database}'")
if [ "${BENCH_REGENERATE:-0}" = 1 ] || [ -z "$exists" ]; then
    java -cp "$classpath" io.copilot.metrics.bench.DataGenerator "$scale" "$database"
fi
# BENCH_ALERTS=1: the quota alert latency instead (1,000 subscriptions over 50 tenants; BENCH_ALERT_RATE
# crossings a second, default 20)
# BENCH_EXPORT=1: the CSV export's memory and speed instead (the last 30 days, a fast and a slow client)
# BENCH_EVENTS=1: the unified event log instead (BENCH_EVENT_MILLIONS x 1M events, default 10, added
# once to the database of the scale; reads at concurrency 2, ingestion in batches, summary refreshes,
# retention of a month)
# BENCH_STARTUP=1: from java -jar to the first answered query instead (BENCH_STARTUP_ROUNDS, default 5),
# on the JDK the container image runs (BENCH_STARTUP_JAVA_HOME, default Temurin 25) without and with
# its AOT cache; the default java where there is none
if [ "${BENCH_STARTUP:-0}" = 1 ]; then
    startup_java=java
    startup_home=${BENCH_STARTUP_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
    if [ -x "$startup_home/bin/java" ]; then
        startup_java="$startup_home/bin/java"
    fi
    "$startup_java" -cp "$classpath" io.copilot.metrics.bench.StartupBenchmark "$scale" "${BENCH_STARTUP_ROUNDS:-5}"
elif [ "${BENCH_EVENTS:-0}" = 1 ]; then
    java -cp "$classpath" io.copilot.metrics.bench.EventBenchmark "$scale" "${BENCH_EVENT_MILLIONS:-10}" "$seconds"
elif [ "${BENCH_EXPORT:-0}" = 1 ]; then
    java -cp "$classpath" io.copilot.metrics.bench.ExportBenchmark "$scale" 30 20
elif [ "${BENCH_ALERTS:-0}" = 1 ]; then
    java -cp "$classpath" io.copilot.metrics.bench.AlertLatencyBenchmark "$scale" 1000 50 "$seconds" "${BENCH_ALERT_RATE:-20}"
else
    java -cp "$classpath" io.copilot.metrics.bench.LoadBenchmark "$scale" "$concurrency" "$seconds"
fi
