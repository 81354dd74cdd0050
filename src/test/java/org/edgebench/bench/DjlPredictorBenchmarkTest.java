package org.edgebench.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.edgebench.bench.state.DjlModelState;
import org.edgebench.bench.state.DjlPredictorState;
import org.edgebench.model.inputs.InputPlan;
import org.edgebench.model.inputs.InputSynthesizer;
import org.edgebench.model.ModelCatalog;
import org.edgebench.runtime.Provider;
import org.edgebench.runtime.Sessions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Calls the DJL benchmark method, with the state set up as JMH would, and checks DJL's output
 * against ONNX Runtime's own on the same model file and seeded input.
 *
 * <p>DJL's engine must be the first user of ONNX Runtime in its JVM (see {@link DjlPredictorState}),
 * as it is in a JMH fork; other test classes in this JVM may have used ONNX Runtime already, so the
 * benchmark method runs in a fresh JVM on the same class path ({@link FreshJvm}) and reports back.
 */
class DjlPredictorBenchmarkTest {

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {1, 4})
    void predictsWhatOnnxRuntimeComputesOnTheStudentModel(int batchSize) throws Exception {
        List<String> report = runInFreshJvm(Integer.toString(batchSize));
        Direct ort = direct(batchSize);

        assertThat(report).hasSize(4);
        assertThat(report.subList(0, 3)).containsExactly(
                "input input float32 (" + batchSize + ", 3, 64, 64) sha256 " + ort.inputHash(),
                "output (" + batchSize + ", 2)",
                // DJL attaches outputs to the inputs' manager; closed by each call, none piles up there.
                "managed after two calls 1");
        assertThat(report.get(3)).startsWith("values ");
        float[] djl = floats(report.get(3).substring("values ".length()));
        // An all-zero reference would make the comparison below weak, and its tolerance zero.
        assertThat(ort.output()).isNotEqualTo(new float[ort.output().length]);
        // The same model and bytes on the same ONNX Runtime: bit for bit today, with room for DJL's
        // session options to pick kernels that round differently.
        assertThat(djl).as("DJL's output vs a plain OrtSession's")
                .containsExactly(ort.output(), within(1e-5f * maxAbs(ort.output())));
    }

    /**
     * Two callers, as JMH's {@code -t 2} makes them: a predictor and inputs each on the one shared
     * model, the benchmark method called from two threads at once; every call of each caller must
     * answer what that caller's predictor answers alone.
     */
    @Test
    void twoCallersEachPredictWithTheirOwnPredictorOnOneModel() throws Exception {
        List<String> report = runInFreshJvm("2", "two-callers");

        assertThat(report).containsExactly("model shared true", "predictors distinct true", "answers differ true",
                "wrong answers 0 0");
    }

    @Test
    void rejectsAProviderDjlCannotAttachBeforeStartingDjl() {
        DjlModelState model = model(Provider.XNNPACK);
        assertThatThrownBy(model::open)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DJL's OnnxRuntime engine attaches only CPU");
        model.close();
    }

    /** The seeded input's SHA-256 and the output a plain session computes from it: ONNX Runtime without DJL. */
    private record Direct(String inputHash, float[] output) {
    }

    /** {@link InputSynthesizer}'s input for the student model, run by an OrtSession of our own. */
    private static Direct direct(int batchSize) throws Exception {
        OrtEnvironment env = Sessions.environment();
        Path student = ModelCatalog.standard().resolve("student");
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = Sessions.open(env, student, options)) {
                List<InputPlan> plans = InputSynthesizer.plan("student", session.getInputInfo(), batchSize, Map.of());
                Map<String, OnnxTensor> tensors = InputSynthesizer.create(env, plans, InputSynthesizer.SEED);
                try (OrtSession.Result result = session.run(tensors)) {
                    FloatBuffer output = ((OnnxTensor) result.get("output").orElseThrow()).getFloatBuffer();
                    float[] values = new float[output.remaining()];
                    output.get(values);
                    return new Direct(sha256(tensors.get("input").getByteBuffer()), values);
                } finally {
                    tensors.values().forEach(OnnxTensor::close);
                }
            }
        }
    }

    private static float[] floats(String spaced) {
        String[] parts = spaced.split(" ");
        float[] values = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Float.parseFloat(parts[i]);
        }
        return values;
    }

    private static float maxAbs(float[] values) {
        float max = 0;
        for (float v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    static String sha256(ByteBuffer bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(toArray(bytes)));
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static DjlModelState model(Provider provider) {
        DjlModelState model = new DjlModelState();
        model.model = "student";
        model.provider = provider;
        model.intraOpThreads = 1;
        model.dims = "";
        return model;
    }

    private static DjlPredictorState caller(int batchSize) {
        DjlPredictorState djl = new DjlPredictorState();
        djl.batchSize = batchSize;
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
                || line.startsWith("managed ") || line.startsWith("values ") || line.startsWith("model ")
                || line.startsWith("predictors ") || line.startsWith("answers ") || line.startsWith("wrong ")).toList();
    }

    /** The JMH life cycle of one trial, by hand: @Param fields, @Setup, @Benchmark, @TearDown. */
    static final class FreshJvm {

        /** Calls per caller in the two-caller run. */
        private static final int CALLS = 500;

        public static void main(String[] args) throws Exception {
            DjlModelState model = model(Provider.CPU);
            model.open();
            try {
                if (args.length > 1) {
                    twoCallers(model, Integer.parseInt(args[0]));
                } else {
                    oneCaller(model, Integer.parseInt(args[0]));
                }
            } finally {
                model.close();
            }
        }

        private static void oneCaller(DjlModelState model, int batchSize) throws Exception {
            DjlPredictorState djl = caller(batchSize);
            djl.open(model);
            try {
                for (NDArray input : djl.inputs) {
                    System.out.println("input " + input.getName() + " " + input.getDataType() + " " + input.getShape()
                            + " sha256 " + sha256(input.toByteBuffer()));
                }
                Shape output = new DjlPredictorBenchmark().predict(djl);
                System.out.println("output " + output);
                new DjlPredictorBenchmark().predict(djl);
                System.out.println("managed after two calls " + djl.inputs.head().getManager().getManagedArrays().size());
                // The benchmark method keeps only the shape; the values come from the same call on the same state.
                try (NDList outputs = djl.predictor.predict(djl.inputs)) {
                    StringJoiner values = new StringJoiner(" ", "values ", "");
                    // Float.toString reads back as the same float.
                    for (float v : outputs.head().toFloatArray()) {
                        values.add(Float.toString(v));
                    }
                    System.out.println(values);
                }
            } finally {
                djl.close();
            }
        }

        private static void twoCallers(DjlModelState model, int batchSize) throws Exception {
            DjlPredictorState first = caller(batchSize);
            DjlPredictorState second = caller(batchSize);
            first.open(model);
            second.open(model);
            ExecutorService callers = Executors.newFixedThreadPool(2);
            try {
                System.out.println("model shared " + (first.inputs.head().getManager().getParentManager() == model.zooModel.getNDManager()
                        && second.inputs.head().getManager().getParentManager() == model.zooModel.getNDManager()));
                System.out.println("predictors distinct " + (first.predictor != second.predictor));
                // Both callers' inputs come from the suite's one seed; the second's are negated so its answer differs.
                NDArray input = second.inputs.head();
                float[] negated = input.toFloatArray();
                for (int i = 0; i < negated.length; i++) {
                    negated[i] = -negated[i];
                }
                NDArray other = input.getManager().create(negated, input.getShape());
                other.setName(input.getName());
                second.inputs = new NDList(other);
                float[] firstAnswer = answer(first);
                float[] secondAnswer = answer(second);
                System.out.println("answers differ " + !Arrays.equals(firstAnswer, secondAnswer));
                CyclicBarrier start = new CyclicBarrier(2);
                Future<Integer> firstWrong = callers.submit(wrongAnswers(first, firstAnswer, start));
                Future<Integer> secondWrong = callers.submit(wrongAnswers(second, secondAnswer, start));
                System.out.println("wrong answers " + firstWrong.get(2, TimeUnit.MINUTES) + " " + secondWrong.get(2, TimeUnit.MINUTES));
            } finally {
                callers.shutdownNow();
                first.close();
                second.close();
            }
        }

        /** The benchmark method, then the caller's own predictor once more for the values it answered. */
        private static Callable<Integer> wrongAnswers(DjlPredictorState djl, float[] answer, CyclicBarrier start) {
            return () -> {
                DjlPredictorBenchmark benchmark = new DjlPredictorBenchmark();
                start.await();
                int wrong = 0;
                for (int call = 0; call < CALLS; call++) {
                    benchmark.predict(djl);
                    if (!Arrays.equals(answer(djl), answer)) {
                        wrong++;
                    }
                }
                return wrong;
            };
        }

        private static float[] answer(DjlPredictorState djl) throws Exception {
            try (NDList outputs = djl.predictor.predict(djl.inputs)) {
                return outputs.head().toFloatArray();
            }
        }
    }
}
