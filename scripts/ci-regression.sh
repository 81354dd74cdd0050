#!/usr/bin/env bash
# CI regression check, two ways (docs/compare.md, "CI regression check"):
#
#   scripts/ci-regression.sh [NAME] [compare options]           against benchmarks/baselines/NAME.json
#   scripts/ci-regression.sh --against REV [compare options]    against REV's build, taking turns
#
# The first runs the ci suite once and compares it with a committed baseline; a regression is
# confirmed by a second run. The second builds REV (a commit, branch or tag, e.g. origin/main)
# into target/against/<sha>/ and runs the two builds in rounds: both builds' runs of a round start
# together on one CPU and take turns iteration by iteration (EDGEBENCH_TURNS, two named pipes), so
# each pair of forks is measured in the same seconds (docs/compare.md, "Taking turns"); a base
# build that cannot take turns, or runs another suite, alternates whole runs instead (base, cand,
# cand, base, ...). The pairs are compared (compare --paired) after every block of rounds, and the
# check stops as soon as every configuration is decided (compare --sequential): both builds share
# the machine's drift, which a committed baseline cannot. Prints the Markdown table and exits with
# compare's code: 0 no regression, 1 a regression, 2 bad input; or 3 when a benchmark run itself
# failed (the launcher's exit 1: a configuration that did not run says nothing about speed, so it
# is neither compared nor rerun as a confirmation).
#
# Beside the timed verdict, instructions per inference (`count`, under valgrind): counted once per
# build, not per round, since the count is the same in every run; with --against into the first
# base and candidate runs (while the rounds take turns on the last CPU, the counts run on the others:
# a count does not depend on the machine's load, and a pair's two forks share whatever the counts
# do to the timed CPU), against a baseline into the run when the baseline has
# NAME.instructions.csv. Without valgrind the count is skipped with one line, except with CI=true,
# where its absence is bad input (.ci/run installs it).
#
# Written for bash 3.2 as macOS ships it: an empty array is expanded as ${a[@]+"${a[@]}"}, which
# bash < 4.4 requires under set -u.
#
# Environment: EDGEBENCH_SUITE (default ci), EDGEBENCH_JAR (candidate jar, default
# target/benchmarks.jar), EDGEBENCH_RUN_DIR (default results/<timestamp>-ci[-against]),
# EDGEBENCH_CONFIRM=0 (no confirming run), EDGEBENCH_CPUS (run the benchmarks under
# taskset -c CPUS, e.g. 1; measured in docs/compare.md; with --against taking turns, the default is
# the last CPU), EDGEBENCH_JAVA_OPTS (options for the
# launcher's JVM, e.g. -Djmh.ignoreLock=true), EDGEBENCH_COUNT=0 (no instruction counts); for
# --against, EDGEBENCH_BASE_JAR (REV's jar, built already: skips the build and runs it in this
# tree), EDGEBENCH_ROUNDS (the most rounds of one run per build, default 24), EDGEBENCH_BLOCK
# (rounds between looks, default 8), EDGEBENCH_FORKS (forks per run, default 1) and
# EDGEBENCH_TURNS_OFF=1 (alternate whole runs even when both builds can take turns).
set -euo pipefail
cd "$(dirname "$0")/.."

against=""
if [ "${1:-}" = "--against" ]; then
  if [ -z "${2:-}" ]; then
    echo "ci-regression: --against needs a revision, e.g. --against origin/main" >&2
    exit 2
  fi
  against="$2"
  shift 2
  name=""
else
  name="${1:-ci}"
  [ $# -gt 0 ] && shift
fi
compare_args=("$@")
suite="${EDGEBENCH_SUITE:-ci}"
jar="${EDGEBENCH_JAR:-target/benchmarks.jar}"
rounds="${EDGEBENCH_ROUNDS:-24}"
block="${EDGEBENCH_BLOCK:-8}"
forks="${EDGEBENCH_FORKS:-1}"
cpus="${EDGEBENCH_CPUS:-}"
run="${EDGEBENCH_RUN_DIR:-results/$(date +%Y%m%d-%H%M%S)-${suite}${against:+-against}}"

if [ ! -f "$jar" ]; then
  echo "ci-regression: $jar not found; build it with: mvn package" >&2
  exit 2
fi
if [ -z "$against" ] && [ ! -f "benchmarks/baselines/${name}.json" ]; then
  echo "ci-regression: no baseline benchmarks/baselines/${name}.json; record one on this machine with: scripts/update-baseline.sh $name, or compare with a commit: --against REV" >&2
  exit 2
fi
for setting in "EDGEBENCH_ROUNDS=$rounds" "EDGEBENCH_BLOCK=$block" "EDGEBENCH_FORKS=$forks"; do
  if ! [[ "${setting#*=}" =~ ^[1-9][0-9]*$ ]]; then
    echo "ci-regression: ${setting%%=*} must be a whole number >= 1, was '${setting#*=}'" >&2
    exit 2
  fi
done
if [ "$block" -gt "$rounds" ]; then
  echo "ci-regression: EDGEBENCH_BLOCK=$block must not exceed EDGEBENCH_ROUNDS=$rounds" >&2
  exit 2
fi
read -r -a java_opts <<< "${EDGEBENCH_JAVA_OPTS:-}"
pin=()
if [ -n "$cpus" ]; then
  if ! taskset -c "$cpus" true 2>/dev/null; then
    echo "ci-regression: EDGEBENCH_CPUS='$cpus' is not a CPU list taskset accepts here (CPUs: 0-$(($(nproc) - 1)))" >&2
    exit 2
  fi
  pin=(taskset -c "$cpus")
fi
count="${EDGEBENCH_COUNT:-1}"
if [ "$count" != 0 ] && [ "$count" != 1 ]; then
  echo "ci-regression: EDGEBENCH_COUNT must be 0 (no instruction counts) or 1, was '$count'" >&2
  exit 2
fi
turns_off="${EDGEBENCH_TURNS_OFF:-0}"
if [ "$turns_off" != 0 ] && [ "$turns_off" != 1 ]; then
  echo "ci-regression: EDGEBENCH_TURNS_OFF must be 0 (take turns when both builds can) or 1 (alternate whole runs), was '$turns_off'" >&2
  exit 2
fi
if [ -n "$against" ] && ! sha=$(git rev-parse --verify --quiet "${against}^{commit}"); then
  echo "ci-regression: unknown revision '$against' (in a shallow CI checkout, fetch it first: git fetch origin main, or actions/checkout with fetch-depth: 0)" >&2
  exit 2
fi
if [ "$count" = 1 ] && ! command -v valgrind > /dev/null; then
  if [ "${CI:-}" = true ]; then
    echo "ci-regression: valgrind not found, and CI=true needs the instruction counts: install it (Debian: apt-get install valgrind; .ci/run does), or set EDGEBENCH_COUNT=0" >&2
    exit 2
  fi
  echo "ci-regression: valgrind not found: instruction counts skipped (to see them beside the timed verdict, install it: Debian: apt-get install valgrind)" >&2
  count=0
fi

# A busy machine slows every fork of a run alike, which no statistic can tell from a code change
# against a baseline (alternated runs share it, but it still adds noise).
if [ -r /proc/loadavg ]; then
  load=$(cut -d' ' -f1 /proc/loadavg)
  cores=$(nproc)
  if awk -v l="$load" -v c="$cores" 'BEGIN { exit !(l > c / 2) }'; then
    echo "ci-regression: warning: machine busy (load $load on $cores cores); expect false alarms" >&2
  fi
fi

# Compares side $1 (a run, or runs joined with commas) with the candidate run(s) $2 into $3;
# returns compare's exit code.
compare_into() {
  set +e
  java -jar "$jar" compare "$1" "$2" --out "$3/compare" --gab-out "$3/gab" ${compare_args[@]+"${compare_args[@]}"}
  local status=$?
  set -e
  return "$status"
}

if [ -n "$against" ]; then
  if ! git diff --quiet "$sha" -- "benchmarks/${suite}.properties" 2>/dev/null; then
    echo "ci-regression: warning: benchmarks/${suite}.properties differs from ${against}; each build runs its own suite" >&2
  fi
  # The base build: REV's sources (git archive, no worktree to clean up), built once and reused.
  base="target/against/$sha"
  base_jar="${EDGEBENCH_BASE_JAR:-}"
  if [ -n "$base_jar" ]; then
    if [ ! -f "$base_jar" ]; then
      echo "ci-regression: EDGEBENCH_BASE_JAR=$base_jar not found" >&2
      exit 2
    fi
    # A prebuilt base (a CI cache of REV's build, say) runs in this tree, on this tree's models and suite.
    base_jar=$(cd "$(dirname "$base_jar")" && pwd)/$(basename "$base_jar")
    base="."
  elif [ ! -f "$base/target/benchmarks.jar" ]; then
    echo "ci-regression: building ${against} (${sha:0:12}) in $base" >&2
    rm -rf "$base"
    mkdir -p "$base"
    git archive "$sha" | tar -x -C "$base"
    if ! (cd "$base" && mvn -B -q -ntp -DskipTests package > build.log 2>&1); then
      echo "ci-regression: cannot build ${against}; see $base/build.log" >&2
      exit 2
    fi
  fi
  mkdir -p "$run"
  out=$(cd "$run" && pwd)
  # Each build runs in its own tree, with its own models and suite file; a run's output goes to
  # its log, and a failed run ends the check: exit 2 for input the launcher refused, 3 otherwise.
  run_logged() {
    local name=$1 status=0
    shift
    "$@" > "$out/$name.log" 2>&1 || status=$?
    [ "$status" -eq 0 ] || end_failed "$name" "$status"
  }
  # Says that run $1 failed with exit code $2, shows the end of its log and ends the check.
  end_failed() {
    echo "ci-regression: $1 failed (exit $2); the end of $out/$1.log:" >&2
    tail -n 5 "$out/$1.log" >&2
    [ "$2" -eq 2 ] && exit 2
    exit 3
  }
  jar_abs=$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")
  # The runs are only compared, so they skip the report (charts cost seconds a run); an older
  # base build that does not know --no-report writes its report as before.
  no_report=()
  base_help=$( (cd "$base"; java -jar "${base_jar:-target/benchmarks.jar}" --help 2>/dev/null) || true)
  case "$base_help" in *--no-report*) no_report=(--no-report) ;; esac
  # Runs a command in the base build's tree (its models and suite file); called through run_logged.
  # shellcheck disable=SC2317
  in_base() { (cd "$base" && "$@"); }
  # Taking turns needs both builds to know EDGEBENCH_TURNS and to run the same suite settings (comments
  # aside), so that their iterations match one for one.
  suite_settings() { grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$1" 2>/dev/null || true; }
  base_jar_file="${base_jar:-$base/target/benchmarks.jar}"
  take_turns=1
  if [ "$turns_off" = 1 ]; then
    take_turns=0
  elif ! LC_ALL=C grep -qa 'org/edgebench/bench/state/Turns' "$base_jar_file"; then
    echo "ci-regression: ${against} cannot take turns: its runs and the candidate's alternate whole" >&2
    take_turns=0
  elif [ "$(suite_settings "$base/benchmarks/${suite}.properties")" != "$(suite_settings "benchmarks/${suite}.properties")" ]; then
    echo "ci-regression: the two builds' ${suite} suites differ, so their iterations cannot take turns: their runs alternate whole" >&2
    take_turns=0
  fi
  # JMH's lock keeps two benchmark runs apart; runs taking turns are kept apart iteration by
  # iteration instead, and would otherwise wait for each other's lock for ever.
  if [ "$take_turns" = 1 ]; then
    java_opts+=(-Djmh.ignoreLock=true)
  fi
  # Taking turns, both builds run on one CPU, the last this script may use, unless EDGEBENCH_CPUS
  # says otherwise; the instruction counts then run on the other CPUs, during the rounds.
  count_pin=()
  counts_alongside=0
  if [ "$take_turns" = 1 ] && [ -z "$cpus" ] && command -v taskset > /dev/null; then
    allowed=()
    for part in $(taskset -pc $$ | sed 's/.*: *//' | tr ',' ' '); do
      case "$part" in
        *-*) for ((c = ${part%-*}; c <= ${part#*-}; c++)); do allowed+=("$c"); done ;;
        *) allowed+=("$part") ;;
      esac
    done
    last=$((${#allowed[@]} - 1))
    pin=(taskset -c "${allowed[$last]}")
    if [ "$last" -ge 1 ]; then
      counts_alongside=1
      count_pin=(taskset -c "$(IFS=,; echo "${allowed[*]:0:$last}")")
    fi
  fi
  # Runs round $1 of a build; $2, when given, is the EDGEBENCH_TURNS=... to take turns by.
  run_base() { run_logged "base-$1" in_base env "${2:-EDGEBENCH_TURNS=}" ${pin[@]+"${pin[@]}"} java ${java_opts[@]+"${java_opts[@]}"} -jar "${base_jar:-target/benchmarks.jar}" --suite "$suite" -f "$forks" ${no_report[@]+"${no_report[@]}"} --out "$out/base-$1"; }
  run_cand() { run_logged "cand-$1" env "${2:-EDGEBENCH_TURNS=}" ${pin[@]+"${pin[@]}"} java ${java_opts[@]+"${java_opts[@]}"} -jar "$jar_abs" --suite "$suite" -f "$forks" --no-report --out "$out/cand-$1"; }
  # Round $1 with turns: both runs start together; each iteration waits for its turn in its own
  # pipe and passes it on through the other's. The base goes first in odd rounds, the candidate in
  # even ones. A side that ends, however it ends, floods the other's pipe with turns, so the other
  # finishes alone instead of waiting for ever; a failed side then ends the check.
  run_round_in_turns() {
    local pipes base_pid cand_pid base_status=0 cand_status=0
    pipes=$(mktemp -d "${TMPDIR:-/tmp}/edgebench-turns.XXXXXX")
    mkfifo "$pipes/base" "$pipes/cand"
    # Held open here for the whole round, so a turn passed between two forks waits in its pipe.
    exec 3<> "$pipes/base" 4<> "$pipes/cand"
    if (($1 % 2 == 1)); then printf t >&3; else printf t >&4; fi
    (
      trap 'printf "%01024d" 0 >&4' EXIT
      run_base "$1" "EDGEBENCH_TURNS=$pipes/base,$pipes/cand"
    ) &
    base_pid=$!
    (
      trap 'printf "%01024d" 0 >&3' EXIT
      run_cand "$1" "EDGEBENCH_TURNS=$pipes/cand,$pipes/base"
    ) &
    cand_pid=$!
    wait "$base_pid" || base_status=$?
    wait "$cand_pid" || cand_status=$?
    exec 3>&- 4>&-
    rm -rf "$pipes"
    [ "$base_status" -eq 0 ] || exit "$base_status"
    [ "$cand_status" -eq 0 ] || exit "$cand_status"
  }
  # A count that fails is tried once more before it ends the check: valgrind has crashed the
  # counting JVM now and then (SIGSEGV in C1-compiled code after "vex amd64->IR: unhandled
  # instruction bytes"), which the next try did not repeat. Bad input (exit 2) is not retried.
  count_logged() {
    local name=$1 status=0
    shift
    "$@" > "$out/$name.log" 2>&1 || status=$?
    if [ "$status" -ne 0 ] && [ "$status" -ne 2 ]; then
      echo "ci-regression: $name failed (exit $status); counting once more (the first try's log: $out/$name.first-try.log)" >&2
      mv "$out/$name.log" "$out/$name.first-try.log"
      rm -rf "${out:?}/$name"
      status=0
      "$@" > "$out/$name.log" 2>&1 || status=$?
    fi
    [ "$status" -eq 0 ] || end_failed "$name" "$status"
  }
  count_base() { count_logged base-count in_base ${count_pin[@]+"${count_pin[@]}"} java -jar "${base_jar:-target/benchmarks.jar}" count --suite "$suite" --out "$out/base-count"; }
  count_cand() { count_logged cand-count ${count_pin[@]+"${count_pin[@]}"} java -jar "$jar_abs" count --suite "$suite" --out "$out/cand-count"; }
  case "$base_help" in
    *"benchmarks.jar count"*) ;;
    *)
      if [ "$count" = 1 ]; then
        echo "ci-regression: ${against} has no count command: instruction counts skipped" >&2
        count=0
      fi
      ;;
  esac
  # The two builds' counts run at once: a count of instructions does not depend on what else the
  # machine does, so they share the CPUs they are given.
  counts_pending=0
  start_counts() {
    counts_pending=1
    count_base &
    base_count=$!
    count_cand &
    cand_count=$!
  }
  # Waits for the counts and adds them to the first run of each build, where compare finds them.
  # count_logged has said which failed and why; its exit code (2 or 3) ends the check.
  finish_counts() {
    local base_counted=0 cand_counted=0
    wait "$base_count" || base_counted=$?
    wait "$cand_count" || cand_counted=$?
    [ "$base_counted" -eq 0 ] || exit "$base_counted"
    [ "$cand_counted" -eq 0 ] || exit "$cand_counted"
    cp "$out/base-count/instructions.csv" "$out/base-1/"
    cp "$out/cand-count/instructions.csv" "$out/cand-1/"
    counts_pending=0
  }
  bases=()
  cands=()
  # Looks: after every block of rounds the pairs so far are compared, each look at alpha divided by
  # the number of looks (compare --sequential), and the check stops once every configuration is
  # decided; the cap is EDGEBENCH_ROUNDS.
  looks=$(((rounds + block - 1) / block))
  if [ "$take_turns" = 1 ]; then
    how="taking turns"
    [ ${#pin[@]} -eq 0 ] || how="$how on CPU ${pin[2]}"
  else
    how="alternated"
  fi
  echo "ci-regression: up to $rounds round(s) of base (${against}, ${sha:0:12}) and candidate runs, $how, $forks fork(s) each, judged every $block round(s), into $run" >&2
  compare_args=(--paired --sequential "$((block * forks))/$((rounds * forks))" ${compare_args[@]+"${compare_args[@]}"})
  if [ "$count" = 1 ] && [ "$counts_alongside" = 1 ]; then
    echo "ci-regression: counting instructions per inference of both builds under valgrind on CPU ${count_pin[2]}, during the rounds" >&2
    start_counts
  fi
  look=0
  status=4
  for ((i = 1; i <= rounds; i++)); do
    echo "ci-regression: round $i of at most $rounds" >&2
    if [ "$take_turns" = 1 ]; then
      run_round_in_turns "$i"
    # base, cand, cand, base, ...: a drift that is linear in time hits both builds alike.
    elif ((i % 2 == 1)); then run_base "$i"; run_cand "$i"; else run_cand "$i"; run_base "$i"; fi
    bases+=("$out/base-$i")
    cands+=("$out/cand-$i")
    # Without CPUs to spare, the counts run after the first round (so a broken count stops the
    # check early), between rounds, never beside a timed run.
    if [ "$i" -eq 1 ] && [ "$count" = 1 ] && [ "$counts_alongside" = 0 ]; then
      echo "ci-regression: counting instructions per inference of both builds, once each, side by side (a few minutes under valgrind)" >&2
      start_counts
      finish_counts
    fi
    if ((i % block == 0 || i == rounds)); then
      [ "$counts_pending" = 1 ] && finish_counts
      look=$((look + 1))
      # Paired: fork j of base run k against fork j of candidate run k, which ran next to it.
      status=0
      compare_into "$(IFS=,; echo "${bases[*]}")" "$(IFS=,; echo "${cands[*]}")" "$run/look-$look" || status=$?
      if [ "$status" -ne 4 ]; then
        break
      fi
      echo "ci-regression: look $look of $looks undecided; $block more round(s)" >&2
    fi
  done
  ln -sfn "look-$look/compare" "$run/compare"
  ln -sfn "look-$look/gab" "$run/gab"
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ -f "$run/compare/comparison.md" ]; then
    cat "$run/compare/comparison.md" >> "$GITHUB_STEP_SUMMARY"
  fi
  echo "ci-regression: ${#bases[@]} round(s) of each build ($how) in $run, decided at look $look of $looks; comparison in $run/compare (exit $status)" >&2
  exit "$status"
fi

baseline="benchmarks/baselines/${name}.json"
if [ "$count" = 1 ] && [ ! -f "benchmarks/baselines/${name}.instructions.csv" ]; then
  echo "ci-regression: benchmarks/baselines/${name}.instructions.csv not found: instruction counts skipped (scripts/update-baseline.sh records them)" >&2
  count=0
fi
# Runs the suite into $1, counts its instructions into it (the first run only; a confirming run
# takes that count, the same for every run of a build) and compares it with the baseline; returns
# compare's exit code, or 3 when the run or the count failed (2 when the launcher refused its input).
run_and_compare() {
  local run_status=0
  ${pin[@]+"${pin[@]}"} java ${java_opts[@]+"${java_opts[@]}"} -jar "$jar" --suite "$suite" --out "$1" || run_status=$?
  if [ "$run_status" -eq 0 ] && [ "$count" = 1 ]; then
    if [ "$1" = "$run" ]; then
      java -jar "$jar" count --suite "$suite" --into "$1" || run_status=$?
    else
      cp "$run/instructions.csv" "$1/"
    fi
  fi
  if [ "$run_status" -ne 0 ]; then
    echo "ci-regression: the run into $1 failed (exit $run_status); nothing compared" >&2
    [ "$run_status" -eq 2 ] && return 2
    return 3
  fi
  local status=0
  compare_into "$baseline" "$1" "$1" || status=$?
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ -f "$1/compare/comparison.md" ]; then
    cat "$1/compare/comparison.md" >> "$GITHUB_STEP_SUMMARY"
  fi
  return "$status"
}

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
if [ "$status" -eq 3 ]; then
  echo "ci-regression: a benchmark run failed, not compared; its output is above and its folder is $run (exit 3)" >&2
else
  echo "ci-regression: run in $run, comparison in $run/compare (exit $status)" >&2
fi
exit "$status"
