package org.edgebench.count;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.edgebench.bench.OrtSessionRunBenchmark;
import org.edgebench.bench.state.InputBatchState;
import org.edgebench.bench.state.OrtSessionState;
import org.edgebench.run.Configuration;
import org.edgebench.runtime.Provider;
import org.edgebench.runtime.Sessions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The program {@code count} runs under callgrind ({@link InstructionCounter}): for each configuration
 * of a {@link CountPlan}, a session with one intra-op thread and no spinning (one for the batch
 * sizes that share it), its inputs (whose first call tells the output shapes), the warm-up calls,
 * then the counted calls, each through
 * {@link OrtSessionRunBenchmark#run} so that the count is of exactly what the benchmark times.
 * Callgrind collects only inside {@link #COLLECT_FUNCTION}; between the phases this program calls
 * {@link #MARKER_FUNCTION}, whose entry makes callgrind dump its counters, so that each
 * configuration leaves {@link #DUMPS_PER_CONFIGURATION} dumps: set-up and warm-up (discarded), the
 * first {@code callsLow} counted calls, the calls after them up to {@code callsHigh}.
 *
 * <p>ONNX Runtime's telemetry is switched off: on Linux it records run statistics (LogRuntimePerf,
 * LogSystemMetrics, about 260,000 instructions) at intervals of wall time, which under valgrind,
 * a thousand times slower, fall into every few calls and would make the count depend on the clock.
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.edgebench.count.CountMain PLAN_FILE} under
 * {@code valgrind --tool=callgrind --instr-atstart=no}, by {@link InstructionCounter}, which answers
 * its instrumentation requests; prints one progress line per configuration.
 */
public final class CountMain {

    /** OrtSession.run's native call: ONNX Runtime's work and the JVM callbacks it makes, not the Java around it. */
    public static final String COLLECT_FUNCTION = "Java_ai_onnxruntime_OrtSession_run*";
    /** An exported JNI function no benchmark calls (RunOptions.setRunTag), so each entry is a phase boundary. */
    public static final String MARKER_FUNCTION = "Java_ai_onnxruntime_OrtSession_00024RunOptions_setRunTag";
    public static final int DUMPS_PER_CONFIGURATION = 3;
    /**
     * Printed alone on its line when this JVM wants callgrind's instrumentation switched on (before
     * a configuration's first marker) or off (after its last): {@link InstructionCounter} switches it
     * with {@code callgrind_control} and answers with a line on standard input. Everything else
     * (starting the JVM, creating sessions, building inputs, warming up) runs uninstrumented, at
     * valgrind's own pace, several times faster than callgrind's.
     */
    public static final String INSTRUMENTATION_ON = "edgebench-count: instrumentation on";
    public static final String INSTRUMENTATION_OFF = "edgebench-count: instrumentation off";
    /** How long to wait for the answer: callgrind_control takes a fraction of a second. */
    private static final long ANSWER_NANOS = TimeUnit.MINUTES.toNanos(2);
    /** ONNX Runtime's advice for a session that should not keep cores busy between calls. */
    static final Map<String, String> NO_SPINNING = Map.of("session.intra_op.allow_spinning", "0");

    private CountMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: CountMain PLAN_FILE");
            System.exit(2);
        }
        CountPlan plan = CountPlan.read(Path.of(args[0]));
        Sessions.environment().setTelemetry(false);
        OrtSessionRunBenchmark benchmark = new OrtSessionRunBenchmark();
        OrtSessionState session = null;
        try (OrtSession.RunOptions marker = new OrtSession.RunOptions()) {
            for (int i = 0; i < plan.configurations().size(); i++) {
                Configuration c = plan.configurations().get(i);
                long start = System.nanoTime();
                // The plan keeps configurations of one session together: under valgrind a session takes
                // longer to create than a batch size's calls take to count.
                if (i == 0 || !CountPlan.sessionKey(c).equals(CountPlan.sessionKey(plan.configurations().get(i - 1)))) {
                    close(session);
                    session = open(c);
                }
                double[] seconds = count(session, c, plan, benchmark, marker);
                System.out.printf(Locale.ROOT, "configuration %d of %d: %s: session and inputs in %.0f s, %d calls in %.0f s%n",
                        i + 1, plan.configurations().size(), c.label(), (System.nanoTime() - start) / 1e9 - seconds[0],
                        plan.callsPerConfiguration() - 1, seconds[0]);
                System.out.flush();
            }
        } finally {
            close(session);
        }
    }

    /**
     * Asks for the instrumentation to be switched and waits for the answer, spinning rather than
     * blocking: valgrind takes callgrind_control's request while this thread runs code.
     */
    private static void instrumentation(String request) throws IOException {
        System.out.println(request);
        System.out.flush();
        long asked = System.nanoTime();
        while (System.in.available() == 0) {
            if (System.nanoTime() - asked > ANSWER_NANOS) {
                throw new IllegalStateException("no answer to '" + request + "' on standard input within two minutes");
            }
            Thread.onSpinWait();
        }
        for (int b = System.in.read(); b != '\n' && b != -1; b = System.in.read()) {
            // The answer's line is read whole; its text does not matter.
        }
    }

    private static OrtSessionState open(Configuration c) throws OrtException, IOException {
        OrtSessionState session = new OrtSessionState();
        session.model = c.model();
        session.provider = Provider.parse(c.provider());
        session.intraOpThreads = Integer.parseInt(c.intraOpThreads());
        session.dims = c.params().getOrDefault(Configuration.DIMS, "");
        session.inputs = c.params().getOrDefault(Configuration.INPUTS, "");
        session.open(NO_SPINNING);
        return session;
    }

    private static void close(OrtSessionState session) throws OrtException, IOException {
        if (session != null) {
            session.close();
        }
    }

    /** Counts one configuration on its open session; returns the seconds of its calls after the inputs' first. */
    private static double[] count(OrtSessionState session, Configuration c, CountPlan plan, OrtSessionRunBenchmark benchmark,
                                  OrtSession.RunOptions marker) throws OrtException, IOException {
        InputBatchState batch = new InputBatchState();
        batch.batchSize = Integer.parseInt(c.batchSize());
        try {
            batch.build(session);
            long ready = System.nanoTime();
            for (int call = 0; call < plan.warmup(); call++) {
                benchmark.run(session, batch);
            }
            instrumentation(INSTRUMENTATION_ON);
            marker.setRunTag("warmed-up");
            for (int call = 0; call < plan.callsLow(); call++) {
                benchmark.run(session, batch);
            }
            marker.setRunTag("low");
            for (int call = plan.callsLow(); call < plan.callsHigh(); call++) {
                benchmark.run(session, batch);
            }
            marker.setRunTag("high");
            instrumentation(INSTRUMENTATION_OFF);
            return new double[] {(System.nanoTime() - ready) / 1e9};
        } finally {
            batch.close();
        }
    }
}
