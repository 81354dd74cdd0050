package org.edgebench.launch.steps;

import org.edgebench.model.ModelCatalog;
import org.edgebench.model.generator.TestModels;
import org.edgebench.report.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's step after the benchmarks, on recorded runs' jmh.json and tiny stand-in models:
 * a pair that cannot be compared is one warning line and a row saying why; a run without a pair
 * writes nothing.
 */
class AgreementStepTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    /** workloads/djl-int8 ran student and student-int8; here the int8 stand-in has one more output column. */
    @Test
    void aPairWhoseShapesDifferIsOneWarningAndARowThatSaysWhy() throws Exception {
        Path run = dir.resolve("run");
        Fixtures.copy("workloads/djl-int8/jmh.json", run, "jmh.json");
        TestModels.shifted(dir.resolve("models"), "student", 0f, 0f);
        TestModels.widened(dir.resolve("models"), "student-int8", 2, 3);

        AgreementStep.run(run, new ModelCatalog(dir.resolve("models")), out);

        String reason = "output 'y' has shape [1, 2] in the fp32 model and [1, 3] in the int8 model";
        assertThat(printed.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "EdgeBench: comparing the outputs of student-int8 vs student on CPU on 256 inputs",
                "EdgeBench: warning: student-int8 vs student on CPU: output agreement not computed: " + reason);
        List<String> csv = Files.readAllLines(run.resolve("agreement.csv"));
        assertThat(csv).hasSize(2);
        assertThat(csv.get(1)).isEqualTo("student,student-int8,CPU,,,,,,,,,synthesized (seed 20261123),\"" + reason + "\"");
        try (Stream<Path> files = Files.list(run)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("nothing staged is left behind")
                    .containsExactlyInAnyOrder("jmh.json", "agreement.csv");
        }
    }

    @Test
    void aRunWithoutAnInt8PairWritesNothing() throws Exception {
        Path run = dir.resolve("run");
        Fixtures.copy("fixtures/sample/jmh.json", run, "jmh.json");

        AgreementStep.run(run, new ModelCatalog(dir.resolve("models")), out);

        assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(run.resolve("agreement.csv")).doesNotExist();
    }

    @Test
    void anUnreadableRunIsOneWarningToo() {
        Path run = dir.resolve("empty");

        AgreementStep.run(run, new ModelCatalog(dir.resolve("models")), out);

        assertThat(printed.toString(StandardCharsets.UTF_8)).startsWith("EdgeBench: warning: agreement.csv could not be written (")
                .endsWith("); the measurements are intact" + System.lineSeparator());
    }
}
