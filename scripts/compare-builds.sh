#!/usr/bin/env bash
# Two ONNX Runtime builds on one machine, alternated and paired (docs/compare.md, "Two builds"):
#
#   scripts/compare-builds.sh NAME=BUILD NAME=BUILD [run options]
#
# BUILD is one of
#   ort:VERSION   this project built against ONNX Runtime VERSION from Maven Central, once, into
#                 target/builds/ort-VERSION/ (reused after that)
#   PATH.jar      a benchmarks.jar built elsewhere
#   native:DIR    target/benchmarks.jar with -Donnxruntime.native.path=DIR: another native build,
#                 such as ONNX Runtime built from source with XNNPACK; DIR must hold
#                 libonnxruntime.so and libonnxruntime4j_jni.so
#
# Both builds run the same suite (default ci) from this checkout, so they measure the same model
# files, alternately (A B, B A, A B, ...), one fork per run; run options (e.g. -p batchSize=1) go to
# every run. Then the runs are put side by side (compare --label, each build's runs pooled: ratio
# and 95% interval per configuration) and compared pair by pair (compare --paired: the second
# build against the first, with verdicts). Exit: 0, 1 when the second build is slower beyond the
# threshold (or a run failed), 2 bad input, caught before any benchmark runs.
#
# Environment: EDGEBENCH_SUITE (default ci), EDGEBENCH_ROUNDS (default 24), EDGEBENCH_FORKS
# (forks per run, default 1), EDGEBENCH_THRESHOLD (percent, default 5), EDGEBENCH_RUN_DIR
# (default results/<timestamp>-builds), EDGEBENCH_JAR (this checkout's jar, default
# target/benchmarks.jar).
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
  echo "compare-builds: $1" >&2
  exit 2
}

[ $# -ge 2 ] || fail "needs two builds: NAME=BUILD NAME=BUILD, e.g. ort-1.22=ort:1.22.0 ort-1.29=ort:1.29.0"
suite="${EDGEBENCH_SUITE:-ci}"
rounds="${EDGEBENCH_ROUNDS:-24}"
forks="${EDGEBENCH_FORKS:-1}"
threshold="${EDGEBENCH_THRESHOLD:-5}"
own_jar="${EDGEBENCH_JAR:-target/benchmarks.jar}"
run="${EDGEBENCH_RUN_DIR:-results/$(date +%Y%m%d-%H%M%S)-builds}"
for setting in "EDGEBENCH_ROUNDS=$rounds" "EDGEBENCH_FORKS=$forks"; do
  [[ "${setting#*=}" =~ ^[1-9][0-9]*$ ]] || fail "${setting%%=*} must be a whole number >= 1, was '${setting#*=}'"
done
[[ "$threshold" =~ ^[0-9]+([.][0-9]+)?$ ]] || fail "EDGEBENCH_THRESHOLD must be a percentage, was '$threshold'"

# Checks one NAME=BUILD and sets name, jar and jvm_opts for it; builds an ort: version if needed.
resolve() {
  local spec=$1 build
  name="${spec%%=*}"
  build="${spec#*=}"
  [[ "$spec" == *=* && -n "$name" && -n "$build" ]] || fail "'$spec': expected NAME=BUILD (BUILD: ort:VERSION, PATH.jar or native:DIR)"
  [[ "$name" =~ ^[A-Za-z0-9._-]+$ ]] || fail "'$name': a name may hold letters, digits, '.', '_' and '-'"
  jvm_opts=""
  case "$build" in
    ort:*)
      local version="${build#ort:}" tree
      [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+([.-][A-Za-z0-9.-]+)?$ ]] || fail "'$build': expected ort:VERSION such as ort:1.22.0"
      tree="target/builds/ort-$version"
      jar="$tree/target/benchmarks.jar"
      if [ ! -f "$jar" ]; then
        echo "compare-builds: building against ONNX Runtime $version in $tree" >&2
        rm -rf "$tree"
        mkdir -p "$tree"
        git archive HEAD | tar -x -C "$tree"
        if ! (cd "$tree" && mvn -B -q -ntp -DskipTests "-Donnxruntime.version=$version" package > build.log 2>&1); then
          if grep -q "com.microsoft.onnxruntime:onnxruntime:jar:$version" "$tree/build.log"; then
            fail "ONNX Runtime $version is not on Maven Central (com.microsoft.onnxruntime:onnxruntime); see $tree/build.log"
          fi
          fail "cannot build against ONNX Runtime $version; see $tree/build.log"
        fi
      fi
      ;;
    native:*)
      local dir="${build#native:}"
      [ -d "$dir" ] || fail "'$build': no folder $dir"
      for lib in libonnxruntime.so libonnxruntime4j_jni.so; do
        [ -f "$dir/$lib" ] || fail "'$build': $dir has no $lib (it needs libonnxruntime.so and libonnxruntime4j_jni.so)"
      done
      [ -f "$own_jar" ] || fail "$own_jar not found; build it with: mvn package"
      jar="$own_jar"
      jvm_opts="-Donnxruntime.native.path=$(cd "$dir" && pwd)"
      ;;
    *)
      [ -f "$build" ] || fail "'$build': no such jar (BUILD is ort:VERSION, PATH.jar or native:DIR)"
      jar="$build"
      ;;
  esac
  jar="$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")"
}

resolve "$1"
name_a=$name jar_a=$jar opts_a=$jvm_opts
resolve "$2"
name_b=$name jar_b=$jar opts_b=$jvm_opts
[ "$name_a" != "$name_b" ] || fail "both builds are named '$name_a'; give each its own name"
shift 2
run_args=("$@")

mkdir -p "$run"
out=$(cd "$run" && pwd)
# One run of one build: its output goes to its log; a failed run ends the check with its code.
run_one() {
  local who=$1 jar=$2 opts=$3 round=$4 status=0
  local cmd=(java)
  [ -n "$opts" ] && cmd+=("$opts")
  cmd+=(-jar "$jar" --suite "$suite" -f "$forks" --out "$out/$who-$round")
  [ ${#run_args[@]} -gt 0 ] && cmd+=("${run_args[@]}")
  "${cmd[@]}" > "$out/$who-$round.log" 2>&1 || status=$?
  if [ "$status" -ne 0 ]; then
    echo "compare-builds: $who run $round failed (exit $status); the end of $out/$who-$round.log:" >&2
    tail -n 5 "$out/$who-$round.log" >&2
    exit "$status"
  fi
}

echo "compare-builds: $rounds round(s) of $name_a and $name_b, suite $suite, $forks fork(s) per run, into $run" >&2
runs_a=""
runs_b=""
for ((i = 1; i <= rounds; i++)); do
  echo "compare-builds: round $i of $rounds" >&2
  # A B, B A, ...: a drift that is linear in time hits both builds alike.
  if ((i % 2 == 1)); then
    run_one "$name_a" "$jar_a" "$opts_a" "$i"
    run_one "$name_b" "$jar_b" "$opts_b" "$i"
  else
    run_one "$name_b" "$jar_b" "$opts_b" "$i"
    run_one "$name_a" "$jar_a" "$opts_a" "$i"
  fi
  runs_a="${runs_a:+$runs_a,}$out/$name_a-$i"
  runs_b="${runs_b:+$runs_b,}$out/$name_b-$i"
done

java -jar "$jar_a" compare --label "$name_a=$runs_a" --label "$name_b=$runs_b" --threshold "$threshold" \
  --out "$out/side-by-side" > "$out/side-by-side.md"
status=0
java -jar "$jar_a" compare --paired "$runs_a" "$runs_b" --threshold "$threshold" --out "$out/paired" \
  > "$out/paired.md" || status=$?
cat "$out/side-by-side.md" "$out/paired.md"
echo "compare-builds: $rounds alternated run(s) of each build in $run; side by side in $run/side-by-side, paired in $run/paired (exit $status)" >&2
exit "$status"
