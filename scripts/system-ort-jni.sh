#!/usr/bin/env bash
# Builds ONNX Runtime's JNI layer for the libonnxruntime this Debian-based system has installed,
# from that version's source package, into a folder -Donnxruntime.native.path can load:
#
#   scripts/system-ort-jni.sh OUT_DIR [SYSROOT TRIPLET]
#
# With SYSROOT and TRIPLET (aarch64-linux-gnu) it cross-compiles for another architecture's packages
# of the same version, unpacked into SYSROOT, with TRIPLET-gcc; the links then point into SYSROOT.
#
# OUT_DIR then holds libonnxruntime4j_jni.so, links to the system's libonnxruntime.so and provider
# libraries, and build.txt naming the build (env.json's onnxRuntime.build). The JNI layer is built
# with -DUSE_DNNL, so SessionOptions.addDnnl reaches the library; XNNPACK needs no switch. Needs a
# JDK and gcc; only the source package's tarball is fetched, through apt (a deb-src line).
set -euo pipefail

fail() {
  echo "system-ort-jni: $1" >&2
  exit 2
}

[ $# -eq 1 ] || [ $# -eq 3 ] || fail "usage: scripts/system-ort-jni.sh OUT_DIR [SYSROOT TRIPLET]"
out=$1
sysroot=${2:-}
cc=gcc
[ -z "$sysroot" ] || cc="$3-gcc"
package=$(dpkg-query -W -f '${db:Status-Abbrev} ${Package}\n' 'libonnxruntime1.*' 2> /dev/null | awk '$1 == "ii" {print $2}' | head -n 1)
[ -n "$package" ] || fail "no libonnxruntime1.* package installed; install one, e.g. apt-get install libonnxruntime1.21"
debian_version=$(dpkg-query -W -f '${Version}' "$package")
source_package=$(dpkg-query -W -f '${source:Package}' "$package")
version=${debian_version%%+*}
version=${version%%-*}
library=$(dpkg -L "$package" | grep -E "/libonnxruntime\.so\.$version$" | head -n 1)
[ -n "$library" ] || fail "$package has no libonnxruntime.so.$version"
arch=$(dpkg --print-architecture)
if [ -n "$sysroot" ]; then
  library="$sysroot/usr/lib/$3/$(basename "$library")"
  [ -f "$library" ] || fail "$sysroot has no $library: unpack that architecture's $package $debian_version there"
  arch=${3%%-*}
  [ "$arch" != aarch64 ] || arch=arm64
fi
command -v javac > /dev/null || fail "no javac: install a JDK (openjdk-21-jdk-headless)"
command -v "$cc" > /dev/null || fail "no $cc: install gcc (or gcc-aarch64-linux-gnu to cross-compile)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work" # apt fetches as its own user
# The Debian mirror serves the upstream tarball under the version without its Debian revision.
uri=$(cd "$work" && apt-get source -qq --print-uris "$source_package=$debian_version" 2> /dev/null | awk '/orig\.tar/ {gsub("\x27", "", $1); print $1, $2, $4}' | head -n 1)
[ -n "$uri" ] || fail "apt knows no source of $source_package $debian_version; add a deb-src line for your release to /etc/apt/sources.list.d and run apt-get update"
read -r url file hash <<< "$uri"
/usr/lib/apt/apt-helper -qq download-file "$url" "$work/$file" "$hash" > "$work/fetch.log" 2>&1 \
  || { cat "$work/fetch.log" >&2; fail "cannot fetch $url"; }
tar -xJf "$work/$file" -C "$work" --strip-components=1 --wildcards '*/java/src/main/native' '*/java/src/main/java' \
  '*/java/src/main/jvm' '*/include/onnxruntime' '*/orttraining/orttraining/training_api/include'

mkdir -p "$work/classes" "$work/headers"
find "$work/java/src/main/java" "$work/java/src/main/jvm" -name '*.java' > "$work/sources"
javac -nowarn -h "$work/headers" -d "$work/classes" @"$work/sources" 2> "$work/javac.log" || { cat "$work/javac.log" >&2; fail "javac -h failed on $version's Java sources"; }
printf '#define HAS_REALLOCARRAY 1\n#define ORT_VERSION "%s"\n' "$version" > "$work/headers/onnxruntime_config.h"
java_home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
mkdir -p "$out"
"$cc" -O2 -shared -fPIC -DUSE_DNNL -o "$out/libonnxruntime4j_jni.so" "$work"/java/src/main/native/*.c \
  -I"$work/headers" -I"$work/include" -I"$work/include/onnxruntime" -I"$work/include/onnxruntime/core/session" \
  -I"$work/orttraining/orttraining/training_api/include" \
  -I"$java_home/include" -I"$java_home/include/linux" "$library"
ln -sf "$library" "$out/libonnxruntime.so"
for provider in "$(dirname "$library")"/libonnxruntime_providers_*.so; do
  [ -e "$provider" ] && ln -sf "$provider" "$out/$(basename "$provider")"
done
echo "ONNX Runtime $version from Debian's $package ($debian_version, $arch), JNI built from its source" > "$out/build.txt"
echo "system-ort-jni: $(cat "$out/build.txt") in $out" >&2
