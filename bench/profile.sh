#!/usr/bin/env bash
# Profile the service under one benchmark scenario: the load benchmark with a JFR recording of
# the service, then its hottest methods and its request threads' CPU by area.
#
#   bench/profile.sh [scale=10] [scenario prefix=costByTenant] [seconds=20]
#
# Needs the benchmark database (bench/run.sh <scale> makes it) and Java 21+'s jfr tool
# (JFR_TOOL, default the Temurin 25 of the build machine). Output: target/bench/<scenario>.jfr.
set -euo pipefail
cd "$(dirname "$0")/.."

scale=${1:-10}
scenario=${2:-costByTenant}
seconds=${3:-20}
jfr=${JFR_TOOL:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr}
name=$(tr -dc 'A-Za-z0-9' <<< "$scenario")
# absolute: the service runs in target/quarkus-app (BenchService)
recording="$(pwd)/target/bench/${name}.jfr"

./mvnw -B -q package -DskipTests
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
classpath="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
java -cp "$classpath" "-Dbench.only=$scenario" -Dbench.ingestion=false \
    "-Dbench.jvmOpts=-XX:+UseSerialGC -Xms32m -Xmx128m -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=48m -Xss512k -XX:MaxDirectMemorySize=32m -XX:StartFlightRecording=filename=${recording},settings=profile" \
    io.copilot.metrics.bench.LoadBenchmark "$scale" 2 "$seconds" | grep -E "^(query|${scenario})"
"$jfr" view --width 160 hot-methods "$recording" | head -25
"$jfr" print --events jdk.ExecutionSample --stack-depth 200 "$recording" > "target/bench/${name}.samples.txt"
python3 bench/profile_areas.py "target/bench/${name}.samples.txt"
