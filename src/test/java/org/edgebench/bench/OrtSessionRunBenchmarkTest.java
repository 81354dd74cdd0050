package org.edgebench.bench;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import org.edgebench.bench.state.InputBatchState;
import org.edgebench.bench.state.OrtSessionState;
import org.edgebench.runtime.Provider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.FloatBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Calls the benchmark method once, with the states set up as JMH would, and checks that ONNX
 * Runtime wrote its answer into the pinned outputs. They are created zero-filled with their
 * final shape and type, so only their values tell a written output from an untouched one; the
 * reference is a plain {@code run} of the same session on the same inputs, with outputs ONNX
 * Runtime allocates itself.
 */
class OrtSessionRunBenchmarkTest {

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {1, 4})
    void writesTheStudentModelsAnswerIntoThePinnedOutput(int batchSize) throws Exception {
        OrtSessionState session = new OrtSessionState();
        session.model = "student";
        session.provider = Provider.CPU;
        session.intraOpThreads = 1;
        session.dims = "";
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

    private static float[] floats(OnnxTensor tensor) {
        assertThat(tensor.getInfo().type).isEqualTo(OnnxJavaType.FLOAT);
        FloatBuffer buffer = tensor.getFloatBuffer();
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
    }
}
