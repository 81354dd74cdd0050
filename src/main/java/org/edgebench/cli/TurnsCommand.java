package org.edgebench.cli;

import org.edgebench.BadInputException;
import org.edgebench.launch.ExitCodes;
import org.edgebench.run.Folders;
import org.edgebench.run.Programs;
import org.edgebench.run.RunFolder;
import org.edgebench.turns.Build;
import org.edgebench.turns.Capabilities;
import org.edgebench.turns.Cpus;
import org.edgebench.turns.Side;
import org.edgebench.turns.TurnTaking;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code turns}: two or more builds measured in the same seconds, taking turns iteration by
 * iteration ({@link TurnTaking}), in rounds, each build's run of a round paired with the others';
 * after every block of rounds each build is compared with the first (compare --paired --sequential),
 * and the rounds stop once every comparison is decided. The merge gate (scripts/ci-regression.sh
 * --against) and build comparisons (scripts/compare-builds.sh) are this command.
 */
@Command(name = "turns", mixinStandardHelpOptions = true,
        description = {"Measure builds in turns: each round runs every build's suite at once, handing one JMH iteration "
                + "at a time round them in a shuffled order; after every block of rounds each build is compared, pair by "
                + "pair, with the first, until every configuration is decided or one regressed (docs/compare.md, \"Taking turns\").",
            "BUILD: a benchmarks.jar (run in this folder, on its models and suite), a source tree holding "
                    + "target/benchmarks.jar (run in that tree), or native:DIR (this jar on another ONNX Runtime build).",
            "Run options after `--` go to every run (e.g. -- -p batchSize=1).",
            "Exit: 0 nothing regressed, 1 a build regressed against the first (or with --strict was inconclusive), "
                    + "2 bad input, 3 a run failed (nothing compared), 4 undecided at the last round."},
        footer = {"", "Examples:",
            "  turns base=target/against/3f2a1c/ candidate=target/benchmarks.jar --count",
            "  turns ort-1.22=target/builds/ort-1.22.0/target/benchmarks.jar ort-1.29=target/benchmarks.jar -- -p batchSize=1",
            "  turns a=target/benchmarks.jar b=target/benchmarks.jar --rounds 8 --block 8   (an A/A check)"})
public final class TurnsCommand implements Callable<Integer> {

    /** Exit code of a check whose runs failed: a configuration that did not run says nothing about speed. */
    static final int RUN_FAILED = 3;

    @Parameters(arity = "2..*", paramLabel = "NAME=BUILD", description = "The builds; the first is the reference.")
    private List<String> sideSpecs = new ArrayList<>();

    @Option(names = "--suite", defaultValue = "ci", description = "The suite every build runs (default: ${DEFAULT-VALUE}).")
    private String suite;

    @Option(names = "--rounds", defaultValue = "24", description = "The most rounds (default: ${DEFAULT-VALUE}).")
    private int rounds;

    @Option(names = "--block", defaultValue = "8", description = "Rounds between two looks (default: ${DEFAULT-VALUE}).")
    private int block;

    @Option(names = "--forks", defaultValue = "1", description = "Forks per run (default: ${DEFAULT-VALUE}).")
    private int forks;

    @Option(names = "--cpus", paramLabel = "LIST|all",
            description = "CPUs the runs take their turns on (taskset -c LIST), or all of them. Default: the last CPU this "
                    + "process may use, leaving the others to the instruction counts; all when a configuration wants "
                    + "several threads (intra-op threads other than 1, callers).")
    private String cpus;

    @Option(names = "--count", description = "Count every build's instructions per inference under valgrind, once, beside the rounds.")
    private boolean count;

    @Option(names = "--no-turns", description = "Run the builds' runs one after another, in a shuffled order, instead of in turns.")
    private boolean noTurns;

    @Option(names = "--java-option", paramLabel = "OPT", description = "A JVM option for every build's launcher (repeat).")
    private List<String> javaOptions = new ArrayList<>();

    @Option(names = "--seed", description = "Seed of the shuffled orders (default: the clock; the one used is printed).")
    private Long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder of the runs and looks (default: results/<timestamp>-turns).")
    private Path out;

    @Mixin
    private VerdictOptions verdict = new VerdictOptions();

    @Option(names = "--gab-out", paramLabel = "DIR", description = "Also write the last build in github-action-benchmark's formats.")
    private Path gabOut;

    private List<String> runOptions = List.of();
    private final PrintStream err = System.err;

    /** Runs {@code turns} with {@code args}; what follows {@code --} goes to every build's run. */
    static int execute(String... args) {
        int dashes = java.util.Arrays.asList(args).indexOf("--");
        TurnsCommand command = new TurnsCommand();
        if (dashes >= 0) {
            command.runOptions = List.of(args).subList(dashes + 1, args.length);
            args = java.util.Arrays.copyOfRange(args, 0, dashes);
        }
        return Subcommands.execute(command, args);
    }

    @Override
    public Integer call() throws Exception {
        validate();
        Path cwd = Path.of("").toAbsolutePath();
        Map<String, Build> builds = new LinkedHashMap<>();
        for (String spec : sideSpecs) {
            Build build = Build.parse(spec, cwd);
            if (builds.put(build.name(), build) != null) {
                throw new BadInputException((sideSpecs.size() == 2 ? "both builds are" : "two builds are") + " named '"
                        + build.name() + "'; give each its own name");
            }
        }
        Path dir = RunFolder.create(out, "turns", LocalDateTime.now()).toAbsolutePath();

        Map<String, Capabilities> abilities = new LinkedHashMap<>();
        for (Build build : builds.values()) {
            Capabilities c = build.capabilities(dir.resolve(build.name() + ".capabilities.log"));
            if (c == Capabilities.NONE) {
                say(build.name() + " does not say what it can do (no capabilities command): its runs alternate whole, with its defaults");
            }
            abilities.put(build.name(), c);
        }
        boolean turns = !noTurns && abilities.values().stream().allMatch(Capabilities::takesTurns) && sameSuites(builds.values());
        boolean counting = count && counting(builds.values(), abilities);
        Cpus.Plan plan = Cpus.plan(cpus, turns, wantsEveryCpu(builds.values()));
        warnIfBusy();
        long seedUsed = seed != null ? seed : System.nanoTime();
        say("up to " + rounds + " round(s) of " + String.join(", ", builds.keySet()) + ", "
                + (turns ? "taking turns" + plan.describe() : "one run after another in a shuffled order") + ", " + forks
                + " fork(s) each, judged every " + block + " round(s), into " + dir + " (order seed " + seedUsed + ")");

        // One generator for every round's seed: Random's first draws from consecutive seeds are alike,
        // which gave every round the same first order.
        java.util.Random roundSeeds = new java.util.Random(seedUsed);
        ExecutorService counts = Executors.newFixedThreadPool(builds.size());
        try {
            List<Future<Integer>> pendingCounts = new ArrayList<>();
            if (counting && plan.countsAlongside()) {
                say("counting instructions per inference of every build under valgrind" + plan.describeCounts() + ", during the rounds");
                builds.values().forEach(b -> pendingCounts.add(counts.submit(() -> countOf(b, dir, plan))));
            }
            Map<String, List<Path>> runs = new LinkedHashMap<>();
            builds.keySet().forEach(name -> runs.put(name, new ArrayList<>()));
            int looks = (rounds + block - 1) / block;
            int look = 0;
            int status = ExitCodes.UNDECIDED;
            for (int round = 1; round <= rounds; round++) {
                say("round " + round + " of at most " + rounds);
                int failed = runRound(round, builds, abilities, turns, plan, dir, roundSeeds.nextLong(), runs);
                if (failed != ExitCodes.OK) {
                    return failed;
                }
                if (round == 1 && counting && !plan.countsAlongside()) {
                    say("counting instructions per inference of every build, once each, side by side (a few minutes under valgrind)");
                    builds.values().forEach(b -> pendingCounts.add(counts.submit(() -> countOf(b, dir, plan))));
                }
                if (round % block == 0 || round == rounds) {
                    int counted = finishCounts(pendingCounts, builds, dir);
                    if (counted != ExitCodes.OK) {
                        return counted;
                    }
                    look++;
                    status = look(dir, look, looks, runs);
                    if (status != ExitCodes.UNDECIDED) {
                        break;
                    }
                    if (round < rounds) {
                        say("look " + look + " of " + looks + " undecided; " + Math.min(block, rounds - round) + " more round(s)");
                    }
                }
            }
            sideBySide(dir, runs);
            String last = List.copyOf(builds.keySet()).get(builds.size() - 1);
            Path compare = dir.resolve("compare");
            Files.deleteIfExists(compare);
            Files.createSymbolicLink(compare, Path.of("look-" + look, last));
            appendToStepSummary(compare.resolve("comparison.md"));
            say(runs.get(last).size() + " round(s) of each build (" + (turns ? "taking turns" : "one after another") + ") in "
                    + dir + ", decided at look " + look + " of " + looks + "; comparison in " + compare + " (exit " + status + ")");
            return status;
        } finally {
            counts.shutdownNow();
        }
    }

    private void validate() {
        for (Map.Entry<String, Integer> setting : Map.of("--rounds", rounds, "--block", block, "--forks", forks).entrySet()) {
            if (setting.getValue() < 1) {
                throw new BadInputException(setting.getKey() + " must be a whole number >= 1, was " + setting.getValue());
            }
        }
        if (block > rounds) {
            throw new BadInputException("--block " + block + " must not exceed --rounds " + rounds);
        }
        verdict.threshold();
    }

    /** Both builds' suite files, comments aside, must match for their iterations to match one for one. */
    private boolean sameSuites(Iterable<Build> builds) throws IOException {
        String first = null;
        for (Build build : builds) {
            String settings = build.suiteSettings(suite);
            if (first == null) {
                first = settings;
            } else if (!first.equals(settings)) {
                say("the builds' " + suite + " suites differ, so their iterations cannot take turns: their runs alternate whole");
                return false;
            }
        }
        return true;
    }

    private boolean counting(Iterable<Build> builds, Map<String, Capabilities> abilities) {
        if (Programs.onPath("valgrind").isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                throw new BadInputException("valgrind not found, and CI=true needs the instruction counts: install it "
                        + "(Debian: apt-get install valgrind; .ci/run does), or count nothing");
            }
            say("valgrind not found: instruction counts skipped (to see them beside the timed verdict, install it: "
                    + "Debian: apt-get install valgrind)");
            return false;
        }
        for (Build build : builds) {
            if (!abilities.get(build.name()).has("count")) {
                say(build.name() + " has no count command: instruction counts skipped");
                return false;
            }
        }
        return true;
    }

    /**
     * True when a configuration wants more than one thread: intra-op threads other than 1 (the run
     * options' {@code -p intraOpThreads=...}, else the suites'), or more than one caller.
     */
    boolean wantsEveryCpu(Iterable<Build> builds) throws IOException {
        List<String> intraOp = new ArrayList<>();
        for (int i = 0; i + 1 < runOptions.size(); i++) {
            String option = runOptions.get(i);
            String value = runOptions.get(i + 1).strip();
            if (option.equals("-p") && value.startsWith("intraOpThreads=")) {
                intraOp.addAll(List.of(value.substring("intraOpThreads=".length()).split(",")));
            }
            if ((option.equals("-t") || option.equals("--callers")) && java.util.Arrays.stream(value.split(","))
                    .anyMatch(n -> !n.strip().equals("1"))) {
                return true;
            }
        }
        if (intraOp.isEmpty()) {
            for (Build build : builds) {
                build.suiteSettings(suite).lines().map(l -> l.replace(" ", "")).filter(l -> l.startsWith("intraOpThreads="))
                        .forEach(l -> intraOp.addAll(List.of(l.substring("intraOpThreads=".length()).split(","))));
            }
        }
        return intraOp.stream().anyMatch(t -> !t.strip().equals("1"));
    }

    private void warnIfBusy() {
        try {
            double load = Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
            int cores = Runtime.getRuntime().availableProcessors();
            if (load > cores / 2.0) {
                say("warning: machine busy (load " + load + " on " + cores + " cores); expect wider intervals");
            }
        } catch (IOException | RuntimeException unknown) {
            // No load average to read: nothing to warn about.
        }
    }

    /** One round: every build's run, in turns; returns 0, or the check's exit code when a run failed. */
    private int runRound(int round, Map<String, Build> builds, Map<String, Capabilities> abilities, boolean turns,
                         Cpus.Plan plan, Path dir, long roundSeed, Map<String, List<Path>> runs) throws Exception {
        List<Side> sides = new ArrayList<>();
        for (Build build : builds.values()) {
            Path runDir = dir.resolve(build.name() + "-" + round);
            List<String> command = new ArrayList<>(plan.runPrefix());
            command.addAll(build.java(javaOptions));
            if (turns) {
                // JMH's lock keeps two runs apart; runs taking turns are kept apart iteration by iteration.
                command.add("-Djmh.ignoreLock=true");
            }
            command.addAll(List.of("-jar", build.jar().toString(), "--suite", suite, "-f", Integer.toString(forks)));
            if (abilities.get(build.name()).runs("--no-report")) {
                command.add("--no-report");
            }
            command.addAll(List.of("--out", runDir.toString()));
            command.addAll(runOptions);
            sides.add(new Side(build.name(), command, build.dir(), Map.of(), dir.resolve(build.name() + "-" + round + ".log")));
        }
        Path orderFile = dir.resolve("turns-" + round + ".csv");
        List<TurnTaking.Ending> endings;
        try (Writer order = Files.newBufferedWriter(orderFile, StandardCharsets.UTF_8)) {
            order.write("round,build\n");
            endings = TurnTaking.run(sides, turns, roundSeed, line -> {
                try {
                    order.write(line + "\n");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        for (TurnTaking.Ending ending : endings) {
            if (ending.exit() != 0 && !ending.stopped()) {
                Path log = dir.resolve(ending.side() + "-" + round + ".log");
                say(ending.side() + " run " + round + " failed (exit " + ending.exit() + "); the end of " + log + ":");
                tail(log, 5).forEach(err::println);
                return ending.exit() == ExitCodes.BAD_INPUT ? ExitCodes.BAD_INPUT : RUN_FAILED;
            }
        }
        builds.keySet().forEach(name -> runs.get(name).add(dir.resolve(name + "-" + round)));
        return ExitCodes.OK;
    }

    /**
     * One build's instruction count, tried again (three tries in all) when it fails other than on
     * input: valgrind has crashed the counting JVM now and then (SIGSEGV in C1-compiled code after
     * "vex amd64->IR: unhandled instruction bytes"), which a next try did not repeat.
     */
    private int countOf(Build build, Path dir, Cpus.Plan plan) throws Exception {
        Path countDir = dir.resolve(build.name() + "-count");
        Path log = dir.resolve(build.name() + "-count.log");
        List<String> command = new ArrayList<>(plan.countPrefix());
        command.addAll(build.java(List.of()));
        command.addAll(List.of("-jar", build.jar().toString(), "count", "--suite", suite, "--out", countDir.toString()));
        int tries = 3;
        for (int attempt = 1; ; attempt++) {
            int exit = new ProcessBuilder(command).directory(build.dir().toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start().waitFor();
            if (exit == 0 || exit == ExitCodes.BAD_INPUT || attempt == tries) {
                return exit;
            }
            Path firstTry = dir.resolve(build.name() + "-count.try-" + attempt + ".log");
            Files.move(log, firstTry, StandardCopyOption.REPLACE_EXISTING);
            say(build.name() + "-count failed (exit " + exit + "); counting again, try " + (attempt + 1) + " of " + tries
                    + " (the failed try's log: " + firstTry + ")");
            Folders.deleteTree(countDir);
        }
    }

    /** Waits for the counts and puts each into its build's first run, where compare finds it. */
    private int finishCounts(List<Future<Integer>> pending, Map<String, Build> builds, Path dir) throws Exception {
        if (pending.isEmpty()) {
            return ExitCodes.OK;
        }
        List<String> names = List.copyOf(builds.keySet());
        int status = ExitCodes.OK;
        for (int i = 0; i < pending.size(); i++) {
            int exit = pending.get(i).get();
            if (exit != 0 && status == ExitCodes.OK) {
                Path log = dir.resolve(names.get(i) + "-count.log");
                say(names.get(i) + "-count failed (exit " + exit + "); the end of " + log + ":");
                tail(log, 5).forEach(err::println);
                status = exit == ExitCodes.BAD_INPUT ? ExitCodes.BAD_INPUT : RUN_FAILED;
            }
        }
        if (status == ExitCodes.OK) {
            for (String name : names) {
                Files.copy(dir.resolve(name + "-count").resolve("instructions.csv"), dir.resolve(name + "-1").resolve("instructions.csv"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
        pending.clear();
        return status;
    }

    /** Each build against the first, paired fork by fork, at this look's level; the worst exit code of them. */
    private int look(Path dir, int look, int looks, Map<String, List<Path>> runs) {
        List<String> names = List.copyOf(runs.keySet());
        String reference = join(runs.get(names.get(0)));
        int worst = ExitCodes.OK;
        for (String name : names.subList(1, names.size())) {
            List<String> args = new ArrayList<>(List.of(reference, join(runs.get(name)), "--paired",
                    "--sequential", (block * forks) + "/" + (rounds * forks),
                    "--out", dir.resolve("look-" + look).resolve(name).toString()));
            args.addAll(verdict.asArguments());
            if (gabOut != null && name.equals(names.get(names.size() - 1))) {
                args.addAll(List.of("--gab-out", gabOut.toString()));
            }
            int exit = Subcommands.execute(new CompareCommand(), args.toArray(String[]::new));
            worst = worse(worst, exit);
        }
        return worst;
    }

    /** Bad input over a regression over undecided over a pass. */
    static int worse(int a, int b) {
        List<Integer> rank = List.of(ExitCodes.OK, ExitCodes.UNDECIDED, ExitCodes.FAILURE, ExitCodes.BAD_INPUT);
        return rank.indexOf(a) >= rank.indexOf(b) ? a : b;
    }

    private void sideBySide(Path dir, Map<String, List<Path>> runs) {
        List<String> args = new ArrayList<>();
        runs.forEach((name, list) -> args.addAll(List.of("--label", name + "=" + join(list))));
        args.addAll(List.of("--threshold", Double.toString(verdict.thresholdPercent), "--out", dir.resolve("side-by-side").toString()));
        PrintStream stdout = System.out;
        try (PrintStream file = new PrintStream(Files.newOutputStream(dir.resolve("side-by-side.md")), true, StandardCharsets.UTF_8)) {
            System.setOut(file);
            Subcommands.execute(new CompareCommand(), args.toArray(String[]::new));
        } catch (IOException e) {
            say("side-by-side table not written: " + e.getMessage());
        } finally {
            System.setOut(stdout);
        }
    }

    private static void appendToStepSummary(Path comparison) throws IOException {
        String summary = System.getenv("GITHUB_STEP_SUMMARY");
        if (summary != null && !summary.isBlank() && Files.isRegularFile(comparison)) {
            Files.writeString(Path.of(summary), Files.readString(comparison), java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        }
    }

    private static String join(List<Path> paths) {
        return String.join(",", paths.stream().map(Path::toString).toList());
    }

    private static List<String> tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of("(no log: " + e.getMessage() + ")");
        }
    }

    private void say(String line) {
        err.println("turns: " + line);
        err.flush();
    }
}
