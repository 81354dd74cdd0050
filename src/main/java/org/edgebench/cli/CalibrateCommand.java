package org.edgebench.cli;

import ai.onnxruntime.OrtException;
import org.edgebench.run.Benchmark;
import org.edgebench.BadInputException;
import org.edgebench.bench.OrtSessionRunBenchmark;
import org.edgebench.bench.state.InputBatchState;
import org.edgebench.bench.state.OrtSessionState;
import org.edgebench.launch.ExitCodes;
import org.edgebench.plan.Preflight;
import org.edgebench.model.ModelCatalog;
import org.edgebench.run.Configuration;
import org.edgebench.runtime.Provider;
import org.edgebench.runtime.ProviderCheck;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code calibrate}: how much of the suite's latency is the harness. Times {@code session.run}
 * on the same prebuilt tensors in a bare {@code System.nanoTime} loop (no JMH), and runs the
 * suite's benchmark on the same configuration, alternating the two over several rounds because
 * two runs a minute apart can differ by 15% on a shared machine; the best P50 of each is compared.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Compare the suite's P50 with a bare System.nanoTime loop around session.run.")
public final class CalibrateCommand implements Callable<Integer> {

    /** The harness may add this much, relative or absolute, whichever is larger. */
    static final double BUDGET_FRACTION = 0.03;
    static final double BUDGET_MS = 0.020;

    @Option(names = "--model", defaultValue = ModelCatalog.DEFAULT_MODEL, description = "Model name or .onnx path (default: ${DEFAULT-VALUE}).")
    private String model;

    @Option(names = "--batch-size", defaultValue = "1", description = "Batch size (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--provider", defaultValue = "CPU", description = "Execution provider (default: ${DEFAULT-VALUE}).")
    private String provider;

    @Option(names = "--threads", defaultValue = "1", description = "intraOpThreads (default: ${DEFAULT-VALUE}; 1 is the quietest on a shared machine).")
    private int threads;

    @Option(names = "--dims", defaultValue = "", description = "Symbolic dimensions, as -p dims=...")
    private String dims;

    @Option(names = "--rounds", defaultValue = "3", description = "Alternating rounds (default: ${DEFAULT-VALUE}).")
    private int rounds;

    @Option(names = "--seconds", defaultValue = "5", description = "Measured seconds per side per round (default: ${DEFAULT-VALUE}).")
    private int seconds;

    @Override
    public Integer call() throws Exception {
        if (rounds < 1 || seconds < 1) {
            throw new BadInputException("--rounds and --seconds must be >= 1");
        }
        Preflight.check(Map.of(Configuration.MODEL, List.of(model), Configuration.BATCH_SIZE, List.of(Integer.toString(batchSize)),
                Configuration.PROVIDER, List.of(provider), Configuration.INTRA_OP_THREADS, List.of(Integer.toString(threads)), Configuration.DIMS, List.of(dims)),
                ModelCatalog.standard(), ProviderCheck.forThisBuild(), 1);
        System.out.printf(Locale.ROOT, "Calibrating %s, batchSize=%d, provider=%s, intraOpThreads=%d: %d rounds of %d s each side%n",
                model, batchSize, provider, threads, rounds, seconds);
        System.out.printf(Locale.ROOT, "%-6s %18s %18s%n", "round", "tight loop P50", "JMH suite P50");
        double bestLoop = Double.MAX_VALUE;
        double bestSuite = Double.MAX_VALUE;
        for (int round = 1; round <= rounds; round++) {
            double loop = tightLoopP50();
            double suite = suiteP50();
            bestLoop = Math.min(bestLoop, loop);
            bestSuite = Math.min(bestSuite, suite);
            System.out.printf(Locale.ROOT, "%-6d %15.4f ms %15.4f ms%n", round, loop, suite);
        }
        double difference = bestSuite - bestLoop;
        double budget = Math.max(BUDGET_FRACTION * bestLoop, BUDGET_MS);
        System.out.printf(Locale.ROOT, "%-6s %15.4f ms %15.4f ms%n", "best", bestLoop, bestSuite);
        System.out.printf(Locale.ROOT, "harness cost: %+.1f us (%+.1f%%); budget %.1f us (3%% or 20 us, whichever is larger): %s%n",
                difference * 1000, 100 * difference / bestLoop, budget * 1000,
                Math.abs(difference) <= budget ? "within" : "OUTSIDE");
        return ExitCodes.OK;
    }

    /** The P50 of a bare loop: warm-up for the same time, then every call timed with nanoTime. */
    private double tightLoopP50() throws OrtException, IOException {
        OrtSessionState session = new OrtSessionState();
        session.model = model;
        session.provider = Provider.parse(provider);
        session.intraOpThreads = threads;
        session.dims = dims;
        InputBatchState batch = new InputBatchState();
        batch.batchSize = batchSize;
        session.open();
        try {
            batch.build(session);
            // The benchmark's own method, so the loop times exactly what the suite measures; its
            // native call cannot be optimised away, so nothing else needs to consume the result.
            OrtSessionRunBenchmark benchmark = new OrtSessionRunBenchmark();
            long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < warmupEnd) {
                benchmark.run(session, batch);
            }
            long[] samples = new long[1 << 20];
            int n = 0;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            for (long now = System.nanoTime(); now < end && n < samples.length; ) {
                benchmark.run(session, batch);
                long after = System.nanoTime();
                samples[n++] = after - now;
                now = after;
            }
            Arrays.sort(samples, 0, n);
            return samples[n / 2] / 1e6;
        } finally {
            batch.close();
            session.close();
        }
    }

    /** The suite's benchmark on the same configuration, one fork, same measured time. */
    private double suiteP50() throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(Benchmark.ORT_RUN.include())
                .param(Configuration.MODEL, model).param(Configuration.BATCH_SIZE, Integer.toString(batchSize)).param(Configuration.PROVIDER, provider)
                .param(Configuration.INTRA_OP_THREADS, Integer.toString(threads)).param(Configuration.DIMS, dims)
                .forks(1).warmupIterations(seconds).warmupTime(TimeValue.seconds(1))
                .measurementIterations(1).measurementTime(TimeValue.seconds(seconds))
                .jvmArgsAppend("-Dedgebench.models=" + ModelCatalog.standard().dir().toAbsolutePath())
                .verbosity(VerboseMode.SILENT)
                .build()).run();
        if (results.isEmpty()) {
            throw new IllegalStateException("the JMH run produced no result");
        }
        return results.iterator().next().getPrimaryResult().getStatistics().getPercentile(50);
    }
}
