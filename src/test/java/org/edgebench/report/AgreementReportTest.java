package org.edgebench.report;

import org.edgebench.agreement.AgreementCsv;
import org.edgebench.agreement.AgreementCsvTest;
import org.edgebench.analysis.BatchAdvisor;
import org.edgebench.agreement.OutputAgreement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * agreement.csv in the fp32 vs int8 section of summary.txt, summary.md and index.html, on the
 * recorded run {@code workloads/djl-int8} (student and student-int8) with hand-made rows.
 */
class AgreementReportTest {

    private static final String LINE = "student-int8 vs student on CPU, output 'output': top-1 agrees on 252 of 256 inputs"
            + " (98.4%; the fp32 model's most common class takes 50.0%); max abs diff 0.275, MAE 0.0764, cosine 0.9969";
    private static final String FAILED_LINE = "m-int8 vs m on XNNPACK: output agreement not computed: output 'y' has shape"
            + " [1, 2] in the fp32 model and [1, 3] in the int8 model";

    @TempDir
    Path dir;

    @Test
    void theFiguresStandBesideTheSpeedUpInEveryRendering() throws IOException {
        Path run = withAgreement(List.of(AgreementCsvTest.CLASSIFIER, AgreementCsvTest.FAILED));

        Report.write(run, null, BatchAdvisor.DEFAULT_SLO_MS);

        String text = Files.readString(run.resolve("summary.txt"));
        int start = text.indexOf("== fp32 vs int8");
        String section = text.substring(start, text.indexOf("\n== ", start));
        assertThat(section).contains("student-int8 vs student: P50 speed-up ", LINE + "\n", FAILED_LINE + "\n",
                "-- Output agreement on the same inputs --",
                "Inputs here: synthesized (seed 20261123).")
                .doesNotContain("what quantization costs in accuracy is not measured here");
        assertThat(section.lines().filter(l -> l.startsWith("student-int8 vs student  ")).toList()).singleElement()
                .satisfies(row -> assertThat(row.split(" {2,}")).containsExactly("student-int8 vs student", "CPU", "output",
                        "256", "0.275", "0.0764", "0.9969", "98.4%", "50.0%"));

        String md = Files.readString(run.resolve("summary.md"));
        assertThat(md).contains("- " + LINE + "\n", "- " + FAILED_LINE + "\n", "### Output agreement on the same inputs\n",
                "| student-int8 vs student | CPU | output | 256 | 0.275 | 0.0764 | 0.9969 | 98.4% | 50.0% |\n",
                "the mean \\|fp32 - int8\\| over every output element");

        String html = Files.readString(run.resolve("index.html"));
        assertThat(html).contains("<li>" + LINE + "</li>", "<h3>Output agreement on the same inputs</h3>",
                "<td>student-int8 vs student</td><td>CPU</td><td>output</td><td class=\"num\">256</td>",
                "<a href=\"agreement.csv\">agreement.csv</a>");
        assertThat(html.indexOf("Output agreement on the same inputs")).isGreaterThan(html.indexOf("student (fp32) vs student-int8"));
    }

    @Test
    void aClassifierThatGivesEveryInputOneClassIsSaidToTellLittle() throws IOException {
        OutputAgreement c = AgreementCsvTest.CLASSIFIER;
        Path run = withAgreement(List.of(new OutputAgreement(c.twins(), c.output(), c.inputSource(), 256, c.maxAbsDiff(),
                c.meanAbsError(), c.cosineSimilarity(), 1, 1, "")));

        Report.write(run, null, BatchAdvisor.DEFAULT_SLO_MS);

        assertThat(Files.readString(run.resolve("summary.txt"))).contains("student-int8 vs student on CPU, output 'output':"
                + " top-1 agrees on 256 of 256 inputs (100.0%), but the fp32 model gives every input the same class, so this"
                + " says little; max abs diff 0.275");
    }

    @Test
    void anOutputThatIsNoClassifierHasNoTop1() throws IOException {
        Path run = withAgreement(List.of(AgreementCsvTest.EMBEDDING));

        Report.write(run, null, BatchAdvisor.DEFAULT_SLO_MS);

        String text = Files.readString(run.resolve("summary.txt"));
        assertThat(text).contains("all-minilm-l6-v2-int8 vs all-minilm-l6-v2 on CPU (dims sequence_length=16), output"
                + " 'last_hidden_state': max abs diff 0.5, MAE 0.04, cosine 0.9900 over 256 inputs\n");
        assertThat(text.lines().filter(l -> l.startsWith("all-minilm-l6-v2-int8 vs all-minilm-l6-v2  ")).toList()).singleElement()
                .satisfies(row -> assertThat(row.split(" {2,}")).containsExactly("all-minilm-l6-v2-int8 vs all-minilm-l6-v2",
                        "CPU sequence_length=16", "last_hidden_state", "256", "0.5", "0.04", "0.9900", "-", "-"));
    }

    @Test
    void anUnreadableFileIsSaidInTheSection() throws IOException {
        Path run = Fixtures.recordedRun("workloads/djl-int8", dir);
        Files.writeString(run.resolve("agreement.csv"), "model\nstudent\n");

        Report.write(run, null, BatchAdvisor.DEFAULT_SLO_MS);

        String text = Files.readString(run.resolve("summary.txt"));
        assertThat(text).contains("output agreement: agreement.csv is unreadable (no column int8_model, provider,")
                .doesNotContain("-- Output agreement on the same inputs --");
        assertThat(Files.readString(run.resolve("index.html"))).doesNotContain("<a href=\"agreement.csv\">");
    }

    /** A report written to another folder shows the figures but cannot link the file, which stays in the run folder. */
    @Test
    void aReportWrittenElsewhereDoesNotLinkTheFile() throws IOException {
        Path run = withAgreement(List.of(AgreementCsvTest.CLASSIFIER));
        Path elsewhere = dir.resolve("elsewhere");

        Report.write(run, elsewhere, BatchAdvisor.DEFAULT_SLO_MS);

        assertThat(Files.readString(elsewhere.resolve("summary.txt"))).contains(LINE);
        assertThat(Files.readString(elsewhere.resolve("index.html"))).doesNotContain("<a href=\"agreement.csv\">");
        assertThat(elsewhere.resolve("agreement.csv")).doesNotExist();
    }

    private Path withAgreement(List<OutputAgreement> rows) throws IOException {
        Path run = Fixtures.recordedRun("workloads/djl-int8", dir);
        try (Writer out = Files.newBufferedWriter(run.resolve("agreement.csv"))) {
            AgreementCsv.write(rows, out);
        }
        return run;
    }
}
