#!/usr/bin/env bash
# The merge gate (docs/compare.md, "CI regression check"):
#   scripts/ci-regression.sh --against REV [compare options]   this checkout's build against REV's, taking turns
#   scripts/ci-regression.sh [NAME] [compare options]          the suite once, against benchmarks/baselines/NAME.json
# --against builds REV once (git archive into target/against/<sha>/) and runs the jar's `turns`: both
# builds in rounds, iteration by iteration in turns, compared pair by pair after every block of rounds
# until decided, with instruction counts beside (valgrind). The baseline form confirms a regression by a
# second run. Exit: 0 pass, 1 regression, 2 bad input, 3 a run failed, 4 undecided at the last round.
# Environment: EDGEBENCH_JAR, EDGEBENCH_BASE_JAR (REV's jar, prebuilt: run in this tree), EDGEBENCH_SUITE
# (ci), EDGEBENCH_RUN_DIR, EDGEBENCH_ROUNDS (24), EDGEBENCH_BLOCK (8), EDGEBENCH_FORKS (1), EDGEBENCH_CPUS
# (taskset list, or all), EDGEBENCH_COUNT=0, EDGEBENCH_TURNS_OFF=1, EDGEBENCH_CONFIRM=0, EDGEBENCH_JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "ci-regression: $1" >&2; exit 2; }; jar="${EDGEBENCH_JAR:-target/benchmarks.jar}" suite="${EDGEBENCH_SUITE:-ci}" count="${EDGEBENCH_COUNT:-1}"
for s in "ROUNDS=${EDGEBENCH_ROUNDS:-24}" "BLOCK=${EDGEBENCH_BLOCK:-8}" "FORKS=${EDGEBENCH_FORKS:-1}"; do
  [[ "${s#*=}" =~ ^[1-9][0-9]*$ ]] || fail "EDGEBENCH_${s%%=*} must be a whole number >= 1, was '${s#*=}'"
done
[[ "$count" =~ ^[01]$ ]] || fail "EDGEBENCH_COUNT must be 0 (no instruction counts) or 1, was '$count'"
[[ "${EDGEBENCH_TURNS_OFF:-0}" =~ ^[01]$ ]] || fail "EDGEBENCH_TURNS_OFF must be 0 (take turns when both builds can) or 1, was '$EDGEBENCH_TURNS_OFF'"
[ -f "$jar" ] || fail "$jar not found; build it with: mvn package"
read -r -a opts <<< "${EDGEBENCH_JAVA_OPTS:-}"
if [ "${1:-}" = --against ]; then
  [ -n "${2:-}" ] || fail "--against needs a revision, e.g. --against origin/main"
  sha=$(git rev-parse --verify --quiet "$2^{commit}") \
    || fail "unknown revision '$2' (in a shallow CI checkout, fetch it first: git fetch origin main, or actions/checkout with fetch-depth: 0)"
  base="${EDGEBENCH_BASE_JAR:-target/against/$sha}"
  if [ -z "${EDGEBENCH_BASE_JAR:-}" ] && [ ! -f "$base/target/benchmarks.jar" ]; then
    echo "ci-regression: building $2 (${sha:0:12}) in $base" >&2
    rm -rf "$base" && mkdir -p "$base" && git archive "$sha" | tar -x -C "$base"
    (cd "$base" && mvn -B -q -ntp -Dmaven.test.skip=true package > build.log 2>&1) || fail "cannot build $2; see $base/build.log"
  fi
  args=(--suite "$suite" --rounds "${EDGEBENCH_ROUNDS:-24}" --block "${EDGEBENCH_BLOCK:-8}" --forks "${EDGEBENCH_FORKS:-1}")
  [ "$count" = 0 ] || args+=(--count)
  [ "${EDGEBENCH_TURNS_OFF:-0}" = 0 ] || args+=(--no-turns)
  [ -z "${EDGEBENCH_CPUS:-}" ] || args+=(--cpus "$EDGEBENCH_CPUS")
  args+=(--out "${EDGEBENCH_RUN_DIR:-results/$(date +%Y%m%d-%H%M%S)-$suite-against}")
  for opt in ${opts[@]+"${opts[@]}"}; do args+=("--java-option=$opt"); done
  exec java -jar "$jar" turns "base=$base" "cand=$jar" "${args[@]}" "${@:3}"
fi
name="${1:-ci}" && shift $(($# > 0))
baseline="benchmarks/baselines/$name.json" run="${EDGEBENCH_RUN_DIR:-results/$(date +%Y%m%d-%H%M%S)-$suite}"
[ -f "$baseline" ] || fail "no baseline $baseline; record one on this machine with: scripts/update-baseline.sh $name, or compare with a commit: --against REV"
if [ "$count" = 1 ] && ! command -v valgrind > /dev/null; then
  [ "${CI:-}" != true ] || fail "valgrind not found, and CI=true needs the instruction counts: install it (Debian: apt-get install valgrind; .ci/run does), or set EDGEBENCH_COUNT=0"
  echo "ci-regression: valgrind not found: instruction counts skipped (to see them beside the timed verdict, install it: Debian: apt-get install valgrind)" >&2 && count=0
fi
[ -f "benchmarks/baselines/$name.instructions.csv" ] || count=0
pin=() && [ -z "${EDGEBENCH_CPUS:-}" ] || pin=(taskset -c "$EDGEBENCH_CPUS")
for into in "$run" "$run-confirm"; do
  s=0 && ${pin[@]+"${pin[@]}"} java ${opts[@]+"${opts[@]}"} -jar "$jar" --suite "$suite" --out "$into" || s=$?
  [ "$s" != 0 ] || [ "$count" = 0 ] || java -jar "$jar" count --suite "$suite" --into "$into" || s=$?
  [ "$s" = 0 ] || { echo "ci-regression: the run into $into failed (exit $s); nothing compared" >&2; exit $((s == 2 ? 2 : 3)); }
  s=0 && java -jar "$jar" compare "$baseline" "$into" --out "$into/compare" --gab-out "$into/gab" "$@" || s=$?
  [ -z "${GITHUB_STEP_SUMMARY:-}" ] || cat "$into/compare/comparison.md" >> "$GITHUB_STEP_SUMMARY"
  if [ "$s" != 1 ] || [ "$into" != "$run" ] || [ "${EDGEBENCH_CONFIRM:-1}" = 0 ]; then break; fi
  echo "ci-regression: regression in $run; running the suite again to confirm it" >&2
done
echo "ci-regression: run in $into, comparison in $into/compare (exit $s)" >&2
exit "$s"
