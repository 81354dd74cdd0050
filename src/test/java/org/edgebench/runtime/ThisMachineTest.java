package org.edgebench.runtime;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ThisMachineTest {

    /** Two processors as a Raspberry Pi 5 lists them (and as scripts/arm64-emulated.sh writes them). */
    private static List<String> armCpuinfo(String part) {
        String processor = """
                processor\t: %d
                BogoMIPS\t: 108.00
                Features\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm lrcpc dcpop asimddp
                CPU implementer\t: 0x41
                CPU architecture: 8
                CPU variant\t: 0x4
                CPU part\t: %s
                CPU revision\t: 1
                """;
        return (processor.formatted(0, part) + "\n" + processor.formatted(1, part)).lines().toList();
    }

    @Test
    void anArmCoreIsNamedFromItsPartNumber() {
        assertThat(ThisMachine.cpuModel(armCpuinfo("0xd0b"))).hasValue("ARM Cortex-A76");
        assertThat(ThisMachine.cpuModel(armCpuinfo("0xd0c"))).hasValue("ARM Neoverse-N1");
        assertThat(ThisMachine.cpuModel(armCpuinfo("0xd99"))).hasValue("ARM CPU part 0xd99");
    }

    @Test
    void anX86ModelNameWins() {
        assertThat(ThisMachine.cpuModel(List.of("processor\t: 0", "model name\t: AMD EPYC 7B13"))).hasValue("AMD EPYC 7B13");
        assertThat(ThisMachine.cpuModel(List.of())).isEmpty();
    }

    @Test
    void qemuCoreNamesAreWrittenAsArmWritesThem() {
        assertThat(ThisMachine.coreName("cortex-a76")).isEqualTo("Cortex-A76");
        assertThat(ThisMachine.coreName("cortex-a53")).isEqualTo("Cortex-A53");
        assertThat(ThisMachine.coreName("neoverse-n1")).isEqualTo("Neoverse-N1");
    }
}
