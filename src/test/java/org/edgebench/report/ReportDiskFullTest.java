package org.edgebench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code report} on a disk that fills while it writes: a JVM whose files may not grow past 50 KB
 * (bash's {@code ulimit -f}), below a chart's size, so a write fails part-way as on a full disk.
 * One line naming the folder and the cause, exit 1, and nothing of the report left behind.
 */
class ReportDiskFullTest {

    @TempDir
    Path dir;

    @Test
    void aReportThatCannotBeWrittenLeavesNothingHalfWrittenAndSaysWhereAndWhy() throws Exception {
        Path run = Fixtures.runFolder(Fixtures.SAMPLE_GC, dir.resolve("run"), true);
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(List.of("bash", "-c", "ulimit -f 50 && exec \"$@\"", "bash", java,
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), "org.edgebench.cli.Launcher",
                "report", run.toString()))
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String stderr = Files.readString(err, StandardCharsets.UTF_8);

        assertThat(p.exitValue()).as(stderr).isEqualTo(1);
        assertThat(stderr.lines().toList()).singleElement().asString()
                .isEqualTo("edgebench: cannot write the report in " + run + ": File too large; nothing of it was written,"
                        + " the JMH JSON is untouched");
        try (Stream<Path> files = Files.list(run)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("jmh.json", "env.json");
        }
    }
}
