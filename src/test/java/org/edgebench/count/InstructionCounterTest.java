package org.edgebench.count;

import org.edgebench.BadInputException;
import org.edgebench.run.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.edgebench.count.InstructionsCsvTest.counted;

/** The counter's side that needs no valgrind: the plan it hands the counting JVM, its command, reading the dumps. */
class InstructionCounterTest {

    private static final String MARKER = "--dump-before=" + CountMain.MARKER_FUNCTION;

    @TempDir
    Path dir;

    private final InstructionCounter counter = new InstructionCounter(Path.of("/usr/bin/valgrind"), "3.19.0");

    @Test
    void threeMarkerDumpsPerConfigurationGiveTheTwoCounts() {
        CountPlan plan = new CountPlan(1, 1, 3, List.of(counted("student", 1, ""), counted("student", 8, "")));
        List<CallgrindDump> dumps = List.of(new CallgrindDump(1, MARKER, 17_351_890), new CallgrindDump(2, MARKER, 8_571_391),
                new CallgrindDump(3, MARKER, 17_138_578), new CallgrindDump(4, MARKER, 150_000_000),
                new CallgrindDump(5, MARKER, 66_727_561), new CallgrindDump(6, MARKER, 133_454_801),
                new CallgrindDump(7, "Program termination", 0));
        List<InstructionCount> counts = counter.counts(plan, dumps, dir.resolve("valgrind.log"));
        assertThat(counts).extracting(InstructionCount::instructionsLow).containsExactly(8_571_391L, 66_727_561L);
        assertThat(counts).extracting(InstructionCount::instructionsHigh).containsExactly(25_709_969L, 200_182_362L);
        assertThat(counts.get(0).perInference()).isEqualTo(8_569_289);
        assertThat(counts).extracting(InstructionCount::valgrind).containsOnly("3.19.0");
    }

    @Test
    void missingDumpsOrAnEmptyCountFailNamingTheLog() {
        CountPlan plan = new CountPlan(1, 1, 3, List.of(counted("student", 1, "")));
        Path log = dir.resolve("valgrind.log");
        assertThatThrownBy(() -> counter.counts(plan, List.of(new CallgrindDump(1, MARKER, 5)), log))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("1 dumps at the phase marker, expected 3")
                .hasMessageContaining(log.toString());
        List<CallgrindDump> nothing = List.of(new CallgrindDump(1, MARKER, 0), new CallgrindDump(2, MARKER, 0),
                new CallgrindDump(3, MARKER, 0));
        assertThatThrownBy(() -> counter.counts(plan, nothing, log)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("counted no instructions inside Java_ai_onnxruntime_OrtSession_run*");
    }

    @Test
    void theCountingJvmRunsThisJavaUnderCallgrindWithTheMarkers() {
        List<String> command = counter.command(dir, dir.resolve("plan.txt"), dir.resolve("valgrind.log"));
        assertThat(command.subList(0, 3)).containsExactly("/usr/bin/valgrind", "--tool=callgrind", "--instr-atstart=no");
        assertThat(command).contains("--toggle-collect=Java_ai_onnxruntime_OrtSession_run*", MARKER,
                "--callgrind-out-file=" + dir.resolve("callgrind.out.%p"), "-XX:ErrorFile=" + dir.resolve("hs_err_%p.log"),
                CountMain.class.getName(), dir.resolve("plan.txt").toString());
        assertThat(command).anyMatch(arg -> arg.startsWith("-Dedgebench.models="))
                .contains(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * The counting JVM's request switches the instrumentation with the callgrind_control beside
     * valgrind, for the counting JVM's process, and is answered on its standard input; a
     * callgrind_control that fails stops the count, saying what it said.
     */
    @Test
    void instrumentationRequestsAreSwitchedWithCallgrindControlAndAnswered() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path valgrind = script(bin.resolve("valgrind"), "echo '" + CountMain.INSTRUMENTATION_ON + "'\nread answer\n"
                + "echo \"answered $answer\"\nexit 3\n");
        Path asked = dir.resolve("asked.txt");
        Path control = script(bin.resolve(InstructionCounter.CONTROL), "echo \"$@\" > '" + asked + "'\n");
        CountPlan plan = new CountPlan(1, 1, 3, List.of(counted("student", 1, "")));
        InstructionCounter fake = new InstructionCounter(valgrind, "3.19.0");

        assertThatThrownBy(() -> fake.count(plan, line -> { })).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the counting JVM under valgrind failed (exit 3): answered switched");
        assertThat(Files.readString(asked)).matches("-i on [0-9]+\n");

        script(control, "echo 'no process with that pid'\nexit 1\n");
        assertThatThrownBy(() -> fake.count(plan, line -> { })).isInstanceOf(IllegalStateException.class)
                .hasMessageMatching(".*callgrind_control -i on [0-9]+ failed \\(exit 1\\): no process with that pid.*");
    }

    private static Path script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body);
        assertThat(file.toFile().setExecutable(true)).isTrue();
        return file;
    }

    @Test
    void valgrindIsLookedUpOnThePath() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        assertThat(InstructionCounter.find(empty + File.pathSeparator + bin)).isEmpty();
        Path valgrind = Files.createFile(bin.resolve("valgrind"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        assertThat(InstructionCounter.find(empty + File.pathSeparator + bin)).hasValue(valgrind);
    }

    @Test
    void planRoundTripsAndKeepsASessionsBatchSizesTogether() throws IOException {
        Configuration b1 = counted("student", 1, "");
        Configuration int8 = counted("student-int8", 1, "");
        Configuration b8 = counted("student", 8, "");
        CountPlan plan = new CountPlan(2, 1, 3, List.of(b1, int8, b8));
        assertThat(plan.configurations()).containsExactly(b1, b8, int8);
        assertThat(plan.callsPerConfiguration()).isEqualTo(6);
        Path file = dir.resolve("plan.txt");
        plan.write(file);
        assertThat(CountPlan.read(file)).isEqualTo(plan);
        assertThatThrownBy(() -> new CountPlan(1, 3, 3, List.of(b1))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("1 <= LOW < HIGH");
    }
}
