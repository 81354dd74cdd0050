package org.edgebench.count;

import org.edgebench.run.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstructionsCsvTest {

    static final String ORT = "org.edgebench.bench.OrtSessionRunBenchmark.run";

    @TempDir
    Path dir;

    /** A counted configuration as the launcher plans it: OrtSessionRunBenchmark's five parameters, one caller. */
    static Configuration counted(String model, int batch, String dims) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put(Configuration.BATCH_SIZE, Integer.toString(batch));
        params.put(Configuration.DIMS, dims);
        params.put(Configuration.INTRA_OP_THREADS, "1");
        params.put(Configuration.MODEL, model);
        params.put(Configuration.PROVIDER, "CPU");
        return Configuration.planned(ORT, 1, params);
    }

    static InstructionCount count(String model, int batch, long perCall) {
        return new InstructionCount(counted(model, batch, ""), 1, 3, perCall + 2_500, 3 * perCall + 2_500, "3.19.0");
    }

    @Test
    void perInferenceIsTheDifferenceOfTheTwoCountsOverTheirCalls() {
        InstructionCount c = new InstructionCount(counted("student", 8, ""), 1, 3, 66_727_561, 200_182_362, "3.19.0");
        assertThat(c.perInference()).isEqualTo(66_727_400.5);
        assertThat(c.perItem()).isEqualTo(66_727_400.5 / 8);
        assertThatThrownBy(() -> new InstructionCount(c.configuration(), 3, 3, 1, 2, "3.19.0"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesTheContractsColumnsAndReadsBackTheSameConfigurations() throws IOException {
        List<InstructionCount> counts = List.of(count("student", 1, 8_569_944),
                new InstructionCount(counted("all-minilm-l6-v2", 8, "sequence_length=128;x=2"), 2, 6, 100, 900, "3.19.0"));
        StringWriter text = new StringWriter();
        InstructionsCsv.write(counts, text);
        assertThat(text.toString().lines().findFirst()).hasValue("benchmark,model,provider,batch_size,intra_op_threads,dims,"
                + "calls_low,calls_high,instructions_low,instructions_high,instructions_per_inference,instructions_per_item,valgrind");
        assertThat(text.toString()).contains(ORT + ",student,CPU,1,1,,1,3,8572444,25712332,8569944.0,8569944.0,3.19.0")
                .contains(",8,1,sequence_length=128;x=2,2,6,100,900,200.0,25.0,3.19.0");

        Path file = Files.writeString(dir.resolve(InstructionsCsv.FILE), text.toString());
        List<InstructionCount> read = InstructionsCsv.read(file);
        assertThat(read).isEqualTo(counts);
        assertThat(read.get(0).configuration().key()).isEqualTo(counted("student", 1, "").key());
        assertThat(read.get(0).configuration().label()).isEqualTo("student CPU b1 t1");
    }

    @Test
    void aFileWithoutAColumnOrWithABadCountIsRefused() throws IOException {
        Path noColumn = Files.writeString(dir.resolve("a.csv"), "benchmark,model\nx,y\n");
        assertThatThrownBy(() -> InstructionsCsv.read(noColumn)).isInstanceOf(IOException.class)
                .hasMessageContaining("has no column provider");
        StringWriter text = new StringWriter();
        InstructionsCsv.write(List.of(count("student", 1, 10)), text);
        Path bad = Files.writeString(dir.resolve("b.csv"), text.toString().replace(",1,3,2510,", ",1,3,ten,"));
        assertThatThrownBy(() -> InstructionsCsv.read(bad)).isInstanceOf(IOException.class).hasMessageContaining("line");
    }

    @Test
    void countsAreFoundBesideARunFolderItsJmhJsonOrABaseline() throws IOException {
        StringWriter text = new StringWriter();
        InstructionsCsv.write(List.of(count("student", 1, 10)), text);
        Path run = Files.createDirectories(dir.resolve("run"));
        assertThat(InstructionsCsv.besides(run)).isEmpty();
        Files.writeString(run.resolve(InstructionsCsv.FILE), text.toString());
        assertThat(InstructionsCsv.besides(run)).hasValueSatisfying(c -> assertThat(c).hasSize(1));
        assertThat(InstructionsCsv.besides(run.resolve("jmh.json"))).isPresent();

        Path baseline = Files.writeString(dir.resolve("ci.json"), "[]");
        assertThat(InstructionsCsv.besides(baseline)).isEmpty();
        Files.writeString(dir.resolve("ci.instructions.csv"), text.toString());
        assertThat(InstructionsCsv.besides(baseline)).isPresent();
    }
}
