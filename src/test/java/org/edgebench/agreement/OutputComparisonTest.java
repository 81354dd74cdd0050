package org.edgebench.agreement;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.edgebench.analysis.Workloads;
import org.edgebench.model.ModelCatalog;
import org.edgebench.model.inputs.NpyFiles;
import org.edgebench.model.generator.TestModels;
import org.edgebench.run.Configuration;
import org.edgebench.runtime.Sessions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Two tiny ONNX models whose outputs differ by known amounts, run through ONNX Runtime and compared. */
class OutputComparisonTest {

    private static final String ORT = "org.edgebench.bench.OrtSessionRunBenchmark.run";

    @TempDir
    Path dir;

    /**
     * {@code y = x} against {@code y = x + [0, 0.5]} on four chosen records, given as a tensor (the
     * way real inputs would come): the second record's class flips from 0 to 1.
     */
    @Test
    void aClassifierWhoseArgmaxFlipsOnOneOfFourInputs() throws Exception {
        OrtEnvironment env = Sessions.environment();
        try (OrtSession fp32 = Sessions.openForMetadata(env, TestModels.shifted(dir, "c", 0f, 0f));
             OrtSession int8 = Sessions.openForMetadata(env, TestModels.shifted(dir, "c-int8", 0f, 0.5f));
             OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[] {1, 0, 0.2f, 0, 0, 1, 3, 4}),
                     new long[] {4, 2})) {
            OutputComparison comparison = new OutputComparison(fp32, int8);

            comparison.add(Map.of("x", x), 4);
            List<OutputAgreement> rows = comparison.result(new OutputAgreement.Twins("c", "c-int8", "CPU", ""), "test");

            assertThat(rows).singleElement().satisfies(a -> {
                assertThat(a.output()).isEqualTo("y");
                assertThat(a.inputs()).isEqualTo(4);
                assertThat(a.maxAbsDiff()).isCloseTo(0.5, within(1e-7));
                assertThat(a.meanAbsError()).isCloseTo(0.25, within(1e-7));
                // Per record: 1/sqrt(1.25), 0.04/(0.2 sqrt(0.29)), 1.5/1.5, 27/(5 sqrt(29.25)).
                assertThat(a.cosineSimilarity()).isCloseTo((0.894427191 + 0.371390676 + 1 + 0.998460353) / 4, within(1e-6));
                assertThat(a.top1Agreement()).isEqualTo(0.75);
                assertThat(a.fp32MajorityShare()).isEqualTo(0.5);
            });
        }
    }

    /**
     * The launcher's way: 256 synthesized records in batches of the configuration's batch size.
     * Adding 0.01 and 0.03 to two of four elements makes the largest difference 0.03 and the mean
     * 0.01, whatever the inputs.
     */
    @Test
    void synthesizedInputsOfTheConfigurationsBatchSize() throws Exception {
        TestModels.shifted(dir, "s", 0f, 0f, 0f, 0f);
        TestModels.shifted(dir, "s-int8", 0f, 0.01f, 0f, 0.03f);

        List<OutputAgreement> rows = OutputComparison.of(new ModelCatalog(dir), twin("s", "8"));

        assertThat(rows).singleElement().satisfies(a -> {
            assertThat(a.error()).isEmpty();
            assertThat(a.twins()).isEqualTo(new OutputAgreement.Twins("s", "s-int8", "CPU", ""));
            assertThat(a.inputSource()).isEqualTo("synthesized (seed 20261123)");
            assertThat(a.inputs()).isEqualTo(OutputComparison.RECORDS);
            assertThat(a.maxAbsDiff()).isCloseTo(0.03, within(1e-6));
            assertThat(a.meanAbsError()).isCloseTo(0.01, within(1e-6));
            assertThat(a.cosineSimilarity()).isBetween(0.99, 1.0);
            assertThat(a.isClassifier()).isTrue();
            // Uniform inputs put about a quarter of the records in each of the four classes.
            assertThat(a.fp32MajorityShare()).isBetween(0.25, 0.40);
        });
    }

    /** With {@code -p inputs=DIR}, the batch the benchmark measured from the files, records repeated as it repeated them. */
    @Test
    void inputFilesGiveTheMeasuredBatch() throws Exception {
        TestModels.shifted(dir, "f", 0f, 0f);
        TestModels.shifted(dir, "f-int8", 0f, 0.5f);
        Path inputs = Files.createDirectories(dir.resolve("inputs"));
        // Two records, [0.2, 0] and [0, 1]: the second keeps its class, the first flips to 1.
        ByteBuffer data = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        data.putFloat(0.2f).putFloat(0).putFloat(0).putFloat(1);
        Files.write(inputs.resolve("x.npy"), NpyFiles.npy("<f4", new long[] {2, 2}, data.array()));
        Workloads.Int8Twin twin = twin("f", "4");
        Map<String, String> params = new java.util.HashMap<>(twin.fp32().params());
        params.put(Configuration.INPUTS, inputs.toString());
        Configuration withFiles = new Configuration(ORT, "sample", 1, params);

        List<OutputAgreement> rows = OutputComparison.of(new ModelCatalog(dir), new Workloads.Int8Twin(withFiles, twin.int8()));

        assertThat(rows).singleElement().satisfies(a -> {
            assertThat(a.error()).isEmpty();
            assertThat(a.inputSource()).isEqualTo("files (-p inputs=" + inputs + "), the measured batch of 4");
            assertThat(a.inputs()).isEqualTo(4);
            assertThat(a.maxAbsDiff()).isCloseTo(0.5, within(1e-7));
            assertThat(a.top1Agreement()).isEqualTo(0.5);
        });
    }

    @Test
    void outputsOfDifferentShapesAreAFailureRowThatSaysWhy() throws Exception {
        TestModels.shifted(dir, "w", 0f, 0f);
        TestModels.widened(dir, "w-int8", 2, 3);

        List<OutputAgreement> rows = OutputComparison.of(new ModelCatalog(dir), twin("w", "1"));

        assertThat(rows).singleElement().satisfies(a -> {
            assertThat(a.isFailure()).isTrue();
            assertThat(a.error()).isEqualTo("output 'y' has shape [1, 2] in the fp32 model and [1, 3] in the int8 model");
            assertThat(a.maxAbsDiff()).isNaN();
        });
    }

    @Test
    void aMissingModelIsAFailureRowToo() throws Exception {
        TestModels.shifted(dir, "lone", 0f, 0f);

        List<OutputAgreement> rows = OutputComparison.of(new ModelCatalog(dir), twin("lone", "1"));

        assertThat(rows).singleElement().satisfies(a -> assertThat(a.error()).startsWith("unknown model 'lone-int8'"));
    }

    @Test
    void anOutputTheInt8ModelLacksIsRefusedByName() throws Exception {
        OrtEnvironment env = Sessions.environment();
        try (OrtSession fp32 = Sessions.openForMetadata(env, TestModels.shifted(dir, "n", 0f, 0f));
             OrtSession int8 = Sessions.openForMetadata(env, TestModels.mixed(dir, "n-int8"))) {
            assertThatThrownBy(() -> new OutputComparison(fp32, int8)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the int8 model has no output 'y' (its outputs: 'sum', 'not_flags', 'scalar_out')");
        }
    }

    private static Workloads.Int8Twin twin(String model, String batchSize) {
        return new Workloads.Int8Twin(configuration(model, batchSize), configuration(model + "-int8", batchSize));
    }

    private static Configuration configuration(String model, String batchSize) {
        return new Configuration(ORT, "sample", 1, Map.of(Configuration.MODEL, model, Configuration.PROVIDER, "CPU",
                Configuration.BATCH_SIZE, batchSize, Configuration.INTRA_OP_THREADS, "1", Configuration.DIMS, ""));
    }
}
