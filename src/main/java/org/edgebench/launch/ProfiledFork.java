package org.edgebench.launch;

import org.edgebench.bench.state.InputBatchState;
import org.edgebench.profile.OperatorProfile;
import org.edgebench.runtime.SessionProfile;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;

import java.nio.file.Path;

/**
 * The extra fork {@code --profile} adds to an {@code OrtSessionRunBenchmark} configuration: the same
 * benchmark and parameters with ONNX Runtime's profiler on ({@code -Dedgebench.profile=<trace>},
 * read by the session's state), run after the measured forks and never reported with them. The
 * profiler records every kernel of every call, about 40 KB per call of the student model, so the
 * fork makes a fixed number of calls rather than calls for a fixed time: in SingleShotTime, one
 * warm-up iteration of {@link #WARMUP_CALLS} calls and one measured iteration of
 * {@link #MEASURED_CALLS}. With the input state's calls at setup, the warm-up is exactly the
 * {@link OperatorProfile#WARMUP_RUNS} runs the trace's reader drops (for one caller).
 */
final class ProfiledFork {

    /** The warm-up calls: with the setup's calls, the runs a trace's reader drops. */
    static final int WARMUP_CALLS = OperatorProfile.WARMUP_RUNS - InputBatchState.SETUP_CALLS;
    /** The calls whose kernels are counted. */
    static final int MEASURED_CALLS = 30;

    private ProfiledFork() {
    }

    /** The JVM option that asks the fork for its trace at {@code trace}. */
    static String jvmArg(Path trace) {
        return "-D" + SessionProfile.PROPERTY + "=" + trace.toAbsolutePath();
    }

    /** Turns the options of the configuration's measured run into the profiled fork's. */
    static ChainedOptionsBuilder settings(ChainedOptionsBuilder measured) {
        return measured.mode(Mode.SingleShotTime)
                .forks(1)
                .warmupIterations(1)
                .warmupBatchSize(WARMUP_CALLS)
                .measurementIterations(1)
                .measurementBatchSize(MEASURED_CALLS);
    }
}
