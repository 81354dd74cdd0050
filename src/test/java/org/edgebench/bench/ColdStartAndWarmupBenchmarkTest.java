package org.edgebench.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import org.edgebench.bench.state.ColdSessionState;
import org.edgebench.bench.state.InputTensorsState;
import org.edgebench.bench.state.OrtSessionState;
import org.edgebench.runtime.Provider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Calls the cold-start and warm-up-curve benchmark methods once, with states set up as JMH would. */
class ColdStartAndWarmupBenchmarkTest {

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {1, 4})
    void coldStartCreatesTheSessionAndAnswersOnce(int batchSize) throws Exception {
        ColdSessionState cold = new ColdSessionState();
        cold.model = "student";
        cold.batchSize = batchSize;
        cold.provider = Provider.CPU;
        cold.intraOpThreads = 1;
        cold.dims = "";
        cold.prepare();
        assertThat(cold.session).as("nothing measured is made before the benchmark method").isNull();
        try {
            OrtSession.Result first = new SessionColdStartBenchmark().createSessionAndRunFirst(cold);

            assertThat(first).isSameAs(cold.firstResult);
            OnnxTensor output = (OnnxTensor) first.get("output").orElseThrow();
            assertThat(output.getInfo().getShape()).containsExactly(batchSize, 2);
            assertThat(cold.inputs.get("input").getInfo().getShape()).containsExactly(batchSize, 3, 64, 64);
        } finally {
            cold.close();
        }
        assertThat(cold.session).as("closed after the iteration, ready for a fresh one").isNull();
        assertThat(cold.firstResult).isNull();
    }

    @Test
    void coldStartRejectsAProviderThisBuildLacks() {
        ColdSessionState cold = new ColdSessionState();
        cold.model = "student";
        cold.batchSize = 1;
        cold.provider = Provider.CUDA;
        cold.intraOpThreads = 0;
        cold.dims = "";

        assertThatThrownBy(cold::prepare).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("CUDA: not in this ONNX Runtime build");
    }

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {1, 4})
    void warmupCurveRunsOneInferencePerCall(int batchSize) throws Exception {
        OrtSessionState session = new OrtSessionState();
        session.model = "student";
        session.provider = Provider.CPU;
        session.intraOpThreads = 1;
        session.dims = "";
        InputTensorsState batch = new InputTensorsState();
        batch.batchSize = batchSize;
        session.open();
        try {
            batch.build(session);
            WarmupCurveBenchmark benchmark = new WarmupCurveBenchmark();
            for (int call = 0; call < 2; call++) {
                ValueInfo output = benchmark.run(session, batch);
                assertThat(output).isInstanceOfSatisfying(TensorInfo.class,
                        info -> assertThat(info.getShape()).containsExactly(batchSize, 2));
            }
        } finally {
            batch.close();
            session.close();
        }
    }
}
