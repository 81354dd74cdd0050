package org.edgebench.cli;

import org.edgebench.BadInputException;
import org.edgebench.analysis.BatchAdvisor;
import org.edgebench.bench.MemoryProfiler;
import org.edgebench.model.ModelCatalog;
import org.edgebench.report.Report;
import org.edgebench.run.Configuration;
import org.edgebench.run.EnvFile;
import org.edgebench.run.Environment;
import org.edgebench.run.RunFiles;
import org.edgebench.run.RunFolder;
import org.edgebench.runtime.ThisMachine;
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
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The main job: {@code [--suite NAME] [--out DIR] [--label NAME] [--callers N,N...] [JMH options] [regexp]}.
 * Reads the suite, lets JMH parse its own options, checks providers, models and caller counts before
 * any fork starts, writes env.json, runs JMH with its JSON result in the run folder, then writes the
 * report.
 */
public final class BenchmarkRun {

    private final PrintStream out;

    public BenchmarkRun(PrintStream out) {
        this.out = out;
    }

    /**
     * Our own options, split from JMH's.
     *
     * @param callers the caller counts of {@code --callers}, each configuration run once per count; empty without it
     * @param force   {@code --force}: run caller counts beyond {@link #MAX_CALLERS_PER_CORE} per core anyway
     */
    record Args(String suite, Path out, String label, double sloMs, List<Integer> callers, boolean force, List<String> jmh) {

        static Args parse(String[] args) {
            String suite = Suite.DEFAULT;
            Path outDir = null;
            String label = null;
            double sloMs = BatchAdvisor.DEFAULT_SLO_MS;
            List<Integer> callers = List.of();
            boolean force = false;
            List<String> jmh = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String key = arg.contains("=") && arg.startsWith("--") ? arg.substring(0, arg.indexOf('=')) : arg;
                boolean inline = !key.equals(arg);
                switch (key) {
                    case "--suite", "--out", "--label", "--slo-ms", "--callers" -> {
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
                            case "--slo-ms" -> sloMs = sloMs(value);
                            case "--callers" -> callers = callers(value);
                            default -> label = value;
                        }
                    }
                    case "--verbose" -> System.setProperty("edgebench.verbose", "true");
                    case "--force" -> force = true;
                    // JMH knows only -h; both spellings get the same help.
                    case "--help" -> jmh.add("-h");
                    default -> jmh.add(arg);
                }
            }
            return new Args(suite, outDir, label, sloMs, callers, force, List.copyOf(jmh));
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
        planned.checked().skipped().forEach(s -> out.println("EdgeBench: " + s.line()));
        Path folder = RunFolder.create(args.out(), args.label(), LocalDateTime.now());
        Environment env = environment(machine, suite, args, planned);
        env.warnings().forEach(w -> out.println("EdgeBench: warning: " + w));
        EnvFile.write(folder, env);
        RunLedger ledger = new RunLedger(folder, env, planned.configurations());
        runEach(jmh, suite, planned.configurations(), ledger, folder, args.sloMs());
        if (jmh.getResultFormat().hasValue() || jmh.getResult().hasValue()) {
            writeRequestedFormat(jmh, ledger.results());
        }
        if (!ledger.results().isEmpty()) {
            report(folder, args.sloMs());
        }
        out.println("EdgeBench: wrote " + folder + ledger.outcome());
        return ledger.failures().isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
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

    /** JMH's help and its lists of profilers and result formats, which need no suite. */
    private boolean answeredWithoutRunning(CommandLineOptions jmh) throws IOException {
        if (jmh.shouldHelp()) {
            out.println(Launcher.USAGE);
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
     * a Ctrl-C keeps (and reports) what finished.
     */
    private void runEach(CommandLineOptions jmh, Suite suite, List<Configuration> configurations, RunLedger ledger,
                         Path folder, double sloMs) {
        Thread onInterrupt = new Thread(() -> {
            if (ledger.interrupted(out)) {
                report(folder, sloMs);
            }
        }, "edgebench-interrupt");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            for (int i = 0; i < configurations.size(); i++) {
                Configuration configuration = configurations.get(i);
                out.printf("%nEdgeBench: configuration %d of %d: %s%n", i + 1, configurations.size(), configuration.label(true));
                Collection<RunResult> results = List.of();
                String failure = "no result: the fork failed (its error is printed above)";
                try {
                    results = new Runner(options(jmh, suite, configuration, folder).build()).run();
                } catch (RunnerException e) {
                    failure = Subcommands.oneLine(e);
                }
                if (!results.isEmpty()) {
                    ledger.finished(results);
                } else {
                    ledger.failed(configuration, failure);
                    if (jmh.shouldFailOnError().orElse(false)) {
                        break;
                    }
                }
            }
            ledger.complete();
        } finally {
            removeHook(onInterrupt);
        }
    }

    /** Writes the report next to jmh.json; a report failure never costs the measurements. */
    private void report(Path folder, double sloMs) {
        try {
            Report.write(folder, null, sloMs);
            Path summary = folder.resolve(RunFiles.SUMMARY_TXT);
            if (Files.exists(summary)) {
                out.println();
                out.print(Files.readString(summary));
            }
        } catch (IOException | RuntimeException e) {
            out.println("EdgeBench: the report could not be written (" + Subcommands.oneLine(e)
                    + "); jmh.json is intact: retry with `java -jar benchmarks.jar report " + folder + "`");
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
    private static ChainedOptionsBuilder options(CommandLineOptions jmh, Suite suite, Configuration configuration, Path folder) {
        ChainedOptionsBuilder b = new OptionsBuilder().parent(WithoutIncludes.of(jmh))
                .include("^" + Pattern.quote(configuration.benchmark()) + "$")
                .threads(configuration.threads())
                .addProfiler(MemoryProfiler.class)
                // Forks must find the same models folder even when it was set in this JVM only.
                .jvmArgsAppend("-Dedgebench.models=" + ModelCatalog.standard().dir().toAbsolutePath());
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
