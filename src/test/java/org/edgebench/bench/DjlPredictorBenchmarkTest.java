package org.edgebench.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.edgebench.bench.state.DjlPredictorState;
import org.edgebench.model.InputSynthesizer;
import org.edgebench.model.ModelCatalog;
import org.edgebench.runtime.Provider;
import org.edgebench.runtime.Sessions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Calls the DJL benchmark method once, with the state set up as JMH would, and checks the output.
 *
 * <p>DJL's engine must be the first user of ONNX Runtime in its JVM (see {@link DjlPredictorState}),
 * as it is in a JMH fork; other test classes in this JVM may have used ONNX Runtime already, so the
 * benchmark method runs in a fresh JVM on the same class path ({@link FreshJvm}) and reports back.
 */
class DjlPredictorBenchmarkTest {

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {1, 4})
    void predictsOnTheStudentModel(int batchSize) throws Exception {
        List<String> report = runInFreshJvm(Integer.toString(batchSize));

        assertThat(report).containsExactly(
                "input input float32 (" + batchSize + ", 3, 64, 64) sha256 " + synthesizedInputHash(batchSize),
                "output (" + batchSize + ", 2)",
                // DJL attaches outputs to the inputs' manager; closed by each call, none piles up there.
                "managed after two calls 1");
    }

    @Test
    void rejectsAProviderDjlCannotAttachBeforeStartingDjl() {
        DjlPredictorState djl = state(Provider.XNNPACK, 1);
        assertThatThrownBy(djl::open)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DJL's OnnxRuntime engine attaches only CPU");
        djl.close();
    }

    /** The SHA-256 of the bytes {@link InputSynthesizer} makes for the student model, as ONNX Runtime tensors. */
    private static String synthesizedInputHash(int batchSize) throws Exception {
        OrtEnvironment env = Sessions.environment();
        Path student = ModelCatalog.standard().resolve("student");
        try (OrtSession session = Sessions.openForMetadata(env, student)) {
            List<InputSynthesizer.InputPlan> plans = InputSynthesizer.plan("student", session.getInputInfo(), batchSize, Map.of());
            Map<String, OnnxTensor> tensors = InputSynthesizer.create(env, plans, InputSynthesizer.SEED);
            try {
                return sha256(tensors.get("input").getByteBuffer());
            } finally {
                tensors.values().forEach(OnnxTensor::close);
            }
        }
    }

    static String sha256(ByteBuffer bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(toArray(bytes)));
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static DjlPredictorState state(Provider provider, int batchSize) {
        DjlPredictorState djl = new DjlPredictorState();
        djl.model = "student";
        djl.batchSize = batchSize;
        djl.provider = provider;
        djl.intraOpThreads = 1;
        djl.dims = "";
        return djl;
    }

    private static List<String> runInFreshJvm(String... args) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dedgebench.models=" + System.getProperty("edgebench.models", "models"),
                FreshJvm.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines().filter(line -> line.startsWith("input ") || line.startsWith("output ")
                || line.startsWith("managed ")).toList();
    }

    /** The JMH life cycle of one trial, by hand: @Param fields, @Setup, @Benchmark, @TearDown. */
    static final class FreshJvm {

        public static void main(String[] args) throws Exception {
            DjlPredictorState djl = state(Provider.CPU, Integer.parseInt(args[0]));
            djl.open();
            try {
                for (NDArray input : djl.inputs) {
                    System.out.println("input " + input.getName() + " " + input.getDataType() + " " + input.getShape()
                            + " sha256 " + sha256(input.toByteBuffer()));
                }
                Shape output = new DjlPredictorBenchmark().predict(djl);
                System.out.println("output " + output);
                new DjlPredictorBenchmark().predict(djl);
                System.out.println("managed after two calls " + djl.inputs.head().getManager().getManagedArrays().size());
            } finally {
                djl.close();
            }
        }
    }
}
