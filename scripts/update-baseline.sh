#!/usr/bin/env bash
# Refreshes a CI baseline on purpose: runs the ci suite (or takes an existing run folder) and
# copies its jmh.json and env.json to benchmarks/baselines/NAME.json and NAME.env.json, and its
# instruction counts (instructions.csv, counted here when valgrind is installed) to
# NAME.instructions.csv.
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
  if command -v valgrind > /dev/null; then
    java -jar "$jar" count --suite "$suite" --into "$run"
  else
    echo "update-baseline: valgrind not found: the baseline gets no instruction counts (Debian: apt-get install valgrind)" >&2
  fi
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
# An older count would be another build's: it goes with the baseline it was recorded with.
if [ -f "$run/instructions.csv" ]; then
  cp "$run/instructions.csv" "benchmarks/baselines/${name}.instructions.csv"
else
  rm -f "benchmarks/baselines/${name}.instructions.csv"
fi
echo "update-baseline: benchmarks/baselines/${name}.json (and .env.json, .instructions.csv) now hold $run; review and commit them"
