package org.edgebench.report;

import org.edgebench.cli.ReportCommand;
import org.edgebench.cli.Subcommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ReportCommandTest {

    @TempDir
    Path dir;

    private record Outcome(int exit, String out, String err) {
    }

    private static Outcome run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = Subcommands.execute(new ReportCommand(), args);
            return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void writesAndSaysWhere() {
        Path run = Fixtures.runFolder(Fixtures.SAMPLE_GC, dir, false);

        Outcome outcome = run(run.toString(), "--slo-ms", "0.5");

        assertThat(outcome.exit()).isZero();
        assertThat(outcome.out()).startsWith("report written to " + run.resolve("index.html"));
        assertThat(run.resolve("summary.md")).exists();
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.json"), "[]");
        Path malformed = Files.writeString(dir.resolve("malformed.json"), "[{\"benchmark\": }]");
        Path notJmh = Files.writeString(dir.resolve("other.json"), "{\"a\": 1}");
        for (Path input : new Path[]{empty, malformed, notJmh, dir.resolve("missing.json")}) {
            Outcome outcome = run(input.toString());
            assertThat(outcome.exit()).as(input.toString()).isEqualTo(2);
            assertThat(outcome.err().strip()).startsWith("edgebench: ").contains(input.getFileName().toString()).doesNotContain("\n");
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("nothing written on bad input").hasSize(3);
        }
    }

    @Test
    void sloMustBePositive() {
        Path run = Fixtures.runFolder(Fixtures.SS, dir, false);
        for (String slo : new String[]{"0", "-5", "NaN"}) {
            Outcome outcome = run(run.toString(), "--slo-ms", slo);
            assertThat(outcome.exit()).isEqualTo(2);
            assertThat(outcome.err()).contains("--slo-ms must be a positive number");
        }
    }

    @Test
    void unwritableOutFolderIsBadInput() throws IOException {
        Path run = Fixtures.runFolder(Fixtures.SS, dir.resolve("run"), false);
        Path blocker = Files.writeString(dir.resolve("a-file"), "not a folder");

        Outcome outcome = run(run.toString(), "--out", blocker.resolve("sub").toString());

        assertThat(outcome.exit()).isEqualTo(2);
        assertThat(outcome.err().strip()).startsWith("edgebench: cannot write to ").contains("--out").doesNotContain("\n");
    }
}
