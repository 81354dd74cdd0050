#!/usr/bin/env bash
# CI regression check: runs the ci suite, compares it with benchmarks/baselines/NAME.json and
# prints the Markdown table. Exit 0: no regression; 1: a regression (or a failed benchmark);
# 2: bad input, e.g. no baseline yet (record one with scripts/update-baseline.sh NAME).
#
#   scripts/ci-regression.sh [NAME] [compare options, e.g. --metric p95 --threshold 10]
#
# NAME defaults to "ci". EDGEBENCH_SUITE (default ci) picks the suite, EDGEBENCH_JAR the jar,
# EDGEBENCH_RUN_DIR the run folder (default results/<timestamp>-ci).
set -euo pipefail
cd "$(dirname "$0")/.."

name="${1:-ci}"
[ $# -gt 0 ] && shift
suite="${EDGEBENCH_SUITE:-ci}"
jar="${EDGEBENCH_JAR:-target/benchmarks.jar}"
baseline="benchmarks/baselines/${name}.json"
run="${EDGEBENCH_RUN_DIR:-results/$(date +%Y%m%d-%H%M%S)-${suite}}"

if [ ! -f "$jar" ]; then
  echo "ci-regression: $jar not found; build it with: mvn package" >&2
  exit 2
fi
if [ ! -f "$baseline" ]; then
  echo "ci-regression: no baseline $baseline; record one on this machine with: scripts/update-baseline.sh $name" >&2
  exit 2
fi

java -jar "$jar" --suite "$suite" --out "$run"

# The candidate is also written in github-action-benchmark's formats, for teams on that action.
set +e
java -jar "$jar" compare "$baseline" "$run" --out "$run/compare" --gab-out "$run/gab" "$@"
status=$?
set -e

if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ -f "$run/compare/comparison.md" ]; then
  cat "$run/compare/comparison.md" >> "$GITHUB_STEP_SUMMARY"
fi
echo "ci-regression: run in $run, comparison in $run/compare (exit $status)" >&2
exit "$status"
