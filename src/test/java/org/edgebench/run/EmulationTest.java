package org.edgebench.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How an emulated run is marked: the core and the emulator named everywhere "emulated" is said. */
class EmulationTest {

    @TempDir
    Path dir;

    private static Environment on(Environment.Machine machine) {
        return new Environment(new Environment.EdgeBench("test"),
                new Environment.OnnxRuntimeBuild("1.29.0", "1.29.0", null, List.of("CPU"), null), machine, null, null,
                List.of(), null, null, null, null, null, null, null);
    }

    private static Environment.Machine machine(String arch, String cpu, Boolean emulated, String core, String emulator) {
        return new Environment.Machine("Linux", "6.1", arch, cpu, 2, null, null, null, "h", emulated, core, emulator);
    }

    private static final Environment A76 = on(machine("aarch64", "ARM Cortex-A76", true, "Cortex-A76", "qemu 7.2.22"));
    private static final Environment X86 = on(machine("amd64", "AMD EPYC", false, null, null));

    @Test
    void theEmulatedCoreAndTheEmulatorAreNamedWhereverTheRunIsMarkedEmulated() {
        assertThat(A76.emulated()).isTrue();
        assertThat(A76.emulation()).isEqualTo("emulated Cortex-A76, qemu 7.2.22");
        assertThat(A76.describe()).contains("(aarch64, emulated Cortex-A76, qemu 7.2.22: timings are not a board's)");
        assertThat(A76.oneLine()).endsWith(", emulated Cortex-A76, qemu 7.2.22");
        assertThat(A76.header()).startsWith("aarch64 (emulated Cortex-A76, qemu 7.2.22), ARM Cortex-A76 (2 cores)");
        assertThat(A76.machineDifferences(X86)).contains("emulated Cortex-A76, qemu 7.2.22 vs no");
    }

    @Test
    void anEmulatedRunThatDoesNotNameItsCoreIsStillMarkedEmulated() {
        Environment unnamed = on(machine("aarch64", "AMD EPYC", null, null, null));
        assertThat(unnamed.emulated()).isTrue();
        assertThat(unnamed.emulation()).isEqualTo("emulated");
        assertThat(unnamed.header()).startsWith("aarch64 (emulated), AMD EPYC");
        assertThat(X86.emulated()).isFalse();
    }

    @Test
    void envJsonKeepsTheCoreAndTheEmulatorAndOlderFilesWithoutThemStillRead() throws Exception {
        EnvFile.write(dir, A76);
        String json = Files.readString(dir.resolve("env.json"));
        assertThat(json).contains("\"emulatedCpu\" : \"Cortex-A76\"").contains("\"emulator\" : \"qemu 7.2.22\"");
        assertThat(EnvFile.read(dir)).hasValueSatisfying(e -> assertThat(e.emulation()).isEqualTo("emulated Cortex-A76, qemu 7.2.22"));

        Files.writeString(dir.resolve("env.json"), json.replace("\"emulatedCpu\" : \"Cortex-A76\",", "")
                .replace("\"emulator\" : \"qemu 7.2.22\"", "\"hostname\" : \"h\"").replace("\"hostname\" : \"h\",", ""));
        assertThat(EnvFile.read(dir)).hasValueSatisfying(e -> {
            assertThat(e.machineOrUnknown().emulatedCpu()).isNull();
            assertThat(e.emulation()).isEqualTo("emulated");
        });
    }
}
