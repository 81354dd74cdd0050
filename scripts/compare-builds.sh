#!/usr/bin/env bash
# Two or more builds on one machine, taking turns and compared pair by pair (docs/compare.md, "Two builds"):
#
#   scripts/compare-builds.sh NAME=BUILD NAME=BUILD... [run options]
#
# BUILD is one of
#   ort:VERSION   this project built against ONNX Runtime VERSION from Maven Central, once, into
#                 target/builds/ort-VERSION/ (reused after that)
#   PATH.jar      a benchmarks.jar built elsewhere
#   native:DIR    target/benchmarks.jar with -Donnxruntime.native.path=DIR (another native build,
#                 such as ONNX Runtime built with XNNPACK); DIR holds libonnxruntime.so and libonnxruntime4j_jni.so
#
# Every build runs this checkout's suite (default ci) on its models, and the jar's `turns` measures them
# in rounds, iteration by iteration in turns, each build against the first pair by pair after every
# block of rounds until decided, then all side by side; run options (e.g. -p batchSize=1) go to every
# run. Exit: 0, 1 when a build is slower than the first beyond the threshold, 2 bad input, 3 a run
# failed, 4 undecided at the last round.
#
# Environment: EDGEBENCH_SUITE (ci), EDGEBENCH_ROUNDS (24), EDGEBENCH_BLOCK (8), EDGEBENCH_FORKS (1),
# EDGEBENCH_THRESHOLD (percent, 5), EDGEBENCH_RUN_DIR (results/<timestamp>-builds), EDGEBENCH_JAR.
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "compare-builds: $1" >&2; exit 2; }
[ $# -ge 2 ] || fail "needs two builds: NAME=BUILD NAME=BUILD, e.g. ort-1.22=ort:1.22.0 ort-1.29=ort:1.29.0"
own_jar="${EDGEBENCH_JAR:-target/benchmarks.jar}"
[ -f "$own_jar" ] || fail "$own_jar not found; build it with: mvn package"
for s in "ROUNDS=${EDGEBENCH_ROUNDS:-24}" "BLOCK=${EDGEBENCH_BLOCK:-8}" "FORKS=${EDGEBENCH_FORKS:-1}"; do
  [[ "${s#*=}" =~ ^[1-9][0-9]*$ ]] || fail "EDGEBENCH_${s%%=*} must be a whole number >= 1, was '${s#*=}'"
done
[[ "${EDGEBENCH_THRESHOLD:-5}" =~ ^[0-9]+([.][0-9]+)?$ ]] || fail "EDGEBENCH_THRESHOLD must be a percentage, was '$EDGEBENCH_THRESHOLD'"
builds=()
while [ $# -gt 0 ] && [[ "$1" != -* ]]; do
  name="${1%%=*}" build="${1#*=}"
  [[ "$1" == *=* && -n "$name" && -n "$build" ]] || fail "'$1': expected NAME=BUILD (BUILD: ort:VERSION, PATH.jar or native:DIR)"
  if [[ "$build" == ort:* ]]; then
    version="${build#ort:}" tree="target/builds/ort-${build#ort:}"
    [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+([.-][A-Za-z0-9.-]+)?$ ]] || fail "'$build': expected ort:VERSION such as ort:1.22.0"
    if [ ! -f "$tree/target/benchmarks.jar" ]; then
      echo "compare-builds: building against ONNX Runtime $version in $tree" >&2
      rm -rf "$tree" && mkdir -p "$tree" && git archive HEAD | tar -x -C "$tree"
      if ! (cd "$tree" && mvn -B -q -ntp -Dmaven.test.skip=true "-Donnxruntime.version=$version" package > build.log 2>&1); then
        ! grep -q "com.microsoft.onnxruntime:onnxruntime:jar:$version" "$tree/build.log" \
          || fail "ONNX Runtime $version is not on Maven Central (com.microsoft.onnxruntime:onnxruntime); see $tree/build.log"
        fail "cannot build against ONNX Runtime $version; see $tree/build.log"
      fi
    fi
    build="$tree/target/benchmarks.jar"
  fi
  builds+=("$name=$build")
  shift
done
[ ${#builds[@]} -ge 2 ] || fail "needs two builds: NAME=BUILD NAME=BUILD, e.g. ort-1.22=ort:1.22.0 ort-1.29=ort:1.29.0"
exec java -jar "$own_jar" turns "${builds[@]}" --suite "${EDGEBENCH_SUITE:-ci}" --rounds "${EDGEBENCH_ROUNDS:-24}" \
  --block "${EDGEBENCH_BLOCK:-8}" --forks "${EDGEBENCH_FORKS:-1}" --threshold "${EDGEBENCH_THRESHOLD:-5}" \
  --out "${EDGEBENCH_RUN_DIR:-results/$(date +%Y%m%d-%H%M%S)-builds}" -- "$@"
