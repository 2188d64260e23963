#!/usr/bin/env bash
# Round 3 (bench/rounds/round-03.md): every run the round reports, in one go (~15 min on the 2-vCPU VM).
# Run from the repository root after: mvn -o -q -pl bench -am package -DskipTests
# Writes bench/target/r3-*.json and bench/target/r3-load.txt (load average before and after each run).
set -euo pipefail
JAR=bench/target/benchmarks.jar
JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
OUT=bench/target
load() { echo "$1 $(date -u +%H:%M:%S) $(cut -d' ' -f1-3 /proc/loadavg)" >> $OUT/r3-load.txt; }
: > $OUT/r3-load.txt
load "jdk17 latency+throughput start"
java -jar $JAR "LatencyVsOrtBenchmark|ThroughputVsOrtBenchmark" -rf json -rff $OUT/r3-jdk17.json > $OUT/r3-jdk17.log 2>&1
load "jdk17 latency+throughput end / jdk25 latency start"
"$JDK25" -jar $JAR LatencyVsOrtBenchmark -f 1 -rf json -rff $OUT/r3-jdk25.json > $OUT/r3-jdk25.log 2>&1
load "jdk25 latency end / gc start"
java -jar $JAR ThroughputVsOrtBenchmark -f 1 -prof gc -rf json -rff $OUT/r3-gc.json > $OUT/r3-gc.log 2>&1
load "gc end / model load start"
java -jar $JAR ModelLoadBenchmark -rf json -rff $OUT/r3-load.json > $OUT/r3-modelload.log 2>&1
load "model load end"
