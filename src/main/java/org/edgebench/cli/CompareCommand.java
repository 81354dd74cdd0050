package org.edgebench.cli;

import org.edgebench.BadInputException;
import org.edgebench.compare.Comparison;
import org.edgebench.compare.ComparisonMarkdown;
import org.edgebench.compare.ComparisonOutput;
import org.edgebench.compare.GabExport;
import org.edgebench.compare.Looks;
import org.edgebench.compare.MultiComparison;
import org.edgebench.compare.RegressionCheck;
import org.edgebench.compare.Run;
import org.edgebench.compare.Verdict;
import org.edgebench.run.RunFolder;
import org.edgebench.stats.Metric;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
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
                    + "or with --strict something was inconclusive; 2: bad input; 4: with --sequential, undecided before the "
                    + "last look (add rounds)."},
        footer = {"", "Examples:",
            "  compare results/20260101-120000 results/20260102-120000 --metric p95",
            "  compare --label x86-cpu=results/A --label pi5-xnnpack=results/B",
            "  compare benchmarks/baselines/ci.json results/NEW --gab-out results/NEW/gab"})
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

    @Option(names = "--metric", paramLabel = "METRIC",
            description = "p50, p90, p95, p99 or mean of each fork (default: p50; with --label: all of them).")
    private String metric;

    @Option(names = "--threshold", paramLabel = "PCT", defaultValue = "5",
            description = "Smallest change that counts, in percent (default: ${DEFAULT-VALUE}).")
    private double thresholdPercent;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Folder for comparison.csv, comparison.md and charts/ (default: results/<timestamp>-compare).")
    private Path out;

    @Option(names = "--paired",
            description = "The sides list as many runs, taken alternately (base, cand, cand, base, ...): fork i of "
                    + "baseline run k is judged against fork i of candidate run k (Wilcoxon signed-rank test), which "
                    + "cancels the machine's drift the two shared.")
    private boolean paired;

    @Option(names = "--strict",
            description = "Exit 1 when any configuration is inconclusive (an interval wider than the threshold, too few "
                    + "forks, an emulated run), not only when one regressed: for gates that must pass on evidence.")
    private boolean strict;

    @Option(names = "--sequential", paramLabel = "BLOCK/CAP",
            description = "With --paired: the rounds arrive in blocks of BLOCK pairs, up to CAP; judge look by look, each "
                    + "look at alpha divided by the number of looks, and exit 4 while a configuration is undecided before "
                    + "the last look (docs/compare.md). E.g. 8/24.")
    private String sequential;

    @Option(names = "--gab-out", paramLabel = "DIR",
            description = "Also write the candidate (or the single RUN) in github-action-benchmark's custom JSON formats.")
    private Path gabOut;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (!(thresholdPercent >= 0 && thresholdPercent < 100)) {
            throw new BadInputException("--threshold " + thresholdPercent + " must be a percentage from 0 to 100");
        }
        RegressionCheck check = RegressionCheck.withThreshold(thresholdPercent / 100);
        if (!labels.isEmpty()) {
            if (paired) {
                throw new BadInputException("--paired compares BASELINE and CANDIDATE runs, not --label runs side by side");
            }
            if (!runs.isEmpty()) {
                throw new BadInputException("give either BASELINE CANDIDATE or --label NAME=RUN (repeated), not both");
            }
            if (sequential != null) {
                throw new BadInputException("--sequential looks at paired BASELINE and CANDIDATE rounds, not --label runs");
            }
            if (strict) {
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
        if (paired && baselineRuns.size() != candidateRuns.size()) {
            throw new BadInputException("--paired needs as many baseline runs as candidate runs, got "
                    + baselineRuns.size() + " and " + candidateRuns.size());
        }
        Run baseline = Run.loadAll("baseline", baselineRuns);
        Run candidate = Run.loadAll("candidate", candidateRuns);
        Optional<Looks> looks = Optional.ofNullable(sequential).map(Looks::parse);
        Comparison comparison = Comparison.of(baseline, candidate,
                metric == null ? Metric.P50 : Metric.parse(metric), paired ? check.pairedForks() : check, looks);
        Path dir = RunFolder.create(out, "compare", LocalDateTime.now());
        ComparisonOutput.write(dir, comparison);
        stdout.print(ComparisonMarkdown.render(comparison));
        stdout.flush();
        stderr.println("EdgeBench: wrote " + dir + " (comparison.csv, comparison.md, charts/comparison.png); "
                + ComparisonMarkdown.summary(comparison).replace("**", ""));
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
                    + (strict ? " (--strict: exit 1)" : " (--strict makes this exit 1)"));
        }
        boolean failed = comparison.regressed() || (strict && !inconclusive.isEmpty());
        return failed ? ExitCodes.FAILURE : ExitCodes.OK;
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
        List<Metric> metrics = metric == null ? Arrays.asList(Metric.values()) : List.of(Metric.parse(metric));
        MultiComparison comparison = MultiComparison.of(loaded, metrics, check);
        Path dir = RunFolder.create(out, "compare", LocalDateTime.now());
        comparison.write(dir);
        stdout.print(comparison.markdown());
        stdout.flush();
        stderr.println("EdgeBench: wrote " + dir + " (comparison.csv, comparison.md, "
                + String.join(", ", metrics.stream().map(MultiComparison::chartFile).toList()) + ")");
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
