package org.edgebench.report;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code report} and {@code compare} in a JVM that cannot draw text ({@link NoFontsJdk}): every
 * file but the charts, one line naming what to install, and the command's usual exit code.
 */
class NoFontsTest {

    @TempDir
    Path dir;

    private static Path java;

    @BeforeAll
    static void jdkWithoutFonts() throws IOException {
        assumeTrue(NoFontsJdk.available(), "a JDK with lib/libfontmanager.so (Linux)");
        java = NoFontsJdk.make();
    }

    @AfterAll
    static void removeIt() throws IOException {
        if (java != null) {
            NoFontsJdk.remove(java);
        }
    }

    private record Outcome(int exit, String out, String err) {
    }

    private Outcome launch(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), "org.edgebench.cli.Launcher"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("finished").isTrue();
        return new Outcome(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static List<String> edgebenchLines(String text) {
        return text.lines().filter(l -> l.toLowerCase().startsWith("edgebench: ")).toList();
    }

    @Test
    void theReportWritesEveryFileButTheChartsAndSaysWhatToInstall() throws Exception {
        Path run = Fixtures.runFolder(Fixtures.SAMPLE_GC, dir.resolve("run"), true);

        Outcome o = launch("report", run.toString());

        assertThat(o.exit()).as("stdout %s%nstderr %s", o.out(), o.err()).isZero();
        assertThat(edgebenchLines(o.err())).singleElement().asString()
                .startsWith("edgebench: charts skipped: this JVM cannot draw text (UnsatisfiedLinkError: ")
                .contains("libfontmanager.so")
                .contains("apt-get install fontconfig fonts-dejavu-core libharfbuzz0b")
                .endsWith("then `java -jar benchmarks.jar report RUN_DIR` draws them");
        assertThat(o.err()).doesNotContain("\tat ");
        assertThat(o.out()).startsWith("report written to " + run.resolve("index.html"));
        try (Stream<Path> files = Files.list(run)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("jmh.json", "env.json",
                    "latency.csv", "latency_samples.csv", "summary.txt", "summary.md", "index.html");
        }
        assertThat(run.resolve("latency.csv")).content().hasLineCount(1 + 3);
        assertThat(run.resolve("index.html")).content().contains("charts skipped: this JVM cannot draw text")
                .doesNotContain("<img");
    }

    @Test
    void compareWritesItsTablesWithoutTheChart() throws Exception {
        Path baseline = Fixtures.runFolder(Fixtures.SAMPLE_GC, dir.resolve("a"), true);
        Path candidate = Fixtures.runFolder(Fixtures.SAMPLE_GC, dir.resolve("b"), true);
        Path out = dir.resolve("cmp");

        Outcome o = launch("compare", baseline.toString(), candidate.toString(), "--out", out.toString());

        assertThat(o.exit()).as("stdout %s%nstderr %s", o.out(), o.err()).isZero();
        assertThat(o.err()).contains("EdgeBench: wrote " + out + " (comparison.csv, comparison.md)")
                .contains("EdgeBench: charts skipped: this JVM cannot draw text").doesNotContain("\tat ");
        assertThat(out.resolve("comparison.md")).isNotEmptyFile();
        assertThat(out.resolve("comparison.csv")).isNotEmptyFile();
        assertThat(out.resolve("charts")).doesNotExist();
    }
}
