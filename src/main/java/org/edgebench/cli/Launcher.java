package org.edgebench.cli;

import org.edgebench.BadInputException;

import java.util.Arrays;

/**
 * The entry point of {@code benchmarks.jar}: a subcommand ({@code env}, {@code models},
 * {@code report}, {@code compare}, {@code calibrate}, {@code count}, {@code turns},
 * {@code capabilities}) or, by default, a benchmark
 * run with JMH's own options.
 */
public final class Launcher {

    static final String USAGE = """
            EdgeBench: JMH benchmarks of ONNX model inference.

              java -jar benchmarks.jar [--suite NAME] [--out DIR] [--label NAME] [--slo-ms N] [--callers N,N...] [--force]
                                       [--profile] [--require-full-delegation] [--no-report] [--no-turns] [--lock-wait TIME] [--verbose]
                                       [JMH options] [regexp] [--arrivals RATE,...|sweep [--arrivals-for 30s] [--workers N] [--max-batch B,...]
                                        [--max-wait-ms T,...] [--slo-percentile 99]]
              java -jar benchmarks.jar report RUN_DIR|jmh.json [--out DIR] [--slo-ms N]
              java -jar benchmarks.jar compare BASELINE CANDIDATE [--metric p50|p90|p95|p99|mean] [--threshold PCT] [--strict]
                                       [--out DIR] [--gab-out DIR] [--instructions-threshold PCT] [--fail-on-instructions]
              java -jar benchmarks.jar compare --paired BASE1,BASE2,... CAND1,CAND2,... [--sequential BLOCK/CAP] [compare options]
              java -jar benchmarks.jar compare --label NAME=RUN --label NAME=RUN ... [--metric M] [--out DIR]
              java -jar benchmarks.jar compare RUN --gab-out DIR
              java -jar benchmarks.jar turns NAME=BUILD NAME=BUILD... [--suite NAME] [--rounds R] [--block B] [--forks F]
                                       [--count] [--no-turns] [--cpus LIST|all] [--java-option OPT] [--seed N] [--out DIR]
                                       [--threshold PCT] [--metric M] [--strict] [--gab-out DIR] [-- run options]
              java -jar benchmarks.jar capabilities [--json]
              java -jar benchmarks.jar env [--json]
              java -jar benchmarks.jar models [MODEL...]
              java -jar benchmarks.jar calibrate [--model M] [--batch-size N] [--provider P] [--threads T] [--dims D]
                                       [--rounds R] [--seconds S]
              java -jar benchmarks.jar count [--suite NAME] [-p NAME=VALUES]... [--out DIR] [--label NAME] [--into RUN_DIR]
                                       [--warmup N] [--calls LOW,HIGH]
              Every subcommand takes -h for its own help.

            Suites: quick, default, ci, full (benchmarks/*.properties). JMH parameters: model, batchSize,
            provider, intraOpThreads, dims, inputs, e.g. -p batchSize=1,8 -p provider=CPU,XNNPACK.
            Two kinds of threads: callers are JMH threads calling one session at once (--callers 1,2,4 runs
            each configuration with 1, 2 and 4; -t N for one count, not both; --force allows more than
            4 per core); intra-op threads (-p intraOpThreads=N) are ONNX Runtime's pool inside one call,
            0 = ONNX Runtime's default. --profile adds one unmeasured fork per OrtSessionRunBenchmark
            configuration with ONNX Runtime's profiler on: operators.csv, profile/, charts/operators_*.png.
            Before the benchmarks, each model and provider's node placement (which nodes the provider ran,
            which it left to CPU) is printed and kept in placement.csv; --require-full-delegation fails,
            unrun, a configuration whose provider left nodes to CPU.
            --arrivals serves each OrtSessionRunBenchmark configuration requests at a rate after its benchmark: 30/s
            (a fixed interval), poisson:500/s, poisson:80% (of the closed-loop maximum), sweep (the highest Poisson rate
            whose P99 stays within --slo-ms); arrivals.csv, docs/arrivals.md.
            --no-report writes only jmh.json and env.json (report RUN_DIR makes the rest later).
            --lock-wait 15m waits that long (default 30m) while another JMH run holds JMH's lock; 0 refuses at once.
            Configurations the summary compares (providers, a model and its -int8 twin, intra-op threads, callers,
            DJL against raw ONNX Runtime) take turns, one iteration each per round (turns.csv), and their ratios
            pair; --no-turns runs them one after another.
            --verbose adds stack traces to errors. -h and --help print this.
            Exit codes: 0 ok; 1 a benchmark failed, compare found a regression (with --strict also an inconclusive
            configuration, with --fail-on-instructions a heavier count), or count's counting JVM failed; 2 bad usage
            or input, or JMH's lock held past --lock-wait; 3 turns: a run failed, nothing compared; 4 compare
            --sequential or turns: a configuration still undecided (add rounds).

            JMH's options follow.
            """;

    private Launcher() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command and returns its exit code; prints one line for bad input. */
    public static int run(String... args) {
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args.length == 0 ? "" : args[0]) {
                case "env" -> Subcommands.execute(new EnvCommand(), rest);
                case "models" -> Subcommands.execute(new ModelsCommand(), rest);
                case "calibrate" -> Subcommands.execute(new CalibrateCommand(), rest);
                case "count" -> Subcommands.execute(new CountCommand(), rest);
                case "report" -> Subcommands.execute(new ReportCommand(), rest);
                case "compare" -> Subcommands.execute(new CompareCommand(), rest);
                case "turns" -> TurnsCommand.execute(rest);
                case "capabilities" -> Subcommands.execute(new CapabilitiesCommand(), rest);
                default -> new BenchmarkRun(System.out).run(args);
            };
        } catch (BadInputException e) {
            System.err.println("edgebench: " + Subcommands.oneLine(e));
            if (Boolean.getBoolean("edgebench.verbose")) {
                e.printStackTrace();
            }
            return ExitCodes.BAD_INPUT;
        } catch (Exception e) {
            System.err.println("edgebench: " + Subcommands.oneLine(e) + " (rerun with --verbose for the stack trace)");
            if (Boolean.getBoolean("edgebench.verbose")) {
                e.printStackTrace();
            }
            return ExitCodes.FAILURE;
        }
    }
}
