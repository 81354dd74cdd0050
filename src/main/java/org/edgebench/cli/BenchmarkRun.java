package org.edgebench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.edgebench.BadInputException;
import org.edgebench.model.ModelCatalog;
import org.edgebench.model.ModelInspector.ModelDescription;
import org.edgebench.runtime.Environment;
import org.edgebench.runtime.ProviderCheck;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The main job: {@code [--suite NAME] [--out DIR] [--label NAME] [JMH options] [regexp]}. Reads
 * the suite, lets JMH parse its own options, checks providers and models before any fork starts,
 * writes env.json, runs JMH with its JSON result in the run folder, then writes the report.
 */
public final class BenchmarkRun {

    private final PrintStream out;

    public BenchmarkRun(PrintStream out) {
        this.out = out;
    }

    /** Our own options, split from JMH's. */
    record Args(String suite, Path out, String label, List<String> jmh) {

        static Args parse(String[] args) {
            String suite = Suite.DEFAULT;
            Path outDir = null;
            String label = null;
            List<String> jmh = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String key = arg.contains("=") && arg.startsWith("--") ? arg.substring(0, arg.indexOf('=')) : arg;
                boolean inline = !key.equals(arg);
                switch (key) {
                    case "--suite", "--out", "--label" -> {
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
                            default -> label = value;
                        }
                    }
                    case "--verbose" -> System.setProperty("edgebench.verbose", "true");
                    default -> jmh.add(arg);
                }
            }
            return new Args(suite, outDir, label, List.copyOf(jmh));
        }
    }

    public int run(String[] argv) throws IOException {
        Args args = Args.parse(argv);
        CommandLineOptions jmh;
        try {
            jmh = new CommandLineOptions(args.jmh().toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            throw new BadInputException("bad JMH option: " + e.getMessage() + " (see -h)");
        }
        if (jmh.shouldHelp()) {
            out.println(Launcher.USAGE);
            jmh.showHelp();
            return ExitCodes.OK;
        }
        if (jmh.shouldListProfilers()) {
            jmh.listProfilers();
            return ExitCodes.OK;
        }
        if (jmh.shouldListResultFormats()) {
            jmh.listResultFormats();
            return ExitCodes.OK;
        }
        Suite suite = Suite.load(args.suite());
        if (jmh.shouldList() || jmh.shouldListWithParams()) {
            Runner lister = new Runner(options(jmh, suite, suite.params(), null).build());
            if (jmh.shouldListWithParams()) {
                lister.listWithParams(jmh);
            } else {
                lister.list();
            }
            return ExitCodes.OK;
        }

        Map<String, List<String>> requested = new LinkedHashMap<>();
        for (String param : Suite.PARAMS) {
            List<String> values = jmh.getParameter(param).hasValue()
                    ? List.copyOf(jmh.getParameter(param).get())
                    : suite.params().getOrDefault(param, List.of(defaultValue(param)));
            requested.put(param, values);
        }
        ProviderCheck providers = ProviderCheck.forThisBuild();
        Preflight.Checked checked = Preflight.check(requested, ModelCatalog.standard(), providers);
        checked.skipped().forEach(s -> out.println("EdgeBench: " + s.line()));

        Path folder = RunFolder.create(args.out(), args.label(), LocalDateTime.now());
        Path jmhJson = folder.resolve("jmh.json");
        writeEnv(folder, suite, args, requested, checked);

        ChainedOptionsBuilder options = options(jmh, suite, checked.params(), folder)
                .result(jmhJson.toString())
                .resultFormat(ResultFormatType.JSON);
        Collection<RunResult> results;
        try {
            results = new Runner(options.build()).run();
        } catch (RunnerException e) {
            out.println("EdgeBench: the run failed: " + Subcommands.oneLine(e) + "; run folder " + folder);
            return ExitCodes.FAILURE;
        }
        if (jmh.getResultFormat().hasValue() || jmh.getResult().hasValue()) {
            writeRequestedFormat(jmh, results);
        }
        if (results.isEmpty()) {
            out.println("EdgeBench: no configuration finished; see the errors above. Run folder: " + folder);
            return ExitCodes.FAILURE;
        }
        out.println("EdgeBench: wrote " + folder + " (jmh.json, env.json)");
        return ExitCodes.OK;
    }

    private static String defaultValue(String param) {
        return switch (param) {
            case "model" -> ModelCatalog.DEFAULT_MODEL;
            case "batchSize" -> "1";
            case "provider" -> "CPU";
            case "intraOpThreads" -> "0";
            default -> "";
        };
    }

    /** JMH's options, with the suite filling what the command line leaves unset. */
    private static ChainedOptionsBuilder options(CommandLineOptions jmh, Suite suite,
                                                 Map<String, List<String>> params, Path folder) {
        ChainedOptionsBuilder b = new OptionsBuilder().parent(jmh);
        if (jmh.getIncludes().isEmpty()) {
            b.include(suite.include());
        }
        params.forEach((name, values) -> b.param(name, values.toArray(String[]::new)));
        if (!jmh.getForkCount().hasValue()) {
            suite.forks().ifPresent(b::forks);
        }
        if (!jmh.getWarmupIterations().hasValue()) {
            suite.warmupIterations().ifPresent(b::warmupIterations);
        }
        if (!jmh.getWarmupTime().hasValue()) {
            suite.warmupTime().ifPresent(b::warmupTime);
        }
        if (!jmh.getMeasurementIterations().hasValue()) {
            suite.measurementIterations().ifPresent(b::measurementIterations);
        }
        if (!jmh.getMeasurementTime().hasValue()) {
            suite.measurementTime().ifPresent(b::measurementTime);
        }
        if (folder != null) {
            // Forks must find the same models folder even when it was set in this JVM only.
            b.jvmArgsAppend("-Dedgebench.models=" + ModelCatalog.standard().dir().toAbsolutePath());
        }
        return b;
    }

    private void writeEnv(Path folder, Suite suite, Args args, Map<String, List<String>> requested,
                          Preflight.Checked checked) throws IOException {
        ObjectNode env = Environment.capture();
        env.put("suite", suite.name());
        env.put("label", args.label());
        env.put("commandLine", ProcessHandle.current().info().commandLine()
                .orElse("java -jar benchmarks.jar " + String.join(" ", args.jmh())));
        env.put("startedAt", Instant.now().toString());
        ObjectNode providers = env.putObject("providers");
        requested.get("provider").forEach(providers.putArray("requested")::add);
        checked.params().get("provider").forEach(providers.putArray("run")::add);
        ArrayNode skipped = providers.putArray("skipped");
        for (ProviderCheck.Skipped s : checked.skipped()) {
            skipped.addObject().put("provider", s.provider().name()).put("reason", s.reason());
        }
        ArrayNode models = env.putArray("models");
        for (ModelDescription m : checked.models()) {
            models.addObject().put("name", m.name()).put("file", m.file().toString())
                    .put("bytes", m.bytes()).put("sha256", m.sha256());
        }
        Files.writeString(folder.resolve("env.json"), Environment.JSON.writeValueAsString(env));
    }

    /** JMH writes only one result file; a user's own -rf/-rff is written from the same results. */
    private void writeRequestedFormat(CommandLineOptions jmh, Collection<RunResult> results) {
        ResultFormatType type = jmh.getResultFormat().orElse(ResultFormatType.CSV);
        String file = jmh.getResult().orElse("jmh-result." + type.name().toLowerCase());
        ResultFormatFactory.getInstance(type, file).writeOut(results);
        out.println("EdgeBench: also wrote " + file + " (" + type + ")");
    }
}
