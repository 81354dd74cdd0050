#!/usr/bin/env bash
# The jar on aarch64 Linux, on an x86 machine, under qemu-user (docs/compare.md, "ARM"):
#
#   scripts/arm64-emulated.sh [run options]
#
# Runs target/benchmarks.jar with Debian's arm64 JDK under qemu-aarch64-static, so ONNX Runtime's
# linux-aarch64 libraries from the jar do the work, and writes a normal run folder
# (results/<timestamp>-arm64-emulated unless --out is given). It checks that the ARM path works;
# its timings are an emulator's (about a thousand times a board's), and env.json, the summary and
# compare say so. Without run options it runs one short configuration (student, batch 1, CPU,
# 1 intra-op thread, 1 fork, 1 x 2 s warm-up, 2 x 2 s). When run as root it installs what it
# needs from Debian (qemu-user-static, openjdk-17-jdk-headless:arm64); otherwise it says what is
# missing and exits 2. EDGEBENCH_JAVA_OPTS (e.g. -Djmh.ignoreLock=true) go to the launcher's JVM.
set -euo pipefail
cd "$(dirname "$0")/.."

jar="${EDGEBENCH_JAR:-target/benchmarks.jar}"
arm_java="${EDGEBENCH_ARM64_JAVA:-/usr/lib/jvm/java-17-openjdk-arm64/bin/java}"

qemu=""
find_qemu() {
  qemu="$(command -v qemu-aarch64-static || command -v qemu-aarch64 || true)"
}
find_qemu
if [ -z "$qemu" ] || [ ! -x "$arm_java" ]; then
  missing=()
  [ -z "$qemu" ] && missing+=("qemu-user-static")
  [ -x "$arm_java" ] || missing+=("openjdk-17-jdk-headless:arm64")
  if [ "$(id -u)" -eq 0 ] && command -v apt-get > /dev/null; then
    echo "arm64-emulated: installing ${missing[*]} from Debian" >&2
    dpkg --add-architecture arm64
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" > /dev/null
    find_qemu
  else
    echo "arm64-emulated: missing ${missing[*]}; as root: dpkg --add-architecture arm64 && apt-get update && apt-get install ${missing[*]}" >&2
    exit 2
  fi
fi
if [ ! -f "$jar" ]; then
  echo "arm64-emulated: $jar not found; build it with: mvn package" >&2
  exit 2
fi

# JMH starts each fork with the JVM it is given; without binfmt_misc that must be qemu itself, so a
# wrapper execs the arm64 java under qemu. The JDK's default process launch goes through an
# aarch64 helper binary that cannot be executed here ("Failed to exec spawn helper"); vfork can.
mkdir -p target/arm64
wrapper="$(pwd)/target/arm64/java"
cat > "$wrapper" <<EOF
#!/bin/sh
exec "$qemu" -L / "$arm_java" -Djdk.lang.Process.launchMechanism=VFORK "\$@"
EOF
chmod +x "$wrapper"

args=("$@")
if [ ${#args[@]} -eq 0 ]; then
  args=(-f 1 -wi 1 -w 2s -i 2 -r 2s -p batchSize=1 -p provider=CPU -p intraOpThreads=1)
fi
has_out=0
for arg in "${args[@]}"; do
  case "$arg" in --out | --out=*) has_out=1 ;; esac
done
if [ "$has_out" -eq 0 ]; then
  args+=(--out "results/$(date +%Y%m%d-%H%M%S)-arm64-emulated")
fi
read -r -a java_opts <<< "${EDGEBENCH_JAVA_OPTS:-}"
exec "$wrapper" ${java_opts[@]+"${java_opts[@]}"} -jar "$jar" --suite quick -jvm "$wrapper" "${args[@]}"
