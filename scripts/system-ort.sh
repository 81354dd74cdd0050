#!/usr/bin/env bash
# The ONNX Runtime a Debian-based system installs (Debian 13's libonnxruntime1.21: CPU, XNNPACK
# and DNNL) as a build EdgeBench runs on (docs/compare.md, "The distribution's ONNX Runtime"):
#
#   scripts/system-ort.sh [run options]       e.g. -p provider=CPU,XNNPACK,DNNL -p batchSize=1,8
#   scripts/system-ort.sh env | models | report RUN_DIR ...
#
# Where a libonnxruntime1.* package is installed (Debian 13, Raspberry Pi OS on trixie) it runs
# there. Elsewhere (as root) it makes a Debian 13 root once, with debootstrap from the mirror apt
# already uses, into target/system-ort/root-ARCH, and runs inside it. Then, each cached:
# scripts/system-ort-jni.sh builds the JNI layer from the library's source package into
# target/system-ort/native-ARCH-VERSION (its build.txt names the build in env.json), and this
# checkout's HEAD is built against ONNX Runtime's Java API VERSION into target/system-ort/jar-VERSION.
# EDGEBENCH_DEBIAN_ARCH=arm64 on an amd64 machine runs Debian 13's arm64 packages instead, under
# qemu-user as a Cortex-A76 (qemu-aarch64-static -cpu cortex-a76): their closure is unpacked into
# target/system-ort/sysroot-arm64 (no maintainer scripts run), the JNI layer cross-compiled in the
# root; the run checks correctness (placement.csv's outputs vs CPU) and its timings are an emulator's.
# Environment: EDGEBENCH_DEBIAN_ROOT (the root's folder), EDGEBENCH_DEBIAN_MIRROR, EDGEBENCH_JAR (a
# jar already built against the library's Java API version, used instead of building HEAD),
# EDGEBENCH_JAVA_OPTS (JVM options for the launcher, e.g. -Djmh.ignoreLock=true).
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
  echo "system-ort: $1" >&2
  exit 2
}

arch=$(dpkg --print-architecture 2> /dev/null) || fail "needs a Debian-based system (dpkg)"
root="${EDGEBENCH_DEBIAN_ROOT:-target/system-ort/root-$arch}"
packages=(libonnxruntime1.21 openjdk-21-jdk-headless gcc libc6-dev xz-utils fontconfig libharfbuzz0b fonts-dejavu-core)
installed() { dpkg-query -W -f '${db:Status-Abbrev}\n' 'libonnxruntime1.*' 2> /dev/null | grep -q '^ii'; }

# One preparation at a time (a CI step may start it before the tests that use it); runs need no lock.
mkdir -p target/system-ort
exec 9> target/system-ort/.prepare.lock
flock 9

# Runs a command where the library is: here, or in the root with /proc, /dev and this checkout mounted.
where() { "$@"; }
if ! installed; then
  if [ "$(id -u)" -ne 0 ]; then
    # Mounting and chroot need root: through sudo when it asks for no password (a CI runner), else say so.
    flock -u 9
    if command -v sudo > /dev/null && sudo -n true 2> /dev/null; then
      exec sudo -n -E bash "$PWD/scripts/system-ort.sh" "$@"
    fi
    fail "no libonnxruntime1.* here and a Debian 13 root needs root: run as root, or apt-get install libonnxruntime1.21 on Debian 13"
  fi
  if [ ! -f "$root/.edgebench-ready" ]; then
    command -v debootstrap > /dev/null || fail "no debootstrap: apt-get install debootstrap"
    mirror="${EDGEBENCH_DEBIAN_MIRROR:-$( (grep -rhoE 'https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d 2> /dev/null || true) | head -n 1 | tr -d ' ')}"
    mirror="${mirror:-http://deb.debian.org/debian}"
    echo "system-ort: making a Debian 13 root in $root from $mirror (once; a few minutes)" >&2
    rm -rf "$root"
    mkdir -p "$(dirname "$root")"
    debootstrap --variant=minbase trixie "$root" "$mirror" > "$root.log" 2>&1 || fail "debootstrap failed; see $root.log"
    echo "deb-src $mirror trixie main" > "$root/etc/apt/sources.list.d/edgebench-src.list"
  fi
  # /tmp too: a run's --out may be there, and JMH's lock file then keeps runs in and out of the root apart.
  where() {
    # shellcheck disable=SC2016 # the inner shell expands its own arguments
    unshare --mount --propagation private sh -c 'root=$1 dir=$2; shift 2; mkdir -p "$root$dir" && mount --bind "$dir" "$root$dir" \
      && mount --bind /tmp "$root/tmp" && mount -t proc proc "$root/proc" && mount --rbind /dev "$root/dev" \
      && exec chroot "$root" env -C "$dir" "$@"' sh "$(cd "$root" && pwd)" "$PWD" "$@"
  }
  if [ ! -f "$root/.edgebench-ready" ]; then
    where sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o Dpkg::Options::=--force-unsafe-io --no-install-recommends ${packages[*]}" \
      > "$root.apt.log" 2>&1 || fail "installing ${packages[*]} in $root failed; see $root.apt.log"
    touch "$root/.edgebench-ready"
  fi
fi

target_arch="${EDGEBENCH_DEBIAN_ARCH:-$arch}"
sysroot="$PWD/target/system-ort/sysroot-$target_arch"
if [ "$target_arch" != "$arch" ]; then
  [ "$arch/$target_arch" = amd64/arm64 ] || fail "EDGEBENCH_DEBIAN_ARCH=$target_arch: only arm64 on an amd64 machine is emulated"
  ! installed || fail "EDGEBENCH_DEBIAN_ARCH=arm64 works through the Debian 13 root; run as root on an older Debian"
  qemu=$(command -v qemu-aarch64-static) || fail "no qemu-aarch64-static: apt-get install qemu-user-static"
  if [ ! -f "$sysroot/.edgebench-ready" ]; then
    echo "system-ort: unpacking Debian 13's arm64 packages into $sysroot (once)" >&2
    cache=/var/cache/edgebench-arm64
    where sh -c "dpkg --add-architecture arm64 && apt-get update -qq && mkdir -p $cache/archives/partial && : > $cache/status \
      && apt-get install -y -qq --download-only --no-install-recommends -o Dir::State::status=$cache/status \
        -o Dir::Cache::archives=$cache/archives -o APT::Architecture=arm64 -o APT::Architectures::=arm64 \
        libonnxruntime1.21:arm64 openjdk-21-jre-headless:arm64 libharfbuzz0b:arm64 libfontconfig1:arm64 fonts-dejavu-core \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends gcc-aarch64-linux-gnu libc6-dev-arm64-cross" \
      > "$root.arm64.log" 2>&1 || fail "fetching the arm64 packages failed; see $root.arm64.log"
    rm -rf "$sysroot"
    mkdir -p "$sysroot"
    for deb in "$root$cache"/archives/*.deb; do dpkg-deb -x "$deb" "$sysroot"; done
    ln -sfn usr/lib "$sysroot/lib"
    ln -sfn usr/bin "$sysroot/bin"
    # Absolute links (the JDK's conf/ into /etc) would resolve on this machine: point them into the sysroot.
    find "$sysroot" -type l -lname '/*' | while read -r link; do ln -sfn "$sysroot$(readlink "$link")" "$link"; done
    touch "$sysroot/.edgebench-ready"
  fi
fi

# shellcheck disable=SC2016 # dpkg-query's format, not the shell's
version=$(where dpkg-query -W -f '${db:Status-Abbrev} ${Version}\n' 'libonnxruntime1.*' | awk '$1 == "ii" {print $2}' | head -n 1)
version=${version%%+*}
version=${version%%-*}
native="target/system-ort/native-$target_arch-$version"
jni=("$native")
[ "$target_arch" = "$arch" ] || jni+=("$sysroot" aarch64-linux-gnu)
[ -f "$native/libonnxruntime4j_jni.so" ] || where bash scripts/system-ort-jni.sh "${jni[@]}"
jar="target/system-ort/jar-$version"
built="$jar/target/benchmarks.jar"
commit=$(git rev-parse HEAD)
if [ -n "${EDGEBENCH_JAR:-}" ]; then
  [ -f "$EDGEBENCH_JAR" ] || fail "EDGEBENCH_JAR=$EDGEBENCH_JAR: no such jar"
  built=$(cd "$(dirname "$EDGEBENCH_JAR")" && pwd)/$(basename "$EDGEBENCH_JAR")
elif [ "$(cat "$jar/commit" 2> /dev/null)" != "$commit" ]; then
  echo "system-ort: building this checkout's HEAD against ONNX Runtime's Java API $version in $jar" >&2
  rm -rf "$jar"
  mkdir -p "$jar"
  git archive HEAD | tar -x -C "$jar"
  # Without the tests, ONNX Runtime's bundled libraries (the system's are loaded) or generated models (the run's are here).
  (cd "$jar" && mvn -B -q -ntp -Dmaven.test.skip=true -Dexec.skip "-Donnxruntime.version=$version" "-Donnxruntime.jar.exclude=ai/onnxruntime/native/**" \
    package > build.log 2>&1) \
    || fail "cannot build against ONNX Runtime $version; see $jar/build.log"
  echo "$commit" > "$jar/commit"
fi
flock -u 9
where=(where)
read -r -a java_opts <<< "${EDGEBENCH_JAVA_OPTS:-}"
java=(java)
args=("$@")
if [ "$target_arch" != "$arch" ]; then
  # JMH starts its forks with -jvm: without binfmt_misc that is qemu itself, through this wrapper, with
  # the JDK's vfork launch (its aarch64 spawn helper cannot be executed here).
  # A Raspberry Pi 5's core, with its /proc/cpuinfo in the prefix (scripts/arm-cpuinfo.sh), named to env.json.
  java=("$PWD/target/system-ort/java-$target_arch")
  bash scripts/arm-cpuinfo.sh cortex-a76 "$sysroot/proc/cpuinfo"
  printf '#!/bin/sh\nexport EDGEBENCH_EMULATOR="qemu %s" EDGEBENCH_EMULATED_CPU=cortex-a76\nexec %s -cpu cortex-a76 -L %s %s/usr/lib/jvm/java-21-openjdk-arm64/bin/java -Djdk.lang.Process.launchMechanism=VFORK "$@"\n' \
    "$("$qemu" --version | sed -n '1s/.*version \([0-9.]*\).*/\1/p')" "$qemu" "$sysroot" "$sysroot" > "${java[0]}"
  chmod +x "${java[0]}"
  where=()
  case "${1:-}" in env | models | report | compare | count | calibrate) ;; *) args+=(-jvm "${java[0]}") ;; esac
fi
java+=(-Djava.awt.headless=true "${java_opts[@]}" "-Donnxruntime.native.path=$PWD/$native" -jar "$built")
# The launcher counts the forks' "Schema error ... already registered" lines (Debian's library prints
# one per ONNX operator in every process); the launcher's own are counted here, on its error output.
status=0
{ ${where[@]+"${where[@]}"} "${java[@]}" "${args[@]}" 2>&1 1>&3 3>&- | awk '/^Schema error: Trying to register schema with name .* but it is already registered/ {n++; after = 1; next}
  after && /^$/ {after = 0; next}
  {after = 0; print; fflush()}
  END {if (n) printf "system-ort: held back %d \"Schema error ... already registered\" line(s) that the launcher itself printed\n", n}' >&2; } 3>&1 || status=$?
exit "$status"
