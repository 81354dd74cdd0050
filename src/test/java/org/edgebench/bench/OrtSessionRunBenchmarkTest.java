package org.edgebench.bench;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import org.edgebench.bench.state.InputBatchState;
import org.edgebench.bench.state.OrtSessionState;
import org.edgebench.model.inputs.InputSynthesizer;
import org.edgebench.runtime.Provider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.FloatBuffer;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Calls the benchmark method, with the states set up as JMH would, and checks that ONNX Runtime
 * wrote its answer into the pinned outputs, of one caller and of two at once. They are created zero-filled with their
 * final shape and type, so only their values tell a written output from an untouched one; the
 * reference is a plain {@code run} of the same session on the same inputs, with outputs ONNX
 * Runtime allocates itself.
 */
class OrtSessionRunBenchmarkTest {

    /** Calls per caller in the two-caller test: enough for answers written into shared buffers to collide. */
    private static final int CALLS = 1_000;

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {1, 4})
    void writesTheStudentModelsAnswerIntoThePinnedOutput(int batchSize) throws Exception {
        OrtSessionState session = studentSession();
        InputBatchState batch = new InputBatchState();
        batch.batchSize = batchSize;
        session.open();
        try {
            batch.build(session);
            assertThat(batch.allocatedOutputs).isEmpty();
            assertThat(batch.inputBytes).isEqualTo(batchSize * 3L * 64 * 64 * 4);
            assertThat(batch.pinnedOutputs).containsOnlyKeys("output");
            OnnxTensor pinned = batch.pinnedOutputs.get("output");

            OrtSession.Result result = new OrtSessionRunBenchmark().run(session, batch);

            // JMH gets the result closed, so outputs ONNX Runtime allocated are freed on every
            // call; closing it must leave the pinned output, which the states own, readable.
            assertThat(result.size()).isEqualTo(batch.pinnedOutputs.size());
            assertThatThrownBy(() -> result.get("output")).isInstanceOf(IllegalStateException.class)
                    .hasMessage("Result is closed");
            float[] written = floats(pinned);
            try (OrtSession.Result plain = session.session.run(batch.inputs)) {
                OnnxTensor expected = (OnnxTensor) plain.get("output").orElseThrow();
                assertThat(pinned.getInfo().getShape()).containsExactly(expected.getInfo().getShape())
                        .containsExactly(batchSize, 2);
                assertThat(written).as("pinned output vs a plain run").containsExactly(floats(expected), within(1e-6f));
            }
            // A plain run answering zeros would make the comparison above pass untouched buffers.
            assertThat(written).as("pinned output").isNotEqualTo(new float[written.length]);
        } finally {
            batch.close();
            session.close();
        }
    }

    /**
     * Two callers, as JMH's {@code -t 2} makes them: two per-thread batch states on one shared
     * session, the benchmark method called from two threads at once. Each caller's pinned output
     * must hold the answer to its own inputs after every call; the callers' inputs differ, so an
     * answer landing in the other caller's buffers shows.
     */
    @Test
    void twoCallersOnOneSessionEachGetTheAnswerToTheirOwnInputs() throws Exception {
        OrtSessionState session = studentSession();
        InputBatchState first = new InputBatchState();
        InputBatchState second = new InputBatchState();
        first.batchSize = 2;
        second.batchSize = 2;
        session.open();
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            first.build(session);
            second.build(session);
            assertThat(second.pinnedOutputs.get("output")).isNotSameAs(first.pinnedOutputs.get("output"));
            // Both states take the suite's one seed; the second caller gets other inputs so its answer differs.
            second.inputs.values().forEach(OnnxTensor::close);
            second.inputs = Collections.unmodifiableMap(InputSynthesizer.create(session.env, InputSynthesizer.plan(
                    session.model, session.session.getInputInfo(), 2, session.dimValues()), InputSynthesizer.SEED + 1));
            float[] firstAnswer = plainRun(session, first.inputs);
            float[] secondAnswer = plainRun(session, second.inputs);
            assertThat(firstAnswer).isNotEqualTo(secondAnswer);

            CyclicBarrier start = new CyclicBarrier(2);
            Future<Integer> firstWrong = callers.submit(() -> wrongAnswers(session, first, firstAnswer, start));
            Future<Integer> secondWrong = callers.submit(() -> wrongAnswers(session, second, secondAnswer, start));

            assertThat(List.of(firstWrong.get(2, TimeUnit.MINUTES), secondWrong.get(2, TimeUnit.MINUTES)))
                    .as("calls (of %d per caller) whose pinned output was not the answer to the caller's own inputs", CALLS)
                    .containsExactly(0, 0);
        } finally {
            callers.shutdownNow();
            first.close();
            second.close();
            session.close();
        }
    }

    private static int wrongAnswers(OrtSessionState session, InputBatchState batch, float[] answer, CyclicBarrier start)
            throws Exception {
        OrtSessionRunBenchmark benchmark = new OrtSessionRunBenchmark();
        OnnxTensor pinned = batch.pinnedOutputs.get("output");
        start.await();
        int wrong = 0;
        for (int call = 0; call < CALLS; call++) {
            benchmark.run(session, batch);
            if (!sameWithin(floats(pinned), answer, 1e-6f)) {
                wrong++;
            }
        }
        return wrong;
    }

    private static float[] plainRun(OrtSessionState session, Map<String, OnnxTensor> inputs) throws Exception {
        try (OrtSession.Result plain = session.session.run(inputs)) {
            return floats((OnnxTensor) plain.get("output").orElseThrow());
        }
    }

    private static boolean sameWithin(float[] actual, float[] expected, float tolerance) {
        if (actual.length != expected.length) {
            return false;
        }
        for (int i = 0; i < actual.length; i++) {
            if (Math.abs(actual[i] - expected[i]) > tolerance) {
                return false;
            }
        }
        return true;
    }

    private static OrtSessionState studentSession() {
        OrtSessionState session = new OrtSessionState();
        session.model = "student";
        session.provider = Provider.CPU;
        session.intraOpThreads = 1;
        session.dims = "";
        return session;
    }

    private static float[] floats(OnnxTensor tensor) {
        assertThat(tensor.getInfo().type).isEqualTo(OnnxJavaType.FLOAT);
        FloatBuffer buffer = tensor.getFloatBuffer();
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
    }
}
