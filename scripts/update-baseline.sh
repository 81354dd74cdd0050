#!/usr/bin/env bash
# Refreshes a CI baseline on purpose: runs the ci suite (or takes an existing run folder) and
# copies its jmh.json and env.json to benchmarks/baselines/NAME.json and NAME.env.json.
# Record the baseline on the machine (or runner type) that will be compared with it, then commit
# both files with the change that explains the new numbers.
#
#   scripts/update-baseline.sh [NAME] [RUN_DIR]
#
# NAME defaults to "ci". EDGEBENCH_SUITE (default ci) picks the suite, EDGEBENCH_JAR the jar.
set -euo pipefail
cd "$(dirname "$0")/.."

name="${1:-ci}"
run="${2:-}"
suite="${EDGEBENCH_SUITE:-ci}"
jar="${EDGEBENCH_JAR:-target/benchmarks.jar}"

if [ -z "$run" ]; then
  if [ ! -f "$jar" ]; then
    echo "update-baseline: $jar not found; build it with: mvn package" >&2
    exit 2
  fi
  run="results/$(date +%Y%m%d-%H%M%S)-${suite}-baseline"
  java -jar "$jar" --suite "$suite" --out "$run"
fi
if [ ! -f "$run/jmh.json" ]; then
  echo "update-baseline: $run has no jmh.json" >&2
  exit 2
fi

mkdir -p benchmarks/baselines
cp "$run/jmh.json" "benchmarks/baselines/${name}.json"
if [ -f "$run/env.json" ]; then
  cp "$run/env.json" "benchmarks/baselines/${name}.env.json"
fi
echo "update-baseline: benchmarks/baselines/${name}.json (and .env.json) now hold $run; review and commit them"
