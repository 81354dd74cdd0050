package org.edgebench.launch;

import org.edgebench.text.Csv;
import org.edgebench.run.Benchmark;
import org.edgebench.launch.jmh.ForkOutput;
import org.edgebench.launch.jmh.JmhLock;
import org.edgebench.launch.jmh.KnownNoise;
import org.edgebench.launch.steps.AgreementStep;
import org.edgebench.launch.steps.ArrivalsStep;
import org.edgebench.launch.steps.PlacementStep;
import org.edgebench.plan.Plan;
import org.edgebench.plan.Suite;
import org.edgebench.plan.TurnGroups;
import org.edgebench.text.OneLine;
import org.edgebench.BadInputException;
import org.edgebench.analysis.BatchAdvisor;
import org.edgebench.arrivals.ArrivalPlan;
import org.edgebench.bench.MemoryProfiler;
import org.edgebench.bench.TurnsProfiler;
import org.edgebench.bench.state.OutputAllocation;
import org.edgebench.model.ModelCatalog;
import org.edgebench.profile.Profiles;
import org.edgebench.bench.state.Turns;
import org.edgebench.report.Report;
import org.edgebench.results.JmhResult;
import org.edgebench.run.AtomicFiles;
import org.edgebench.run.Configuration;
import org.edgebench.run.EnvFile;
import org.edgebench.run.Environment;
import org.edgebench.run.RunFiles;
import org.edgebench.run.RunFolder;
import org.edgebench.runtime.OperatorFailure;
import org.edgebench.runtime.ThisMachine;
import org.edgebench.turns.TurnTaking;
import org.apache.commons.csv.CSVPrinter;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The main job: {@code [--suite NAME] [--out DIR] [--label NAME] [--callers N,N...] [--profile] [JMH options] [regexp]}.
 * Reads the suite, lets JMH parse its own options, checks providers, models and caller counts before
 * any fork starts, writes env.json, runs JMH with its JSON result in the run folder, compares each
 * int8 model's outputs with its fp32 twin's ({@link AgreementStep}), then writes the report. With
 * {@code --profile}, each OrtSessionRunBenchmark configuration gets one more fork after its
 * measured ones, with ONNX Runtime's profiler on ({@link ProfiledFork}); its trace goes to
 * {@code profile/}, its timings nowhere.
 */
public final class BenchmarkRun {

    /** The launcher's usage, printed for {@code -h} before JMH's options. */
    public static final String USAGE = """
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

    private final PrintStream out;

    public BenchmarkRun(PrintStream out) {
        this.out = out;
    }

    /**
     * Our own options, split from JMH's.
     *
     * @param callers the caller counts of {@code --callers}, each configuration run once per count; empty without it
     * @param force   {@code --force}: run caller counts beyond {@link #MAX_CALLERS_PER_CORE} per core anyway
     * @param profile {@code --profile}: one profiled fork per OrtSessionRunBenchmark configuration
     * @param report  false with {@code --no-report}: jmh.json and env.json only, for runs that are only compared
     * @param fullDelegation {@code --require-full-delegation}: a configuration whose provider left nodes to CPU fails unrun
     * @param lockWait {@code --lock-wait}: how long to wait while another JMH run holds JMH's lock; 0 refuses at once
     * @param arrivals the open-loop options ({@code --arrivals} and its companions) as given, option to value
     * @param turns   false with {@code --no-turns}: compared configurations run one after another instead of in turns
     */
    record Args(String suite, Path out, String label, double sloMs, List<Integer> callers, boolean force, boolean profile,
                boolean report, boolean fullDelegation, Duration lockWait,
                List<String> jmh, Map<String, String> arrivals, boolean turns) {

        static Args parse(String[] args) {
            String suite = Suite.DEFAULT;
            Path outDir = null;
            String label = null;
            double sloMs = BatchAdvisor.DEFAULT_SLO_MS;
            List<Integer> callers = List.of();
            boolean force = false;
            boolean profile = false;
            boolean report = true;
            boolean fullDelegation = false;
            boolean turns = true;
            Duration lockWait = JmhLock.DEFAULT_WAIT;
            List<String> jmh = new ArrayList<>();
            Map<String, String> arrivals = new java.util.LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String key = arg.contains("=") && arg.startsWith("--") ? arg.substring(0, arg.indexOf('=')) : arg;
                boolean inline = !key.equals(arg);
                switch (key) {
                    case "--suite", "--out", "--label", "--slo-ms", "--callers", "--lock-wait", "--arrivals", "--arrivals-for",
                         "--workers", "--max-batch", "--max-wait-ms", "--slo-percentile" -> {
                        String value;
                        if (inline) {
                            value = arg.substring(arg.indexOf('=') + 1);
                        } else if (i + 1 < args.length) {
                            value = args[++i];
                        } else {
                            throw new BadInputException(key + " needs a value");
                        }
                        switch (key) {
                            case "--suite" -> suite = value;
                            case "--out" -> outDir = Paths.get(value);
                            case "--slo-ms" -> {
                                sloMs = sloMs(value);
                                arrivals.put(key, value);
                            }
                            case "--callers" -> callers = callers(value);
                            case "--label" -> label = value;
                            case "--lock-wait" -> lockWait = JmhLock.parseWait(value);
                            default -> arrivals.put(key, value);
                        }
                    }
                    case "--verbose" -> System.setProperty("edgebench.verbose", "true");
                    case "--force" -> force = true;
                    case "--profile" -> profile = true;
                    case "--no-report" -> report = false;
                    case "--require-full-delegation" -> fullDelegation = true;
                    case "--no-turns" -> turns = false;
                    // JMH knows only -h; both spellings get the same help.
                    case "--help" -> jmh.add("-h");
                    default -> jmh.add(arg);
                }
            }
            return new Args(suite, outDir, label, sloMs, callers, force, profile, report, fullDelegation, lockWait,
                    List.copyOf(jmh), arrivals, turns);
        }

        /** {@code 1,2,4}: whole numbers of 1 or more, each once, in the order given. */
        private static List<Integer> callers(String value) {
            List<Integer> counts = new ArrayList<>();
            for (String part : value.split(",", -1)) {
                int n;
                try {
                    n = Integer.parseInt(part.strip());
                } catch (NumberFormatException e) {
                    throw new BadInputException("--callers takes caller counts joined by commas (e.g. --callers 1,2,4),"
                            + " was '" + value + "'");
                }
                if (n < 1) {
                    throw new BadInputException("--callers: a caller count is 1 or more (JMH threads calling one session),"
                            + " was " + n);
                }
                if (!counts.contains(n)) {
                    counts.add(n);
                }
            }
            return List.copyOf(counts);
        }

        private static double sloMs(String value) {
            try {
                double ms = Double.parseDouble(value);
                if (ms > 0 && Double.isFinite(ms)) {
                    return ms;
                }
            } catch (NumberFormatException e) {
                // Reported below with the accepted form.
            }
            throw new BadInputException("--slo-ms must be a positive number of milliseconds, was '" + value + "'");
        }
    }

    /**
     * Beyond this many callers per core they mostly queue for a core, so the run would time the
     * scheduler rather than the session; {@code --force} runs it anyway.
     */
    static final int MAX_CALLERS_PER_CORE = 4;

    public int run(String[] argv) throws IOException {
        Args args = Args.parse(argv);
        CommandLineOptions jmh = jmhOptions(args);
        if (answeredWithoutRunning(jmh)) {
            return ExitCodes.OK;
        }
        if (jmh.getForkCount().orElse(1) < 1) {
            throw new BadInputException("-f " + jmh.getForkCount().get() + " would run the benchmarks inside the launcher,"
                    + " where one native crash loses the whole run; use -f 1 or more");
        }
        Suite suite = Suite.load(args.suite());
        if (jmh.shouldList() || jmh.shouldListWithParams()) {
            // Listing shows every benchmark in the jar, as plain JMH does, not only the suite's.
            Runner lister = new Runner(jmh);
            if (jmh.shouldListWithParams()) {
                lister.listWithParams(jmh);
            } else {
                lister.list();
            }
            return ExitCodes.OK;
        }
        // Loads ONNX Runtime's native libraries: a bad -Donnxruntime.native.path stops here, before any fork.
        Environment machine = ThisMachine.capture();
        Plan.Planned planned = plan(jmh, suite, callers(args, jmh));
        ArrivalPlan arrivals = arrivalPlan(args, planned);
        if (args.profile()) {
            announceProfile(planned.configurations());
        }
        planned.checked().skipped().forEach(s -> out.println("EdgeBench: " + s.line()));
        Optional<JmhLock> lock = JmhLock.ofThisJvm(args.lockWait(), out);
        if (lock.isPresent() && !lock.get().awaitFree()) {
            throw new BadInputException(lock.get().stillHeld() + "; nothing was started or written");
        }
        Path folder = RunFolder.create(args.out(), args.label(), LocalDateTime.now());
        Environment env = environment(machine, suite, args, planned);
        env.warnings().forEach(w -> out.println("EdgeBench: warning: " + w));
        EnvFile.write(folder, env);
        RunLedger ledger = new RunLedger(folder, env, planned.configurations());
        PlacementStep placement = PlacementStep.run(folder, planned.configurations(), ModelCatalog.standard(), out);
        KnownNoise noise = new KnownNoise();
        List<List<Configuration>> groups = TurnGroups.of(planned.configurations(), inTurns(args));
        runEach(jmh, suite, groups, ledger, folder, args, noise, placement, lock);
        if (noise.hidden() > 0) {
            out.println(noise.summary());
        }
        if (!ledger.results().isEmpty() && !ledger.wasInterrupted()) {
            AgreementStep.run(folder, ModelCatalog.standard(), out);
        }
        if (!arrivals.isEmpty() && !ledger.results().isEmpty() && !ledger.wasInterrupted()) {
            ArrivalsStep.run(folder, arrivals, ModelCatalog.standard(), out);
        }
        if (jmh.getResultFormat().hasValue() || jmh.getResult().hasValue()) {
            writeRequestedFormat(jmh, ledger.results());
        }
        if (!ledger.results().isEmpty() && args.report()) {
            report(folder, args.sloMs());
        }
        out.println("EdgeBench: wrote " + folder + ledger.outcome());
        return ledger.wasStopped() ? ExitCodes.BAD_INPUT : ledger.failures().isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    /**
     * Whether compared configurations take turns: unless {@code --no-turns}, or when this run is
     * itself one side of {@code turns} ({@value Turns#ENV} set): its forks then take turns with the
     * other build's, one configuration at a time.
     */
    private static boolean inTurns(Args args) {
        String outer = System.getenv(Turns.ENV);
        return args.turns() && (outer == null || outer.isBlank());
    }

    private static CommandLineOptions jmhOptions(Args args) {
        try {
            return new CommandLineOptions(args.jmh().toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            throw new BadInputException("bad JMH option: " + e.getMessage() + " (see -h)");
        }
    }

    /**
     * The caller counts to run each configuration with: {@code --callers}, or JMH's {@code -t} as
     * one count ({@code -t max} is one caller per core), or 1.
     */
    private static List<Integer> callers(Args args, CommandLineOptions jmh) {
        int cores = Runtime.getRuntime().availableProcessors();
        String option = "--callers";
        List<Integer> counts = args.callers();
        if (jmh.getThreads().hasValue()) {
            if (!counts.isEmpty()) {
                throw new BadInputException("--callers and -t both set the callers (JMH threads calling one session);"
                        + " give --callers 1,2,4 for a sweep or -t N for one count, not both");
            }
            option = "-t";
            counts = List.of(jmh.getThreads().get() > 0 ? jmh.getThreads().get() : cores);
        } else if (counts.isEmpty()) {
            counts = List.of(1);
        }
        for (int n : counts) {
            if (n > MAX_CALLERS_PER_CORE * cores && !args.force()) {
                throw new BadInputException(String.format(Locale.ROOT, "%s %d is more than %dx the %d cores of this"
                        + " machine: the callers would mostly queue for a core and the run would time the scheduler;"
                        + " add --force to run it anyway", option, n, MAX_CALLERS_PER_CORE, cores));
            }
        }
        return counts;
    }

    /**
     * {@code --arrivals} and its companions, checked before any fork: the run must measure
     * OrtSessionRunBenchmark, whose session the open loop serves.
     */
    private static ArrivalPlan arrivalPlan(Args args, Plan.Planned planned) {
        Map<String, String> given = new java.util.LinkedHashMap<>(args.arrivals());
        double slo = given.containsKey("--slo-ms") ? args.sloMs() : Double.NaN;
        given.remove("--slo-ms");
        ArrivalPlan plan = ArrivalPlan.parse(given, slo, Runtime.getRuntime().availableProcessors());
        if (!plan.isEmpty() && planned.configurations().stream().noneMatch(c -> c.benchmark().equals(Benchmark.ORT_RUN.jmhName()))) {
            throw new BadInputException("--arrivals serves OrtSessionRunBenchmark's session, and this run has none of its"
                    + " configurations; add it to the benchmark regexp (e.g. 'OrtSessionRunBenchmark')");
        }
        return plan;
    }

    /** JMH's help and its lists of profilers and result formats, which need no suite. */
    private boolean answeredWithoutRunning(CommandLineOptions jmh) throws IOException {
        if (jmh.shouldHelp()) {
            out.println(USAGE);
            jmh.showHelp();
        } else if (jmh.shouldListProfilers()) {
            jmh.listProfilers();
        } else if (jmh.shouldListResultFormats()) {
            jmh.listResultFormats();
        } else {
            return false;
        }
        return true;
    }

    /**
     * Each suite parameter from the command line, else the suite, else the selected benchmarks'
     * {@code @Param} defaults; checked before any fork starts, then crossed into configurations.
     */
    private Plan.Planned plan(CommandLineOptions jmh, Suite suite, List<Integer> callers) {
        OutputFormat silent = OutputFormatFactory.createFormatInstance(out, VerboseMode.SILENT);
        List<String> includes = jmh.getIncludes().isEmpty() ? List.of(suite.include()) : jmh.getIncludes();
        return Plan.resolve(silent, includes, jmh.getExcludes(), suite, callers,
                name -> jmh.getParameter(name).hasValue() ? List.copyOf(jmh.getParameter(name).get()) : null);
    }

    /**
     * Runs each configuration in its own JMH run, recording each result or failure as it comes;
     * a Ctrl-C keeps (and reports) what finished. Configurations the summary compares with each other
     * ({@link TurnGroups}: providers, int8 twins) run at once, taking turns ({@link #runInTurns}).
     * A configuration whose fork failed in an operator (ONNX Runtime rejecting the input values) gets
     * one line after JMH's output ({@link InputsHint}), and that reason in env.json. Before each
     * configuration, and again when JMH refused one because another run took its lock in between, it
     * waits for the lock ({@link JmhLock}); when the lock is still held at the limit, the run stops
     * there, the configurations not started are not failures.
     */
    private void runEach(CommandLineOptions jmh, Suite suite, List<List<Configuration>> groups, RunLedger ledger,
                         Path folder, Args args, KnownNoise noise, PlacementStep placement, Optional<JmhLock> lock) {
        Thread onInterrupt = new Thread(() -> {
            if (ledger.interrupted(out) && args.report()) {
                report(folder, args.sloMs());
            }
        }, "edgebench-interrupt");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        int total = groups.stream().mapToInt(List::size).sum();
        // Runners that run at once cannot each take JMH's lock: this run then holds it for them.
        boolean holdLock = lock.isPresent() && TurnGroups.anyInTurns(groups);
        if (holdLock && !JmhLock.runnersIgnoreIt()) {
            out.println("EdgeBench: JMH's runner was set up in this JVM before, taking its lock for every run;"
                    + " the configurations run one after another instead of in turns");
            groups = TurnGroups.of(groups.stream().flatMap(List::stream).toList(), false);
            holdLock = false;
        }
        Turn turn = new Turn(jmh, suite, ledger, folder, args, noise, placement, lock, holdLock, total);
        try {
            int first = 1;
            for (int g = 0; g < groups.size(); g++) {
                List<Configuration> group = groups.get(g);
                Optional<AutoCloseable> held = Optional.empty();
                if (lock.isPresent()) {
                    held = holdLock ? lock.get().take() : Optional.of(() -> { });
                    if (held.isEmpty() || !holdLock && !lock.get().awaitFree()) {
                        ledger.stopped(lock.get().stillHeld());
                        return;
                    }
                }
                Outcome outcome;
                try (AutoCloseable release = held.orElse(() -> { })) {
                    outcome = group.size() == 1 ? turn.alone(group.get(0), first) : turn.inTurns(group, first, g + 1);
                } catch (RuntimeException e) {
                    // The group's own failure (a full disk, say), not the lock's: it keeps its message.
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException("releasing JMH's lock " + e.getMessage(), e);
                }
                if (outcome == Outcome.REFUSED_FOR_LOCK) {
                    // Another run took the lock between the look and JMH's own attempt: not this configuration's failure.
                    g--;
                    continue;
                }
                if (outcome == Outcome.FAILED && jmh.shouldFailOnError().orElse(false)) {
                    break;
                }
                first += group.size();
            }
            ledger.complete();
        } finally {
            removeHook(onInterrupt);
        }
    }

    /** How a configuration, or a group taking turns, ended. */
    private enum Outcome { FINISHED, FAILED, REFUSED_FOR_LOCK }

    /** What every configuration of a run is run with. */
    private final class Turn {
        private final CommandLineOptions jmh;
        private final Suite suite;
        private final RunLedger ledger;
        private final Path folder;
        private final Args args;
        private final KnownNoise noise;
        private final PlacementStep placement;
        private final Optional<JmhLock> lock;
        private final boolean lockHeld;
        private final int total;
        private final List<String[]> order = new ArrayList<>();

        Turn(CommandLineOptions jmh, Suite suite, RunLedger ledger, Path folder, Args args, KnownNoise noise,
             PlacementStep placement, Optional<JmhLock> lock, boolean lockHeld, int total) {
            this.jmh = jmh;
            this.suite = suite;
            this.ledger = ledger;
            this.folder = folder;
            this.args = args;
            this.noise = noise;
            this.placement = placement;
            this.lock = lock;
            this.lockHeld = lockHeld;
            this.total = total;
        }

        Outcome alone(Configuration configuration, int index) {
            out.printf(Locale.ROOT, "%nEdgeBench: configuration %d of %d: %s%n", index, total, configuration.label(true));
            Outcome outcome = measure(configuration, index, null);
            if (outcome == Outcome.FINISHED && args.profile() && Profiles.isProfiled(configuration)) {
                profile(jmh, suite, configuration, folder);
            }
            return outcome;
        }

        /**
         * The group's configurations at once, each in its own JMH run on its own thread, taking
         * turns: one iteration at a time, in an order shuffled anew every round and written to
         * {@code turns.csv} ({@link TurnTaking}). Their forks are marked with the group
         * ({@link JmhResult#TURN_GROUP_OPTION}) so the report pairs them. JMH's output for each
         * comes line by line, after the configuration's short label.
         */
        Outcome inTurns(List<Configuration> group, int first, int groupNumber) {
            out.printf(Locale.ROOT, "%nEdgeBench: configurations %d to %d of %d in turns, one iteration each per round, in a shuffled"
                    + " order (--no-turns runs them one after another):%n", first, first + group.size() - 1, total);
            List<TurnTaking.Task> tasks = new ArrayList<>();
            Map<String, Configuration> byName = new LinkedHashMap<>();
            List<Outcome> outcomes = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int k = 0; k < group.size(); k++) {
                Configuration configuration = group.get(k);
                int index = first + k;
                out.printf(Locale.ROOT, "EdgeBench:   %d. %s%n", index, configuration.label(true));
                if (refusedUndelegated(configuration)) {
                    outcomes.add(Outcome.FAILED);
                    continue;
                }
                String name = "c" + index;
                byName.put(name, configuration);
                tasks.add(new TurnTaking.Task(name, pipes -> outcomes.add(measure(configuration, index,
                        new TurnsFor(pipes, String.valueOf(groupNumber), "[" + index + "] ")))));
            }
            List<String[]> groupOrder = new ArrayList<>();
            try {
                TurnTaking.runTasks(tasks, new java.util.Random().nextLong(), line -> {
                    String[] roundAndName = line.split(",", 2);
                    groupOrder.add(new String[] {String.valueOf(groupNumber), roundAndName[0],
                            byName.get(roundAndName[1]).label(true)});
                });
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("taking turns", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.FAILED;
            } finally {
                writeOrder(groupOrder);
            }
            if (args.profile()) {
                for (Configuration configuration : byName.values()) {
                    if (Profiles.isProfiled(configuration) && ledger.finishedOne(configuration)) {
                        profile(jmh, suite, configuration, folder);
                    }
                }
            }
            return outcomes.contains(Outcome.FAILED) ? Outcome.FAILED : Outcome.FINISHED;
        }

        /* Adds the group's turns to turns.csv (group, round, configuration), rewritten whole in one step. */
        private void writeOrder(List<String[]> groupOrder) {
            order.addAll(groupOrder);
            Path file = folder.resolve(RunFiles.TURNS_CSV);
            try {
                AtomicFiles.writeAtomically(file, stream -> {
                    Writer writer = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
                    CSVPrinter csv = Csv.builder()
                            .setHeader("group", "round", "configuration").get().print(writer);
                    for (String[] row : order) {
                        csv.printRecord((Object[]) row);
                    }
                    csv.flush();
                });
            } catch (IOException | RuntimeException e) {
                out.println("EdgeBench: warning: cannot write " + file + " (" + e.getMessage() + "); the measurements are kept");
            }
        }

        /** With {@code --require-full-delegation}, a configuration whose provider left nodes to CPU is failed unrun: true then. */
        private boolean refusedUndelegated(Configuration configuration) {
            Optional<String> notDelegated = args.fullDelegation() ? placement.delegationFailure(configuration) : Optional.empty();
            notDelegated.ifPresent(reason -> {
                out.println("EdgeBench: " + reason + "; not run");
                ledger.failed(configuration, reason);
            });
            return notDelegated.isPresent();
        }

        /** One configuration's JMH run, recorded in the ledger; {@code turns} when it takes turns with others. */
        private Outcome measure(Configuration configuration, int index, TurnsFor turns) {
            if (turns == null && refusedUndelegated(configuration)) {
                return Outcome.FAILED;
            }
            Collection<RunResult> results = List.of();
            String failure = "no result: the fork failed (its error is printed above)";
            Path outputsFile = folder.toAbsolutePath().resolve(".outputs-" + index + ".tsv");
            List<String> jvmArgs = new ArrayList<>(List.of("-D" + OutputAllocation.PROPERTY + "=" + outputsFile));
            if (turns != null) {
                jvmArgs.add("-D" + Turns.PROPERTY + "=" + turns.pipes());
                jvmArgs.add(JmhResult.TURN_GROUP_OPTION + turns.group());
            }
            Options options = options(jmh, suite, configuration, folder, jvmArgs.toArray(String[]::new)).build();
            ForkOutput output = ForkOutput.of(options, noise, turns == null ? null : turns.prefix(), lockHeld);
            String thrown = "";
            try {
                results = new Runner(options, output).run();
            } catch (RunnerException | RuntimeException e) {
                failure = OneLine.of(e);
                thrown = failureText(e);
            } finally {
                output.endOfForks();
            }
            if (results.isEmpty() && lock.isPresent() && !lockHeld && JmhLock.refusedByJmh(thrown)) {
                return Outcome.REFUSED_FOR_LOCK;
            }
            if (!results.isEmpty()) {
                ledger.finished(configuration, results, outputsFile);
                return Outcome.FINISHED;
            }
            Optional<OperatorFailure> inOperator = InputsHint.find(output.text(), thrown);
            if (inOperator.isPresent()) {
                out.println(InputsHint.line(configuration, inOperator.get(), ModelCatalog.standard()));
                failure = InputsHint.reason(inOperator.get());
            }
            ledger.failed(configuration, failure);
            deleteQuietly(outputsFile);
            return Outcome.FAILED;
        }
    }

    /** A configuration's part in a group taking turns: its pipes ({@code GO,DONE}), the group, and the prefix of its output lines. */
    private record TurnsFor(String pipes, String group, String prefix) {
    }

    /**
     * {@code --profile} profiles OrtSessionRunBenchmark only: refused before any fork when the run has
     * none of its configurations, and said when other benchmarks will go unprofiled.
     */
    private void announceProfile(List<Configuration> configurations) {
        long profiled = configurations.stream().filter(Profiles::isProfiled).count();
        if (profiled == 0) {
            throw new BadInputException("--profile profiles " + Benchmark.ORT_RUN.className() + " only, and this run has none of its"
                    + " configurations; add it to the benchmark regexp (e.g. '" + Benchmark.ORT_RUN.className() + "')");
        }
        out.println("EdgeBench: --profile: each of the " + profiled + " " + Benchmark.ORT_RUN.className() + " configuration(s) gets"
                + " one more fork with ONNX Runtime's profiler on, after its measured forks; it is not measured and not"
                + " in jmh.json");
        List<String> others = configurations.stream().filter(c -> !Profiles.isProfiled(c))
                .map(Configuration::shortBenchmark).distinct().toList();
        if (!others.isEmpty()) {
            out.println("EdgeBench: --profile: not profiled (only " + Benchmark.ORT_RUN.className() + " is): " + String.join(", ", others));
        }
    }

    /**
     * The profiled fork of a finished configuration. Its result is dropped; a fork that fails or
     * leaves no trace costs only the configuration's operator profile, never its measurements.
     */
    private void profile(CommandLineOptions jmh, Suite suite, Configuration configuration, Path folder) {
        Path trace = folder.resolve(RunFiles.profileTrace(configuration));
        out.printf(Locale.ROOT, "%nEdgeBench: profiling %s in one more fork (%d warm-up + %d profiled calls, not measured)%n",
                configuration.label(false), ProfiledFork.WARMUP_CALLS, ProfiledFork.MEASURED_CALLS);
        String failure = "the fork failed (its error is printed above)";
        try {
            new Runner(ProfiledFork.settings(options(jmh, suite, configuration, folder, ProfiledFork.jvmArg(trace))).build()).run();
        } catch (RunnerException e) {
            failure = OneLine.of(e);
        }
        if (Files.isRegularFile(trace)) {
            out.println("EdgeBench: wrote " + folder.relativize(trace) + " (ONNX Runtime's trace, "
                    + Math.max(1, trace.toFile().length() >> 10) + " KB)");
        } else {
            out.println("EdgeBench: warning: no trace for " + configuration.label(false) + ": " + failure
                    + "; its measurements are kept, its operator profile is missing");
        }
    }

    /** The messages of an exception and its causes and suppressed ones (JMH's BenchmarkException holds the forks'). */
    private static String failureText(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append(System.lineSeparator());
            for (Throwable suppressed : t.getSuppressed()) {
                text.append(suppressed.getMessage()).append(System.lineSeparator());
            }
        }
        return text.toString();
    }

    /** Writes the report next to jmh.json; a report failure never costs the measurements. */
    private void report(Path folder, double sloMs) {
        try {
            Report.Written written = Report.write(folder, null, sloMs);
            Path summary = folder.resolve(RunFiles.SUMMARY_TXT);
            if (Files.exists(summary)) {
                out.println();
                out.print(Files.readString(summary));
            }
            written.chartsSkipped().ifPresent(line -> out.println("EdgeBench: " + line));
        } catch (IOException | RuntimeException e) {
            out.println("EdgeBench: the report could not be written (" + OneLine.of(e)
                    + "); jmh.json is intact: retry with `java -jar benchmarks.jar report " + folder + "`");
        }
    }

    /* A fork that failed after its setup may have left its outputs file; its configuration has no result to go with it. */
    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover hidden file costs nothing measured.
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is running and will finish the run folder.
        }
    }

    /**
     * JMH's options for one configuration: the user's options without their regexps (the
     * configuration names its benchmark), the suite filling what the command line leaves unset
     * for the benchmarks the suite selects.
     */
    static ChainedOptionsBuilder options(CommandLineOptions jmh, Suite suite, Configuration configuration, Path folder,
                                                 String... jvmArgs) {
        // JMH's builder replaces its parent's list instead of adding to it: keep the user's -jvmArgsAppend first.
        List<String> appended = new ArrayList<>(jmh.getJvmArgsAppend().orElse(List.of()));
        // Forks must find the same models folder even when it was set in this JVM only.
        appended.add("-Dedgebench.models=" + ModelCatalog.standard().dir().toAbsolutePath());
        appended.addAll(List.of(jvmArgs));
        ChainedOptionsBuilder b = new OptionsBuilder().parent(WithoutIncludes.of(jmh))
                .include("^" + Pattern.quote(configuration.benchmark()) + "$")
                .threads(configuration.callers())
                .addProfiler(MemoryProfiler.class)
                // Does nothing unless the forks are given pipes to take turns through.
                .addProfiler(TurnsProfiler.class)
                // One call: JMH's builder keeps only the last list it is given.
                .jvmArgsAppend(appended.toArray(String[]::new));
        configuration.params().forEach(b::param);
        Suite settings = suite.forBenchmark(configuration.benchmark());
        if (!jmh.getForkCount().hasValue()) {
            settings.forks().ifPresent(b::forks);
        }
        if (!jmh.getWarmupIterations().hasValue()) {
            settings.warmupIterations().ifPresent(b::warmupIterations);
        }
        if (!jmh.getWarmupTime().hasValue()) {
            settings.warmupTime().ifPresent(b::warmupTime);
        }
        if (!jmh.getMeasurementIterations().hasValue()) {
            settings.measurementIterations().ifPresent(b::measurementIterations);
        }
        if (!jmh.getMeasurementTime().hasValue()) {
            settings.measurementTime().ifPresent(b::measurementTime);
        }
        if (jmh.getResultFormat().hasValue() || jmh.getResult().hasValue()) {
            // The user's -rf/-rff file is written once, from all results, at the end; JMH would
            // otherwise overwrite it with each configuration.
            b.result(folder.resolve(RunLedger.CONFIGURATION_RESULT).toString());
        }
        return b;
    }

    private static Environment environment(Environment machine, Suite suite, Args args, Plan.Planned planned) {
        String commandLine = ProcessHandle.current().info().commandLine()
                .orElse("java -jar benchmarks.jar " + String.join(" ", args.jmh()));
        return planned.environment(machine, suite.name(), args.label(), commandLine);
    }

    /** JMH writes only one result file; a user's own -rf/-rff is written from the same results. */
    private void writeRequestedFormat(CommandLineOptions jmh, Collection<RunResult> results) {
        ResultFormatType type = jmh.getResultFormat().orElse(ResultFormatType.CSV);
        String file = jmh.getResult().orElse("jmh-result." + type.name().toLowerCase());
        ResultFormatFactory.getInstance(type, file).writeOut(results);
        out.println("EdgeBench: also wrote " + file + " (" + type + ")");
    }
}
