package org.edgebench.profile;

import org.edgebench.bench.OrtSessionRunBenchmark;
import org.edgebench.bench.state.InputBatchState;
import org.edgebench.bench.state.OrtSessionState;
import org.edgebench.runtime.Provider;
import org.edgebench.runtime.SessionProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A trace written now by this ONNX Runtime: the session state with {@code -Dedgebench.profile} set,
 * as the launcher's profiled fork has it, runs the benchmark method a few times, ends profiling at
 * its teardown, and the trace it leaves at the requested name is read.
 */
class LiveProfileTest {

    private static final int CALLS = 25;

    @TempDir
    Path dir;

    @Test
    void theSessionStateWritesTheTraceWhereAskedAndItReadsAsTheStudentModelsOperators() throws Exception {
        Path target = dir.resolve("profile").resolve("student_CPU_b1_t1.json");
        OrtSessionState session = new OrtSessionState();
        session.model = "student";
        session.provider = Provider.CPU;
        session.intraOpThreads = 1;
        session.dims = "";
        InputBatchState batch = new InputBatchState();
        batch.batchSize = 1;
        System.setProperty(SessionProfile.PROPERTY, target.toString());
        try {
            session.open();
            batch.build(session);
            OrtSessionRunBenchmark benchmark = new OrtSessionRunBenchmark();
            for (int i = 0; i < CALLS; i++) {
                benchmark.run(session, batch);
            }
        } finally {
            System.clearProperty(SessionProfile.PROPERTY);
            batch.close();
            session.close();
        }

        try (Stream<Path> files = Files.list(target.getParent())) {
            assertThat(files.toList()).as("ONNX Runtime's own file name is moved away, not left beside the trace")
                    .containsExactly(target);
        }
        OrtTrace trace = OrtTrace.read(target);
        // The input state's setup makes two calls: one to learn the output shapes, one to check them pinned.
        assertThat(trace.runs()).hasSize(CALLS + InputBatchState.SETUP_CALLS);
        OperatorProfile profile = OperatorProfile.of(trace);
        assertThat(profile.warmupRuns()).isEqualTo((CALLS + 2) / 2);
        assertThat(profile.inferences()).isEqualTo(CALLS + 2 - (CALLS + 2) / 2);
        List<String> types = profile.operators().stream().map(OperatorTime::opType).toList();
        assertThat(types).first().isEqualTo("Conv");
        assertThat(types).contains("Gemm", "GlobalAveragePool");
        assertThat(profile.operators()).extracting(OperatorTime::providerName).containsOnly("CPU");
        assertThat(profile.operators().get(0).nodes()).isEqualTo(52);
        assertThat(profile.share(profile.operators().get(0))).isGreaterThan(0.5);
        assertThat(profile.operators().stream().mapToDouble(profile::share).sum()).isCloseTo(1, within(1e-9));
        assertThat(profile.kernelUs()).isPositive().isLessThanOrEqualTo(profile.modelRunUs());
    }

    @Test
    void withoutThePropertyNothingIsProfiled() {
        System.clearProperty(SessionProfile.PROPERTY);
        assertThat(SessionProfile.requested()).isEmpty();
        System.setProperty(SessionProfile.PROPERTY, " ");
        try {
            assertThat(SessionProfile.requested()).isEmpty();
        } finally {
            System.clearProperty(SessionProfile.PROPERTY);
        }
    }
}
