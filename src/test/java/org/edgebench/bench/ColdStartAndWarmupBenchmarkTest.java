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
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.WorkloadParams;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Calls the cold-start and warm-up-curve benchmark methods once, with states set up as JMH would. */
class ColdStartAndWarmupBenchmarkTest {

    private static final String COLD = SessionColdStartBenchmark.class.getName() + ".createSessionAndRunFirst";
    private static final String WARMUP = WarmupCurveBenchmark.class.getName() + ".run";

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
            assertThat(cold.inputTensors.get("input").getInfo().getShape()).containsExactly(batchSize, 3, 64, 64);
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

    /** Plain JMH with {@code -t 2} gets past no launcher: the states' own setup refuses, naming the reason. */
    @Test
    void bothRefuseMoreThanOneCallerInTheirSetup() {
        ColdSessionState cold = new ColdSessionState();
        InputTensorsState batch = new InputTensorsState();
        cold.oneCaller(trial(COLD, 1));
        batch.oneCaller(trial(WARMUP, 1));

        assertThatThrownBy(() -> cold.oneCaller(trial(COLD, 2))).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("SessionColdStartBenchmark runs with one caller only, not 2: it times the first"
                        + " session of a fresh JVM");
        assertThatThrownBy(() -> batch.oneCaller(trial(WARMUP, 4))).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("WarmupCurveBenchmark runs with one caller only, not 4: iteration k is the k-th"
                        + " inference of one session");
    }

    /** What JMH hands a setup method about the trial: here only the benchmark and its thread count matter. */
    private static BenchmarkParams trial(String benchmark, int threads) {
        IterationParams iteration = new IterationParams(IterationType.MEASUREMENT, 1, TimeValue.seconds(1), 1);
        return new BenchmarkParams(benchmark, benchmark + "_jmhTest", false, threads, new int[] {threads}, List.of(),
                1, 0, iteration, iteration, Mode.SingleShotTime, new WorkloadParams(), TimeUnit.MILLISECONDS, 1,
                "java", List.of(), "17", "OpenJDK", "17", "1.37", TimeValue.minutes(10));
    }
}
