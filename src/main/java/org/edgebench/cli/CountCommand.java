package org.edgebench.cli;

import org.edgebench.run.Benchmark;
import org.edgebench.BadInputException;
import org.edgebench.bench.OrtSessionRunBenchmark;
import org.edgebench.count.CountPlan;
import org.edgebench.count.InstructionCount;
import org.edgebench.count.InstructionCounter;
import org.edgebench.count.InstructionsCsv;
import org.edgebench.launch.ExitCodes;
import org.edgebench.plan.Plan;
import org.edgebench.plan.Suite;
import org.edgebench.text.Numbers;
import org.edgebench.run.AtomicFiles;
import org.edgebench.run.Configuration;
import org.edgebench.run.EnvFile;
import org.edgebench.run.Environment;
import org.edgebench.run.RunFiles;
import org.edgebench.run.RunFolder;
import org.edgebench.runtime.ThisMachine;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code count}: instructions per inference, counted in software by valgrind's callgrind, for the
 * configurations of {@code OrtSessionRunBenchmark} a run with the same {@code --suite} and
 * {@code -p} would measure, each with one intra-op thread and no spinning. A second regression
 * signal beside the timed one, free of the machine's noise, and blind to what the timed one sees
 * (memory stalls, cache misses, threads, frequency): docs/compare.md.
 */
@Command(name = "count", mixinStandardHelpOptions = true,
        description = {
            "Count instructions per inference (OrtSession.run) under valgrind's callgrind, for the configurations of "
                    + "OrtSessionRunBenchmark that --suite and -p select, with 1 intra-op thread (single-threaded work).",
            "Writes instructions.csv into a new run folder (with env.json), or into an existing one with --into."},
        footer = {"", "Examples:",
            "  count --suite ci",
            "  count -p model=student -p batchSize=1,8 -p provider=CPU --label student",
            "  count --suite ci --into results/20260101-120000-ci"})
public final class CountCommand implements Callable<Integer> {

    /** The counts are of single-threaded work: threads would be scheduled by valgrind, one at a time. */
    private static final String THREADS = "1";

    @Spec
    private CommandSpec spec;

    @Option(names = "--suite", defaultValue = Suite.DEFAULT, paramLabel = "NAME",
            description = "Suite whose parameters to count (benchmarks/NAME.properties; default: ${DEFAULT-VALUE}).")
    private String suite;

    @Option(names = "-p", paramLabel = "NAME=V1,V2",
            description = "Parameter values, as for a run: model, batchSize, provider, dims (intraOpThreads is always 1).")
    private List<String> params = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "The new run folder (default: results/<timestamp>[-label]).")
    private Path out;

    @Option(names = "--label", paramLabel = "NAME", description = "Appended to the new run folder's name.")
    private String label;

    @Option(names = "--into", paramLabel = "DIR",
            description = "Add instructions.csv to this existing run folder instead (replacing an earlier count there).")
    private Path into;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "1",
            description = "Uncounted calls after the inputs' first call (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--calls", paramLabel = "LOW,HIGH", defaultValue = "1,3",
            description = "Counted calls: instructions per inference = (count after HIGH - count after LOW) / (HIGH - LOW)"
                    + " (default: ${DEFAULT-VALUE}).")
    private String calls;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        int[] lowHigh = calls();
        CountPlan.check(warmup, lowHigh[0], lowHigh[1]);
        if (into != null && (out != null || label != null)) {
            throw new BadInputException("--into adds to an existing run folder; --out and --label name a new one: give one or the other");
        }
        if (into != null && !Files.isDirectory(into)) {
            throw new BadInputException("--into " + into + ": no such run folder");
        }
        Map<String, List<String>> given = given();
        Suite chosen = Suite.load(suite);
        // Loads ONNX Runtime's native libraries: a bad -Donnxruntime.native.path stops here.
        Environment machine = ThisMachine.capture();
        OutputFormat silent = OutputFormatFactory.createFormatInstance(new PrintStream(PrintStream.nullOutputStream()), VerboseMode.SILENT);
        List<String> asked = given.containsKey(Configuration.INTRA_OP_THREADS) ? given.get(Configuration.INTRA_OP_THREADS)
                : chosen.params().containsKey(Configuration.INTRA_OP_THREADS) ? chosen.params().get(Configuration.INTRA_OP_THREADS)
                : Plan.declaredDefaults(silent, List.of(Benchmark.ORT_RUN.include()), List.of(), Configuration.INTRA_OP_THREADS);
        Plan.Planned planned = Plan.resolve(silent, List.of(Benchmark.ORT_RUN.include()), List.of(), chosen, List.of(1),
                name -> name.equals(Configuration.INTRA_OP_THREADS) ? List.of(THREADS) : given.get(name));
        CountPlan plan = new CountPlan(warmup, lowHigh[0], lowHigh[1], planned.configurations());
        Optional<Environment> recorded = into == null ? Optional.empty() : EnvFile.read(into);
        recorded.ifPresent(env -> sameBuild(env, machine, into));
        if (out != null && Files.exists(out.resolve(RunFiles.INSTRUCTIONS_CSV))) {
            throw new BadInputException("--out " + out + " already holds a count (instructions.csv); choose a new folder,"
                    + " or add to it with --into");
        }
        InstructionCounter counter = InstructionCounter.onPath();
        Path folder = into != null ? into : RunFolder.create(out, label, LocalDateTime.now());
        planned.checked().skipped().forEach(s -> stdout.println("EdgeBench: " + s.line()));
        if (!asked.equals(List.of(THREADS))) {
            stdout.println("EdgeBench: intraOpThreads=" + String.join(",", asked) + " counted at 1: the count is of single-threaded work");
        }

        stdout.printf(Locale.ROOT, "EdgeBench: counting instructions of OrtSession.run under valgrind %s (callgrind) for %d"
                        + " configuration(s): intra-op threads 1, spinning off (single-threaded work), ONNX Runtime telemetry off;"
                        + " %d warm-up call(s), then the count after %d and %d calls%n",
                counter.version(), plan.configurations().size(), plan.warmup(), plan.callsLow(), plan.callsHigh());
        stdout.flush();
        long start = System.nanoTime();
        List<InstructionCount> counts = counter.count(plan, line -> {
            stdout.println("EdgeBench: count: " + line);
            stdout.flush();
        });
        double seconds = (System.nanoTime() - start) / 1e9;

        boolean replaced = Files.exists(folder.resolve(RunFiles.INSTRUCTIONS_CSV));
        AtomicFiles.writeAtomically(folder.resolve(RunFiles.INSTRUCTIONS_CSV),
                stream -> InstructionsCsv.write(counts, new OutputStreamWriter(stream, StandardCharsets.UTF_8)));
        List<String> written = new ArrayList<>(List.of(RunFiles.INSTRUCTIONS_CSV + (replaced ? ", replacing the earlier count" : "")));
        if (recorded.isEmpty()) {
            String commandLine = ProcessHandle.current().info().commandLine().orElse("java -jar benchmarks.jar count");
            EnvFile.write(folder, planned.environment(machine, chosen.name(), label, commandLine));
            written.add(RunFiles.ENV_JSON);
        }
        stdout.print(table(counts));
        stdout.printf(Locale.ROOT, "EdgeBench: wrote %s (%s) in %.0f s%n", folder, String.join(", ", written), seconds);
        return ExitCodes.OK;
    }

    /** The instructions table as printed: one line per configuration. */
    static String table(List<InstructionCount> counts) {
        int width = Math.max("configuration".length(), counts.stream().mapToInt(c -> c.configuration().label().length()).max().orElse(0));
        StringBuilder s = new StringBuilder();
        String row = "%-" + width + "s  %7s  %24s  %18s%n";
        s.append(String.format(Locale.ROOT, row, "configuration", "calls", "instructions/inference", "instructions/item"));
        for (InstructionCount c : counts) {
            s.append(String.format(Locale.ROOT, row, c.configuration().label(), c.callsLow() + ".." + c.callsHigh(),
                    Numbers.count(c.perInference()), Numbers.count(c.perItem())));
        }
        return s.toString();
    }

    private int[] calls() {
        String[] parts = calls.split(",");
        try {
            if (parts.length == 2) {
                return new int[] {Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip())};
            }
        } catch (NumberFormatException e) {
            // Reported below with the accepted form.
        }
        throw new BadInputException("--calls takes LOW,HIGH, two call counts such as 1,3; was '" + calls + "'");
    }

    /** {@code -p name=v1,v2} as JMH reads it; only the suite's parameters are known to the count. */
    private Map<String, List<String>> given() {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String param : params) {
            int eq = param.indexOf('=');
            String name = eq < 0 ? param : param.substring(0, eq);
            if (eq <= 0 || !Configuration.SUITE_PARAMS.contains(name)) {
                throw new BadInputException("-p " + param + ": expected NAME=VALUES with NAME one of "
                        + String.join(", ", Configuration.SUITE_PARAMS) + ", e.g. -p batchSize=1,8");
            }
            values.put(name, List.of(param.substring(eq + 1).split(",", -1)));
        }
        return values;
    }

    /** A run folder's counts must be of the build that made its run: the same ONNX Runtime from the same place. */
    private static void sameBuild(Environment recorded, Environment machine, Path folder) {
        Environment.OnnxRuntimeBuild then = recorded.onnxRuntime();
        Environment.OnnxRuntimeBuild now = machine.onnxRuntime();
        if (then != null && (!Objects.equals(then.version(), now.version()) || !Objects.equals(then.nativePath(), now.nativePath()))) {
            throw new BadInputException(folder + " was run with ONNX Runtime " + describe(then) + ", this count would use "
                    + describe(now) + "; count with the jar (and -Donnxruntime.native.path) that made the run");
        }
    }

    private static String describe(Environment.OnnxRuntimeBuild build) {
        return build.version() + (build.nativePath() == null ? " (native libraries from the jar)" : " from " + build.nativePath());
    }
}
