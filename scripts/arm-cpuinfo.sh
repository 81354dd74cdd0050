#!/usr/bin/env bash
# Writes the /proc/cpuinfo of an ARM board's core, for qemu-user's -L prefix (docs/compare.md, "ARM
# under emulation"): scripts/arm-cpuinfo.sh CORE FILE. qemu passes the host's x86 file through
# otherwise, which ONNX Runtime's CPU detection cannot read. One processor per host CPU, as /sys says;
# the fields as the boards list them. CORE: cortex-a76 (Raspberry Pi 5), cortex-a72 (Pi 4),
# cortex-a53 (Pi 3, Zero 2), neoverse-n1 (ARM servers); another is refused with exit 2.
set -euo pipefail
case "${1:-}" in # CPU part, variant, revision, BogoMIPS, Features
  cortex-a53) id=(0xd03 0x0 4 38.40 "fp asimd evtstrm crc32 cpuid") ;;
  cortex-a72) id=(0xd08 0x0 3 108.00 "fp asimd evtstrm crc32 cpuid") ;;
  cortex-a76) id=(0xd0b 0x4 1 108.00 "fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm lrcpc dcpop asimddp") ;;
  neoverse-n1) id=(0xd0c 0x3 1 50.00 "fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm lrcpc dcpop asimddp ssbs") ;;
  *) echo "arm64-emulated: unknown core '${1:-}' in EDGEBENCH_ARM_CPU; choose cortex-a76 (Pi 5), cortex-a72 (Pi 4), cortex-a53 (Pi 3) or neoverse-n1" >&2; exit 2 ;;
esac
mkdir -p "$(dirname "$2")"
for ((cpu = 0; cpu < $(nproc --all); cpu++)); do
  printf 'processor\t: %d\nBogoMIPS\t: %s\nFeatures\t: %s\nCPU implementer\t: 0x41\nCPU architecture: 8\nCPU variant\t: %s\nCPU part\t: %s\nCPU revision\t: %s\n\n' \
    "$cpu" "${id[3]}" "${id[4]}" "${id[1]}" "${id[0]}" "${id[2]}"
done > "$2"
