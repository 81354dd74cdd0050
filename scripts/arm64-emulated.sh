#!/usr/bin/env bash
# The jar on an emulated ARM board, on an x86 machine, under qemu-user (docs/compare.md, "ARM"):
#
#   [EDGEBENCH_ARM_CPU=cortex-a76] scripts/arm64-emulated.sh [run options]
#
# Runs target/benchmarks.jar with Debian's arm64 JDK under qemu-aarch64-static, emulating one
# board's core: cortex-a76 (Raspberry Pi 5, the default), cortex-a72 (Pi 4), cortex-a53 (Pi 3,
# Zero 2) or neoverse-n1 (an ARM server). qemu-user passes the host's x86 /proc/cpuinfo through,
# which ONNX Runtime's CPU detection cannot read, so the emulator gets an ARM one describing that
# core through its -L prefix. Writes a normal run folder (results/<timestamp>-arm64-emulated
# unless --out is given) whose env.json names the core and the emulator; its timings are an
# emulator's, not a board's. Without run options: student, batch 1, CPU, 1 intra-op thread, 1 fork,
# 1 x 2 s warm-up, 2 x 2 s. As root it installs qemu-user-static and openjdk-17-jdk-headless:arm64
# from Debian; otherwise it names them and exits 2. EDGEBENCH_JAVA_OPTS go to the launcher's JVM.
set -euo pipefail
cd "$(dirname "$0")/.."
jar="${EDGEBENCH_JAR:-target/benchmarks.jar}"
arm_java="${EDGEBENCH_ARM64_JAVA:-/usr/lib/jvm/java-17-openjdk-arm64/bin/java}"
core="${EDGEBENCH_ARM_CPU:-cortex-a76}"
fail() { echo "arm64-emulated: $1" >&2; exit "${2:-2}"; }

# The prefix holds only proc/cpuinfo (written first: an unknown core is refused before anything is
# installed); every other path falls through to the host's, where the arm64 JDK and dynamic loader are.
prefix="$(pwd)/target/arm64/$core"
bash scripts/arm-cpuinfo.sh "$core" "$prefix/proc/cpuinfo" || exit 2
qemu="$(command -v qemu-aarch64-static || true)"
missing=()
[ -n "$qemu" ] || missing+=(qemu-user-static)
[ -x "$arm_java" ] || missing+=(openjdk-17-jdk-headless:arm64)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get > /dev/null; then
    fail "missing ${missing[*]}; as root: dpkg --add-architecture arm64 && apt-get update && apt-get install ${missing[*]}"
  fi
  echo "arm64-emulated: installing ${missing[*]} from Debian" >&2
  dpkg --add-architecture arm64 && apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" > /dev/null
  qemu="$(command -v qemu-aarch64-static)"
fi
[ -f "$jar" ] || fail "$jar not found; build it with: mvn package"
cores="$( ("$qemu" -cpu help || true) | sed -n 's/^ \+\([a-z0-9-]\+\)$/\1/p' | tr '\n' ' ')"
[[ " $cores" == *" $core "* ]] || fail "this qemu cannot emulate $core; it knows: $cores"
emulator="qemu $("$qemu" --version | sed -n '1s/.*version \([0-9.]*\).*/\1/p')"

# JMH starts each fork with the JVM it is given; without binfmt_misc that must be qemu itself. The
# JDK's default process launch goes through an aarch64 helper that cannot be executed; vfork can.
wrapper="$prefix/java"
printf '#!/bin/sh\nexport EDGEBENCH_EMULATOR="%s" EDGEBENCH_EMULATED_CPU="%s"\nexec "%s" -L "%s" -cpu %s "%s" -Djdk.lang.Process.launchMechanism=VFORK "$@"\n' \
  "$emulator" "$core" "$qemu" "$prefix" "$core" "$arm_java" > "$wrapper"
chmod +x "$wrapper"

# ONNX Runtime's aarch64 library loads first in the launcher: if the emulator dies there (or hangs),
# say so in one line, with the log, rather than as a JVM crash report.
log="$prefix/preflight.log"
rc=0
{ timeout 300 "$wrapper" -XX:ErrorFile="$prefix/hs_err_%p.log" -jar "$jar" env > "$log" 2>&1; } 2> /dev/null || rc=$?
if [ "$rc" -ne 0 ]; then
  grep -q "uncaught target signal\|fatal error has been detected" "$log" && [ "$rc" -ne 2 ] \
    && fail "$emulator emulating $core crashed (exit $rc) starting the JVM and ONNX Runtime's aarch64 libraries, before any measurement; try another core with EDGEBENCH_ARM_CPU; log: $log" 1
  fail "the jar's env command under $emulator ($core) failed (exit $rc): $(grep -v '^$' "$log" | tail -n 1); log: $log" 1
fi

args=("$@")
[ ${#args[@]} -gt 0 ] || args=(-f 1 -wi 1 -w 2s -i 2 -r 2s -p batchSize=1 -p provider=CPU -p intraOpThreads=1)
[[ " ${args[*]} " =~ \ --out[\ =] ]] || args+=(--out "results/$(date +%Y%m%d-%H%M%S)-arm64-emulated")
read -r -a java_opts <<< "${EDGEBENCH_JAVA_OPTS:-}"
exec "$wrapper" ${java_opts[@]+"${java_opts[@]}"} -jar "$jar" --suite quick -jvm "$wrapper" "${args[@]}"
