package org.edgebench.cli;

import org.edgebench.BadInputException;
import org.edgebench.compare.Comparison;
import org.edgebench.compare.ComparisonMarkdown;
import org.edgebench.compare.ComparisonOutput;
import org.edgebench.compare.GabExport;
import org.edgebench.compare.Looks;
import org.edgebench.arrivals.ArrivalComparison;
import org.edgebench.arrivals.ArrivalsCsv;
import org.edgebench.compare.InstructionComparison;
import org.edgebench.compare.side.MultiComparison;
import org.edgebench.compare.side.MultiComparisonMarkdown;
import org.edgebench.compare.side.MultiComparisonOutput;
import org.edgebench.compare.RegressionCheck;
import org.edgebench.compare.Run;
import org.edgebench.compare.Verdict;
import org.edgebench.count.InstructionCount;
import org.edgebench.count.InstructionsCsv;
import org.edgebench.launch.ExitCodes;
import org.edgebench.text.Numbers;
import org.edgebench.report.chart.FontSupport;
import org.edgebench.run.AtomicFiles;
import org.edgebench.run.EnvFile;
import org.edgebench.run.Environment;
import org.edgebench.run.RunFiles;
import org.edgebench.run.RunFolder;
import org.edgebench.stats.Metric;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code compare}: baseline against candidate with a verdict per configuration, or several runs
 * side by side ({@code --label}). The method and the verdict rules are in docs/compare.md.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {
            "Compare two runs (run folders or JMH JSON files) and flag regressions, or put several runs side by side.",
            "Exit 0: nothing regressed (inconclusive configurations only warn, on stderr); 1: something regressed, "
                    + "or with --strict something was inconclusive (with --fail-on-instructions: instructions grew); 2: bad "
                    + "input; 4: with --sequential, undecided before the last look (add rounds).",
            "With instructions.csv on both sides (count), instructions per inference are shown beside the verdicts; "
                    + "two folders holding only counts compare their counts alone."},
        footer = {"", "Examples:",
            "  compare results/20260101-120000 results/20260102-120000 --metric p95",
            "  compare --label x86-cpu=results/A --label pi5-xnnpack=results/B",
            "  compare benchmarks/baselines/ci.json results/NEW --gab-out results/NEW/gab",
            "  compare results/COUNT-A results/COUNT-B --instructions-threshold 0.2"})
public final class CompareCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..2", paramLabel = "RUN",
            description = "BASELINE and CANDIDATE: run folders (holding jmh.json) or JMH JSON files; several runs of "
                    + "one side joined by commas pool their forks. A single RUN with --gab-out only exports it.")
    private List<Path> runs = new ArrayList<>();

    @Option(names = "--label", paramLabel = "NAME=RUN",
            description = "A run to put side by side, named; repeat (at least twice). The first is the reference. "
                    + "Several runs of one build joined by commas pool their forks.")
    private List<String> labels = new ArrayList<>();

    @Mixin
    private VerdictOptions verdict = new VerdictOptions();

    @Option(names = "--out", paramLabel = "DIR",
            description = "Folder for comparison.csv, comparison.md and charts/ (default: results/<timestamp>-compare).")
    private Path out;

    @Option(names = "--paired",
            description = "The sides list as many runs, taken alternately (base, cand, cand, base, ...): fork i of "
                    + "baseline run k is judged against fork i of candidate run k (Wilcoxon signed-rank test), which "
                    + "cancels the machine's drift the two shared.")
    private boolean paired;

    @Option(names = "--sequential", paramLabel = "BLOCK/CAP",
            description = "With --paired: the rounds arrive in blocks of BLOCK pairs, up to CAP; judge look by look, each "
                    + "look at alpha divided by the number of looks, and exit 4 while a configuration is undecided before "
                    + "the last look (docs/compare.md). E.g. 8/24.")
    private String sequential;

    @Option(names = "--instructions-threshold", paramLabel = "PCT", defaultValue = "0.5",
            description = "Smallest change of instructions per inference flagged, in percent, when both sides have "
                    + "instructions.csv (count); informs, never changes a verdict (default: ${DEFAULT-VALUE}).")
    private double instructionsThresholdPercent;

    @Option(names = "--fail-on-instructions",
            description = "Exit 1 when instructions per inference grew beyond --instructions-threshold, even if the timed "
                    + "verdict passed; both sides need instructions.csv.")
    private boolean failOnInstructions;

    @Option(names = "--gab-out", paramLabel = "DIR",
            description = "Also write the candidate (or the single RUN) in github-action-benchmark's custom JSON formats.")
    private Path gabOut;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (!(instructionsThresholdPercent >= 0 && instructionsThresholdPercent < 100)) {
            throw new BadInputException("--instructions-threshold " + instructionsThresholdPercent + " must be a percentage from 0 to 100");
        }
        RegressionCheck check = RegressionCheck.withThreshold(verdict.threshold());
        if (!labels.isEmpty()) {
            if (failOnInstructions) {
                throw new BadInputException("--fail-on-instructions gates BASELINE against CANDIDATE; --label runs side by side give no exit verdict");
            }
            if (paired) {
                throw new BadInputException("--paired compares BASELINE and CANDIDATE runs, not --label runs side by side");
            }
            if (!runs.isEmpty()) {
                throw new BadInputException("give either BASELINE CANDIDATE or --label NAME=RUN (repeated), not both");
            }
            if (sequential != null) {
                throw new BadInputException("--sequential looks at paired BASELINE and CANDIDATE rounds, not --label runs");
            }
            if (verdict.strict) {
                throw new BadInputException("--strict gates BASELINE against CANDIDATE; --label runs side by side give no exit verdict");
            }
            if (gabOut != null) {
                throw new BadInputException("--gab-out exports one run: use it with BASELINE CANDIDATE or a single RUN");
            }
            return sideBySide(check, stdout, stderr);
        }
        if (runs.size() == 1 && gabOut != null) {
            exportGab(Run.load("run", runs.get(0)), stderr);
            return ExitCodes.OK;
        }
        if (runs.size() != 2) {
            throw new BadInputException("compare needs BASELINE and CANDIDATE (run folders or JMH JSON files), "
                    + "or --label NAME=RUN at least twice");
        }
        List<Path> baselineRuns = split(runs.get(0));
        List<Path> candidateRuns = split(runs.get(1));
        if (countsOnly(baselineRuns) && countsOnly(candidateRuns)) {
            return instructionsOnly(baselineRuns.get(0), candidateRuns.get(0), stdout, stderr);
        }
        if (paired && baselineRuns.size() != candidateRuns.size()) {
            throw new BadInputException("--paired needs as many baseline runs as candidate runs, got "
                    + baselineRuns.size() + " and " + candidateRuns.size());
        }
        Run baseline = Run.loadAll("baseline", baselineRuns);
        Run candidate = Run.loadAll("candidate", candidateRuns);
        Optional<Looks> looks = Optional.ofNullable(sequential).map(Looks::parse);
        Comparison comparison = Comparison.of(baseline, candidate,
                verdict.metric == null ? Metric.P50 : Metric.parse(verdict.metric), paired ? check.pairedForks() : check, looks,
                instructionsThresholdPercent / 100);
        requireCountsIfFailingOnThem(comparison.instructions());
        Path dir = RunFolder.create(out, "compare", LocalDateTime.now());
        ComparisonOutput.write(dir, comparison);
        stdout.print(ComparisonMarkdown.render(comparison));
        arrivals(baselineRuns, candidateRuns, dir, stdout);
        stdout.flush();
        stderr.println("EdgeBench: wrote " + dir + " (comparison.csv, comparison.md"
                + (FontSupport.problem().isEmpty() ? ", " + ComparisonOutput.CHART : "")
                + (comparison.instructions().presence() == InstructionComparison.Presence.BOTH ? ", " + RunFiles.INSTRUCTIONS_COMPARISON_CSV : "")
                + "); " + ComparisonMarkdown.summary(comparison).replace("**", ""));
        FontSupport.problem().ifPresent(line -> stderr.println("EdgeBench: " + line));
        boolean heavier = announce(comparison.instructions(), stderr);
        if (gabOut != null) {
            exportGab(candidate, stderr);
        }
        if (comparison.sequential().filter(o -> !o.complete()).isPresent()) {
            Looks.Outcome outcome = comparison.sequential().get();
            stderr.println("EdgeBench: undecided after look " + outcome.look() + " of " + outcome.looks() + " ("
                    + ComparisonMarkdown.summary(comparison).replace("**", "") + "): add rounds and compare again (exit 4)");
            return ExitCodes.UNDECIDED;
        }
        List<String> inconclusive = comparison.rows().stream()
                .filter(r -> r.finding().verdict() == Verdict.INCONCLUSIVE).map(Comparison.Row::label).toList();
        if (!inconclusive.isEmpty()) {
            // Exit 0 here means only that nothing was shown to regress; said loudly so a gate's log cannot read it as a pass.
            stderr.println("EdgeBench: warning: " + inconclusive.size() + " configuration(s) inconclusive: "
                    + String.join(", ", inconclusive) + "; not a pass on evidence"
                    + (verdict.strict ? " (--strict: exit 1)" : " (--strict makes this exit 1)"));
        }
        boolean failed = comparison.regressed() || (verdict.strict && !inconclusive.isEmpty()) || (failOnInstructions && heavier);
        return failed ? ExitCodes.FAILURE : ExitCodes.OK;
    }

    /**
     * The open-loop schedules both sides ran, from the arrivals.csv beside each side's one run,
     * added to comparison.md; a side without one, or several runs a side, adds nothing.
     */
    private static void arrivals(List<Path> baselineRuns, List<Path> candidateRuns, Path dir, PrintWriter stdout) throws IOException {
        if (baselineRuns.size() != 1 || candidateRuns.size() != 1) {
            return;
        }
        Optional<String> section = ArrivalComparison.markdown(ArrivalsCsv.read(RunFiles.folderOf(baselineRuns.get(0))),
                ArrivalsCsv.read(RunFiles.folderOf(candidateRuns.get(0))));
        if (section.isPresent()) {
            Files.writeString(dir.resolve(RunFiles.COMPARISON_MD), section.get(), java.nio.file.StandardOpenOption.APPEND);
            stdout.print(section.get());
        }
    }

    /**
     * Two folders that hold counts and no timed run ({@code count} without {@code --into}): their
     * instruction counts alone, written as comparison.md and instructions_comparison.csv.
     */
    private int instructionsOnly(Path baselineDir, Path candidateDir, PrintWriter stdout, PrintWriter stderr) throws Exception {
        if (paired || verdict.strict || gabOut != null || verdict.metric != null) {
            throw new BadInputException(baselineDir + " and " + candidateDir + " hold instruction counts and no timed run"
                    + " (no jmh.json): --paired, --strict, --metric and --gab-out need timed runs");
        }
        InstructionComparison instructions = InstructionComparison.of(counts(baselineDir), environment(baselineDir),
                counts(candidateDir), environment(candidateDir), instructionsThresholdPercent / 100);
        String markdown = "### EdgeBench instruction counts\n\n- Baseline: `" + baselineDir + "` ("
                + environment(baselineDir).header() + ")\n- Candidate: `" + candidateDir + "` ("
                + environment(candidateDir).header() + ")\n" + instructions.markdown();
        Path dir = RunFolder.create(out, "compare", LocalDateTime.now());
        try (AtomicFiles files = AtomicFiles.in(dir)) {
            files.writeText(RunFiles.COMPARISON_MD, w -> w.write(markdown));
            files.writeText(RunFiles.INSTRUCTIONS_COMPARISON_CSV, instructions::writeCsv);
            files.commit();
        }
        stdout.print(markdown);
        stdout.flush();
        stderr.println("EdgeBench: wrote " + dir + " (" + RunFiles.COMPARISON_MD + ", " + RunFiles.INSTRUCTIONS_COMPARISON_CSV + ")");
        boolean heavier = announce(instructions, stderr);
        return failOnInstructions && heavier ? ExitCodes.FAILURE : ExitCodes.OK;
    }

    /** A folder without a timed run whose count {@code compare} can still read. */
    private static boolean countsOnly(List<Path> side) {
        Path first = side.get(0);
        return side.size() == 1 && Files.isDirectory(first) && !Files.exists(first.resolve(RunFiles.JMH_JSON))
                && Files.isRegularFile(first.resolve(RunFiles.INSTRUCTIONS_CSV));
    }

    private static List<InstructionCount> counts(Path dir) {
        try {
            return InstructionsCsv.read(dir.resolve(RunFiles.INSTRUCTIONS_CSV));
        } catch (IOException e) {
            throw new BadInputException(e.getMessage() + "; count again with `count --into " + dir + "`", e);
        }
    }

    private static Environment environment(Path dir) {
        try {
            return EnvFile.read(dir).orElse(Environment.UNKNOWN);
        } catch (IOException e) {
            return Environment.UNKNOWN;
        }
    }

    private void requireCountsIfFailingOnThem(InstructionComparison instructions) {
        if (failOnInstructions && instructions.presence() != InstructionComparison.Presence.BOTH) {
            throw new BadInputException("--fail-on-instructions needs instructions.csv on both sides ("
                    + (instructions.presence() == InstructionComparison.Presence.NEITHER ? "neither has one"
                    : "only the " + (instructions.presence() == InstructionComparison.Presence.BASELINE_ONLY ? "baseline" : "candidate")
                    + " has one") + "); count them with `count --into RUN_DIR`");
        }
    }

    /** One line per flagged configuration, at once; true when some count grew beyond the threshold. */
    private static boolean announce(InstructionComparison instructions, PrintWriter stderr) {
        for (InstructionComparison.Row row : instructions.flagged()) {
            stderr.println("EdgeBench: " + row.flagLine() + ": " + row.label() + " (" + Numbers.count(row.baseline()) + " -> "
                    + Numbers.count(row.candidate()) + " instructions per inference)");
        }
        return instructions.heavier();
    }

    private int sideBySide(RegressionCheck check, PrintWriter stdout, PrintWriter stderr) throws Exception {
        List<Run> loaded = new ArrayList<>();
        for (String label : labels) {
            int eq = label.indexOf('=');
            if (eq <= 0 || eq == label.length() - 1) {
                throw new BadInputException("--label " + label + ": expected NAME=RUN (a run folder or JMH JSON file),"
                        + " e.g. --label x86-cpu=results/20260101-120000");
            }
            loaded.add(Run.loadAll(label.substring(0, eq), split(Paths.get(label.substring(eq + 1)))));
        }
        List<Metric> metrics = verdict.metric == null ? Arrays.asList(Metric.values()) : List.of(Metric.parse(verdict.metric));
        MultiComparison comparison = MultiComparison.of(loaded, metrics, check);
        Path dir = RunFolder.create(out, "compare", LocalDateTime.now());
        MultiComparisonOutput.write(dir, comparison);
        stdout.print(MultiComparisonMarkdown.render(comparison));
        stdout.flush();
        stderr.println("EdgeBench: wrote " + dir + " (comparison.csv, comparison.md"
                + (FontSupport.problem().isEmpty() ? ", " + String.join(", ", metrics.stream().map(MultiComparisonOutput::chartFile).toList()) : "")
                + ")");
        FontSupport.problem().ifPresent(line -> stderr.println("EdgeBench: " + line));
        return ExitCodes.OK;
    }

    private void exportGab(Run run, PrintWriter stderr) throws Exception {
        for (Path written : GabExport.write(gabOut, run)) {
            stderr.println("EdgeBench: wrote " + written);
        }
    }

    /** {@code a,b,c}: several runs of one side. */
    private static List<Path> split(Path side) {
        return Arrays.stream(side.toString().split(",")).filter(p -> !p.isBlank()).map(Path::of).toList();
    }
}
