package org.edgebench.report;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.edgebench.profile.OperatorProfile;
import org.edgebench.profile.OperatorTime;
import org.edgebench.profile.OrtTrace;
import org.edgebench.profile.Profiles;
import org.edgebench.profile.TraceFixtures;
import org.edgebench.results.JmhJson;
import org.edgebench.run.Configuration;
import org.edgebench.run.RunFiles;
import org.edgebench.text.Markdown;
import org.edgebench.text.Numbers;
import org.edgebench.text.RatioText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The report of a run folder with {@code --profile} traces: operators.csv, the summary's operator
 * sections in text, Markdown and HTML, and the operator charts. The trace is the recorded one of
 * src/test/resources/profile (student, batch 1, CPU), put beside recorded runs of the suite; the
 * two-provider case relabels a copy of it as XNNPACK's, its Conv kernels halved, beside
 * {@code cases/providers} (itself a relabelled recording): a constructed trace, not a run of XNNPACK.
 */
class ProfileReportTest {

    private static final String CPU_B1 = "profile/student_CPU_b1_t0.json";
    private static final String XNNPACK_B1 = "profile/student_XNNPACK_b1_t0.json";

    @TempDir
    Path dir;

    @Test
    void operatorsCsvHasARowPerOperatorTypeWithItsTimesPerInferenceAndShare() throws IOException {
        Path run = Fixtures.recordedRun("fixtures/sample", dir);
        Path trace = trace(run, CPU_B1);
        OperatorProfile expected = OperatorProfile.of(OrtTrace.read(trace));

        Report.write(run, null, 100);

        String csv = Files.readString(run.resolve(RunFiles.OPERATORS_CSV));
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        assertThat(csv).startsWith("configuration,model,provider,batch_size,intra_op_threads,callers,node_provider,op_type,"
                + "nodes,us_per_inference,us_per_node,share,inferences\n");
        assertThat(rows).hasSize(expected.operators().size()).hasSize(5);
        CSVRecord conv = rows.get(0);
        OperatorTime top = expected.operators().get(0);
        assertThat(conv.toMap()).containsEntry("configuration", "student CPU b1 t0").containsEntry("model", "student")
                .containsEntry("provider", "CPU").containsEntry("batch_size", "1").containsEntry("intra_op_threads", "0")
                .containsEntry("callers", "1").containsEntry("node_provider", "CPU").containsEntry("op_type", "Conv")
                .containsEntry("nodes", "52").containsEntry("inferences", "2")
                .containsEntry("us_per_inference", Numbers.csv(top.usPerInference()))
                .containsEntry("us_per_node", Numbers.csv(top.usPerNode()))
                .containsEntry("share", Numbers.csv(expected.share(top)));
        assertThat(rows.stream().mapToDouble(r -> Double.parseDouble(r.get("share"))).sum()).isCloseTo(1, within(1e-4));
        assertThat(rows).extracting(r -> r.get("op_type")).containsExactly(
                expected.operators().stream().map(OperatorTime::opType).toArray(String[]::new));
        assertThat(Files.readString(trace)).as("the trace is kept as ONNX Runtime wrote it").isEqualTo(TraceFixtures.recorded());
    }

    @Test
    void theSummaryGivesEachProfiledConfigurationsTopOperatorsInAllThreeFormats() throws IOException {
        Path run = Fixtures.recordedRun("fixtures/sample", dir);
        trace(run, CPU_B1);
        Profiles profiles = Profiles.read(run, List.of(Configuration.planned("org.edgebench.bench.OrtSessionRunBenchmark.run", 1,
                Map.of("model", "student", "provider", "CPU", "batchSize", "1", "intraOpThreads", "0", "dims", ""))));
        String line = OperatorSections.line(profiles.profiled().get(0));

        Report.write(run, null, 100);

        String text = Files.readString(run.resolve("summary.txt"));
        assertThat(line).startsWith("student CPU b1 t0: Conv 9").contains("% of ", " \u00b5s of kernels per inference (",
                "% of model_run's ", "2 runs counted)");
        assertThat(text).contains("== Where the time goes: operator types (ONNX Runtime profile, --profile) ==\n" + line + "\n"
                        + "no trace (the profiled fork failed; its error is in the run's output): student CPU b8 t0, student CPU b32 t0\n",
                "-- Top 5 operator types per configuration --\n",
                "configuration      operator           provider  nodes  \u00b5s per inference  \u00b5s per node  share\n",
                "One profiled fork per configuration, outside the measured ones");
        assertThat(text).containsPattern("\nstudent CPU b1 t0  Conv +CPU +52 +[0-9.,]+ +[0-9.,]+ +9[0-9.,]+%\n");
        assertThat(text.indexOf("== Where the time goes")).as("after the workload sections, before the closing lists")
                .isLessThan(text.indexOf("== Batch size for a P95 budget"));
        assertThat(Files.readString(run.resolve("summary.md"))).contains(
                "## Where the time goes: operator types (ONNX Runtime profile, --profile)\n\n- " + line + "\n",
                "### Top 5 operator types per configuration\n\n| configuration | operator | provider | nodes |");
        String html = Files.readString(run.resolve("index.html"));
        assertThat(html).contains("<h2>Where the time goes: operator types (ONNX Runtime profile, --profile)</h2>",
                "<a href=\"#operators\">Operator charts</a>", "<h2 id=\"operators\">Where the time goes: operator charts</h2>",
                "<img src=\"charts/operators_student_CPU_b1_t0.png\"", "<a href=\"operators.csv\">operators.csv</a>");
        assertThat(html.indexOf("id=\"operators\"")).isGreaterThan(html.indexOf("<h2>Where the time goes: operator types"));
    }

    @Test
    void theChartOfEachProfiledConfigurationIsDrawnAtTheStandardSize() throws IOException {
        Path run = Fixtures.recordedRun("fixtures/sample", dir);
        trace(run, CPU_B1);

        Report.Written written = Report.write(run, null, 100);

        BufferedImage image = ReportTest.drawnAtStandardSize(run.resolve("charts/operators_student_CPU_b1_t0.png"));
        // The Conv bar, in the first palette colour, crosses the middle of the plot.
        assertThat(hasColour(image, 0x0072B2, image.getWidth() / 2)).isTrue();
        assertThat(written.files()).extracting(p -> run.relativize(p).toString())
                .contains("operators.csv", "charts/operators_student_CPU_b1_t0.png")
                .noneMatch(f -> f.startsWith("charts/operators_student_CPU_b8"));
    }

    @Test
    void theReportCommandWritesTheSameFromTheTracesBesideJmhJson() throws IOException {
        Path run = Fixtures.recordedRun("fixtures/sample", dir.resolve("run"));
        trace(run, CPU_B1);
        Report.write(run, null, 100);
        Path elsewhere = dir.resolve("elsewhere");

        Report.write(run, elsewhere, 100);

        assertThat(Files.readString(elsewhere.resolve("operators.csv"))).isEqualTo(Files.readString(run.resolve("operators.csv")));
        assertThat(elsewhere.resolve("charts/operators_student_CPU_b1_t0.png")).isNotEmptyFile();
    }

    @Test
    void aBrokenTraceCostsOnlyItsOwnProfileAndIsNamedInTheWarnings() throws IOException {
        Path run = Fixtures.recordedRun("fixtures/sample", dir);
        trace(run, CPU_B1);
        Files.writeString(run.resolve("profile/student_CPU_b8_t0.json"), "[{\"cat\" : \"Session\"");

        Report.write(run, null, 100);

        String text = Files.readString(run.resolve("summary.txt"));
        assertThat(text).contains("- no operator profile for student CPU b8 t0: " + run.resolve("profile/student_CPU_b8_t0.json")
                + " is not an ONNX Runtime trace: ");
        assertThat(text).contains("no trace (the profiled fork failed; its error is in the run's output): student CPU b32 t0\n");
        assertThat(Files.readString(run.resolve("operators.csv")).lines().skip(1)).allMatch(l -> l.startsWith("student CPU b1 t0,"));
    }

    @Test
    void aRunWithoutTracesHasNoOperatorFilesOrSections() throws IOException {
        Path run = Fixtures.recordedRun("fixtures/sample", dir);

        Report.write(run, null, 100);

        assertThat(run.resolve("operators.csv")).doesNotExist();
        assertThat(Files.readString(run.resolve("summary.txt"))).doesNotContain("Where the time goes", "Operators by provider");
        assertThat(Files.readString(run.resolve("index.html"))).doesNotContain("operators");
    }

    /**
     * Two providers at batch 1: CPU's recorded trace, and a copy as XNNPACK's whose Conv nodes ran on
     * XNNPACK in half the time, the other nodes left on CPU as they were.
     */
    @Test
    void twoProvidersSayWhichOperatorsEachTookAndHowMuchFasterEachTypeRan() throws IOException {
        Path run = Fixtures.recordedRun(RelabelledRun.TO, dir);
        trace(run, CPU_B1);
        TraceFixtures.relabel(run.resolve(CPU_B1), run.resolve(XNNPACK_B1), "Conv", "XnnpackExecutionProvider", 0.5);
        OperatorProfile cpu = OperatorProfile.of(OrtTrace.read(run.resolve(CPU_B1)));
        OperatorProfile xnnpack = OperatorProfile.of(OrtTrace.read(run.resolve(XNNPACK_B1)));
        double convSpeedUp = cpu.usPerOpType().get("Conv") / xnnpack.usPerOpType().get("Conv");
        assertThat(convSpeedUp).isCloseTo(2, within(0.01));

        Report.write(run, null, 100);

        String text = Files.readString(run.resolve("summary.txt"));
        assertThat(text).contains("== Operators by provider (ONNX Runtime profile, --profile) ==\n"
                + "student b1 t0: with CPU, all 56 nodes on CPU; with XNNPACK, 52 nodes on XNNPACK (Conv 52), 4 on CPU"
                + " (Flatten 1, Gemm 1, GlobalAveragePool 1, ReorderOutput 1)\n");
        assertThat(text).contains("-- Operator types by provider --\n");
        assertThat(text).containsPattern("\nstudent b1 t0  Conv +CPU +52 CPU +[0-9.,]+  reference\n");
        assertThat(text).contains("XNNPACK   52 XNNPACK  ", RatioText.pointLabel(convSpeedUp) + "\n");
        assertThat(text).containsPattern("\n +Gemm +CPU +1 CPU +[0-9.,]+  reference\n +XNNPACK +1 CPU +[0-9.,]+  same\n");
        // Each configuration's own list names the provider of each type when its nodes were split.
        assertThat(text).contains("student XNNPACK b1 t0: Conv (XNNPACK) 9");
        assertThat(Files.readString(run.resolve("summary.md"))).contains("## Operators by provider (ONNX Runtime profile, --profile)");
        assertThat(Files.readString(run.resolve("index.html"))).contains("<h2>Operators by provider (ONNX Runtime profile, --profile)</h2>");
        assertThat(Files.readString(run.resolve("operators.csv"))).contains(
                "student XNNPACK b1 t0,student,XNNPACK,1,0,1,XNNPACK,Conv,52,",
                "student XNNPACK b1 t0,student,XNNPACK,1,0,1,CPU,Gemm,1,");
        BufferedImage image = ReportTest.drawnAtStandardSize(run.resolve("charts/operators_student_XNNPACK_b1_t0.png"));
        // The Conv bar in the second palette colour (XNNPACK's nodes), the others in the first (CPU's), with a legend.
        assertThat(hasColour(image, 0xD55E00, image.getWidth() / 3)).isTrue();
        assertThat(IntStream.range(0, image.getWidth()).anyMatch(x -> hasColour(image, 0x0072B2, x))).isTrue();
        assertThat(JmhJson.read(run)).hasSize(6);
    }

    /** Copies the recorded trace into the run folder as {@code name}. */
    private static Path trace(Path run, String name) throws IOException {
        return TraceFixtures.writeRecorded(run.resolve(name));
    }

    private static boolean hasColour(BufferedImage image, int rgb, int x) {
        for (int y = 0; y < image.getHeight(); y++) {
            if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
                return true;
            }
        }
        return false;
    }
}
