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

# A busy machine slows every fork of a run alike, which no statistic can tell from a code change.
if [ -r /proc/loadavg ]; then
  load=$(cut -d' ' -f1 /proc/loadavg)
  cores=$(nproc)
  if awk -v l="$load" -v c="$cores" 'BEGIN { exit !(l > c / 2) }'; then
    echo "ci-regression: warning: machine busy (load $load on $cores cores); expect false alarms" >&2
  fi
fi

# Runs the suite into $1 and compares it with the baseline; returns compare's exit code.
run_and_compare() {
  java -jar "$jar" --suite "$suite" --out "$1" || return $?
  # The candidate is also written in github-action-benchmark's formats, for teams on that action.
  set +e
  java -jar "$jar" compare "$baseline" "$1" --out "$1/compare" --gab-out "$1/gab" "${compare_args[@]}"
  local status=$?
  set -e
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ -f "$1/compare/comparison.md" ]; then
    cat "$1/compare/comparison.md" >> "$GITHUB_STEP_SUMMARY"
  fi
  return "$status"
}

compare_args=("$@")
status=0
run_and_compare "$run" || status=$?

# A regression must show again in a second run: every fork of one run shares the machine's state
# at that time, so a busy minute looks like a slowdown once but rarely twice (docs/compare.md).
if [ "$status" -eq 1 ] && [ "${EDGEBENCH_CONFIRM:-1}" != 0 ]; then
  echo "ci-regression: regression in $run; running the suite again to confirm it" >&2
  status=0
  run_and_compare "$run-confirm" || status=$?
  if [ "$status" -eq 0 ]; then
    echo "ci-regression: not confirmed by $run-confirm; treating the first result as noise" >&2
  fi
fi
echo "ci-regression: run in $run, comparison in $run/compare (exit $status)" >&2
exit "$status"
