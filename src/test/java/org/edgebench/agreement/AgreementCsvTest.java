package org.edgebench.agreement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** agreement.csv written and read back. */
public class AgreementCsvTest {

    public static final OutputAgreement.Twins STUDENT = new OutputAgreement.Twins("student", "student-int8", "CPU", "");
    public static final OutputAgreement CLASSIFIER = new OutputAgreement(STUDENT, "output", "synthesized (seed 20261123)", 256,
            0.275159, 0.0763741, 0.996892, 0.984375, 0.5, "");
    public static final OutputAgreement EMBEDDING = new OutputAgreement(
            new OutputAgreement.Twins("all-minilm-l6-v2", "all-minilm-l6-v2-int8", "CPU", "sequence_length=16"),
            "last_hidden_state", "synthesized (seed 20261123)", 256, 0.5, 0.04, 0.99, Double.NaN, Double.NaN, "");
    public static final OutputAgreement FAILED = OutputAgreement.failed(new OutputAgreement.Twins("m", "m-int8", "XNNPACK", ""),
            "synthesized (seed 20261123)", "output 'y' has shape [1, 2] in the fp32 model and [1, 3] in the int8 model");

    @TempDir
    Path dir;

    @Test
    void writesOneRowPerOutputWithEmptyCellsForWhatDoesNotApply() throws IOException {
        StringWriter out = new StringWriter();

        AgreementCsv.write(List.of(CLASSIFIER, EMBEDDING, FAILED), out);

        assertThat(out.toString()).isEqualTo("""
                model,int8_model,provider,dims,output,inputs,max_abs_diff,mean_abs_error,cosine_similarity,top1_agreement,\
                fp32_majority_share,input_source,error
                student,student-int8,CPU,,output,256,0.275159,0.0763741,0.996892,0.984375,0.5,synthesized (seed 20261123),
                all-minilm-l6-v2,all-minilm-l6-v2-int8,CPU,sequence_length=16,last_hidden_state,256,0.5,0.04,0.99,,,\
                synthesized (seed 20261123),
                m,m-int8,XNNPACK,,,,,,,,,synthesized (seed 20261123),"output 'y' has shape [1, 2] in the fp32 model and \
                [1, 3] in the int8 model"
                """);
    }

    @Test
    void readsBackWhatItWrote() throws IOException {
        Files.writeString(dir.resolve("agreement.csv"), csv(List.of(CLASSIFIER, EMBEDDING, FAILED)));

        List<OutputAgreement> rows = AgreementCsv.read(dir).orElseThrow();

        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).isEqualTo(CLASSIFIER);
        assertThat(rows.get(1).twins()).isEqualTo(EMBEDDING.twins());
        assertThat(rows.get(1).top1Agreement()).isNaN();
        assertThat(rows.get(1).isClassifier()).isFalse();
        assertThat(rows.get(2).isFailure()).isTrue();
        assertThat(rows.get(2).error()).isEqualTo(FAILED.error());
        assertThat(rows.get(2).inputs()).isZero();
        assertThat(csv(rows)).isEqualTo(csv(List.of(CLASSIFIER, EMBEDDING, FAILED)));
    }

    @Test
    void aFolderWithoutTheFileHasNone() throws IOException {
        assertThat(AgreementCsv.read(dir)).isEmpty();
        assertThat(AgreementCsv.contents(dir)).isEqualTo(AgreementCsv.Contents.NONE);
        assertThat(AgreementCsv.Contents.NONE.isEmpty()).isTrue();
    }

    @Test
    void columnsAreFoundByTheirHeader() throws IOException {
        String csv = csv(List.of(CLASSIFIER));
        String[] lines = csv.split("\n");
        // The same two lines with the first two columns swapped.
        String swapped = swap(lines[0]) + "\n" + swap(lines[1]) + "\n";

        assertThat(AgreementCsv.read(new StringReader(swapped))).containsExactly(CLASSIFIER);
    }

    @Test
    void aBrokenFileIsAProblemSaidInOneLine() throws IOException {
        Files.writeString(dir.resolve("agreement.csv"), "model,int8_model\nstudent,student-int8\n");
        assertThat(AgreementCsv.contents(dir).problem()).startsWith("agreement.csv is unreadable (no column provider, dims,");

        String csv = csv(List.of(CLASSIFIER)).replace("0.275159", "lots");
        assertThatThrownBy(() -> AgreementCsv.read(new StringReader(csv))).isInstanceOf(IOException.class)
                .hasMessage("row 1: 'lots' in column max_abs_diff is not a number");
    }

    private static String swap(String line) {
        String[] cells = line.split(",", 3);
        return cells[1] + "," + cells[0] + "," + cells[2];
    }

    private static String csv(List<OutputAgreement> rows) throws IOException {
        StringWriter out = new StringWriter();
        AgreementCsv.write(rows, out);
        return out.toString();
    }
}
