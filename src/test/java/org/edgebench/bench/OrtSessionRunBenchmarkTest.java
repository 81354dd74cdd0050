package org.edgebench.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import org.edgebench.bench.state.InputBatchState;
import org.edgebench.bench.state.OrtSessionState;
import org.edgebench.runtime.Provider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Calls the benchmark method once, with the states set up as JMH would, and checks the output. */
class OrtSessionRunBenchmarkTest {

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {1, 4})
    void runsTheStudentModelIntoPinnedOutputs(int batchSize) throws Exception {
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
            OrtSession.Result result = new OrtSessionRunBenchmark().run(session, batch);
            assertThat(result.size()).isEqualTo(1);
            OnnxTensor output = batch.pinnedOutputs.get("output");
            assertThat(output.getInfo().getShape()).containsExactly(batchSize, 2);
            float[][] logits = (float[][]) output.getValue();
            assertThat(logits).hasNumberOfRows(batchSize);
            for (float[] row : logits) {
                assertThat(row).hasSize(2);
                assertThat(Float.isFinite(row[0]) && Float.isFinite(row[1])).isTrue();
            }
            assertThat(batch.allocatedOutputs).isEmpty();
            assertThat(batch.inputBytes).isEqualTo(batchSize * 3L * 64 * 64 * 4);
        } finally {
            batch.close();
            session.close();
        }
    }
}
