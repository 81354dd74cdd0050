package org.edgebench.model.inputs;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.edgebench.BadInputException;
import org.edgebench.bench.OrtSessionRunBenchmark;
import org.edgebench.bench.state.InputBatchState;
import org.edgebench.bench.state.InputsRejectedException;
import org.edgebench.bench.state.OrtSessionState;
import org.edgebench.model.Dims;
import org.edgebench.runtime.OperatorFailure;
import org.edgebench.runtime.Provider;
import org.edgebench.runtime.Sessions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * ONNX's own test models (Debian's {@code libonnx-testdata}: node, pytorch-converted,
 * pytorch-operator and simple models, each with its real inputs in {@code test_data_set_0}), run
 * through the code the benchmarks run: the session from {@link Sessions} with the CPU provider's
 * options, the inputs from {@link InputSource#of} and one {@code session.run}, without JMH, so it
 * takes seconds. A sample of at least 100, every k-th of the sorted list, skipping the models
 * ONNX Runtime cannot load: at least 95% of the rest must run with {@code -p inputs=auto}, and
 * every other one must have been refused with one line. Synthesized inputs are run on the same
 * sample for comparison. Skipped where the package is missing; with {@code CI=true} (set by
 * {@code .ci/run}, which installs it) a missing package fails.
 */
class TestDataSampleTest {

    private static final Path DATA = Path.of("/usr/share/libonnx-testdata/data");
    private static final int SAMPLE = 100;

    @Test
    void realInputsRunNearlyEveryModelOnnxRuntimeLoads() throws Exception {
        List<Path> sample = sample();
        OrtEnvironment env = Sessions.environment();
        int unloadable = 0;
        int loadable = 0;
        Outcomes auto = new Outcomes();
        Outcomes synthesized = new Outcomes();
        for (Path model : sample) {
            OrtSession session;
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                Provider.CPU.configureSession(options, 1);
                session = Sessions.open(env, model, options);
            } catch (BadInputException e) {
                unloadable++;
                continue;
            }
            loadable++;
            try (session) {
                auto.run(env, session, model, InputSource.AUTO);
                synthesized.run(env, session, model, "");
            }
        }
        System.out.printf("libonnx-testdata sample: %d of %d model.onnx files (every %dth); %d load in ONNX Runtime,"
                        + " %d do not%n", sample.size(), all().size(), all().size() / SAMPLE, loadable, unloadable);
        System.out.printf("-p inputs=auto: %d of %d ran; not run: %s%n", auto.ran, loadable, auto.categories);
        auto.lines.forEach(l -> System.out.println("  " + l));
        System.out.printf("synthesized: %d of %d ran; not run: %s%n", synthesized.ran, loadable, synthesized.categories);
        synthesized.lines.forEach(l -> System.out.println("  " + l));

        assertThat(sample).hasSizeGreaterThanOrEqualTo(SAMPLE);
        assertThat(loadable).isGreaterThanOrEqualTo(SAMPLE * 9 / 10);
        assertThat(auto.ran).as("models that ran with -p inputs=auto, of %d loadable: %s", loadable, auto.lines)
                .isGreaterThanOrEqualTo((int) Math.ceil(0.95 * loadable));
        assertThat(auto.lines).allSatisfy(line -> assertThat(line).doesNotContain("\n"));
        assertThat(synthesized.ran).as("models that ran with synthesized inputs, of %d loadable: %s", loadable,
                synthesized.lines).isGreaterThanOrEqualTo((int) Math.ceil(0.90 * loadable));
    }

    /**
     * The same sample with synthesized inputs through the measured path, as a fork runs it: the
     * session state, the caller's batch state (its unmeasured first call and its pinned outputs) and
     * one benchmark call. At least 98% of the models ONNX Runtime loads must run or be turned away in
     * one line: refused before measuring (bad input) or, when the model rejects the values, ONNX
     * Runtime's message alone, which the launcher turns into its one-line hint about real inputs.
     */
    @Test
    void synthesizedInputsRunOrAreTurnedAwayInOneLineThroughTheBenchmarkSetup() throws Exception {
        List<Path> sample = sample();
        int loadable = 0;
        int ran = 0;
        List<String> refused = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Path model : sample) {
            String name = model.getParent().getFileName().toString();
            OrtSessionState session = new OrtSessionState();
            session.model = model.toString();
            session.provider = Provider.CPU;
            session.intraOpThreads = 1;
            session.dims = "";
            session.inputs = "";
            try {
                session.open();
            } catch (BadInputException e) {
                continue;
            }
            loadable++;
            InputBatchState batch = new InputBatchState();
            batch.batchSize = 1;
            try {
                batch.build(session);
                new OrtSessionRunBenchmark().run(session, batch);
                ran++;
            } catch (BadInputException e) {
                refused.add(name + ": " + e.getMessage());
            } catch (InputsRejectedException e) {
                rejected.add(name + ": " + OperatorFailure.find(e.getMessage()).map(OperatorFailure::describe).orElseThrow());
            } catch (Exception e) {
                failed.add(name + ": " + e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            } finally {
                batch.close();
                session.close();
            }
        }
        System.out.printf("synthesized inputs through the benchmark setup: of %d loadable, %d ran, %d refused in one line,"
                + " %d rejected by the model in one line, %d failed otherwise%n", loadable, ran, refused.size(), rejected.size(),
                failed.size());
        refused.forEach(l -> System.out.println("  refused: " + l));
        rejected.forEach(l -> System.out.println("  rejected: " + l));
        failed.forEach(l -> System.out.println("  failed: " + l));

        assertThat(loadable).isGreaterThanOrEqualTo(SAMPLE * 9 / 10);
        assertThat(ran + refused.size() + rejected.size()).as("ran or turned away in one line, of %d; failed: %s", loadable, failed)
                .isGreaterThanOrEqualTo((int) Math.ceil(0.98 * loadable));
        assertThat(refused).allSatisfy(line -> assertThat(line).doesNotContain("\n"));
    }

    /** How the models of one kind of input did: how many ran, each other one's line, and their categories. */
    private static final class Outcomes {
        int ran;
        final List<String> lines = new ArrayList<>();
        final Map<String, Integer> categories = new TreeMap<>();

        void run(OrtEnvironment env, OrtSession session, Path model, String inputs) {
            String name = model.getParent().getFileName().toString();
            try {
                InputSource source = InputSource.of(inputs, model);
                Map<String, OnnxTensor> tensors = source.tensors(env, name, session.getInputInfo(), 1,
                        Dims.forModel("", model, inputs));
                try (OrtSession.Result ignored = session.run(tensors)) {
                    ran++;
                } finally {
                    tensors.values().forEach(OnnxTensor::close);
                }
            } catch (BadInputException e) {
                record("refused: " + refusal(e.getMessage()), e.getMessage());
            } catch (OrtException e) {
                String line = OperatorFailure.find(e.getMessage()).map(f -> "failed in " + f.describe())
                        .orElse(e.getMessage().replaceAll("\\s+", " "));
                record(OperatorFailure.find(e.getMessage()).map(f -> "failed in " + f.operator()).orElse("failed"),
                        name + ": " + line);
            }
        }

        private void record(String category, String line) {
            categories.merge(category, 1, Integer::sum);
            lines.add(line);
        }

        private static String refusal(String message) {
            if (message.contains("Java API cannot create")) {
                return message.replaceAll(".* is (an? )?(\\S+?),? which ONNX Runtime's Java API cannot create.*",
                        "$2 input, which the Java API cannot create");
            }
            if (message.contains("expects")) {
                return "file does not fit the input";
            }
            return "other";
        }
    }

    /** Every k-th of the sorted model files, k = files / 100, so the sample spans the whole list. */
    private static List<Path> sample() throws IOException {
        List<Path> all = all();
        int k = Math.max(1, all.size() / SAMPLE);
        return IntStream.range(0, all.size()).filter(i -> i % k == 0).mapToObj(all::get).toList();
    }

    private static List<Path> all() throws IOException {
        if (!Files.isDirectory(DATA)) {
            String message = DATA + " not found; install Debian's libonnx-testdata (apt-get install libonnx-testdata)";
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            assumeTrue(false, message);
        }
        try (Stream<Path> files = Files.walk(DATA, 3)) {
            return files.filter(p -> p.getFileName().toString().equals("model.onnx")).sorted().toList();
        }
    }
}
