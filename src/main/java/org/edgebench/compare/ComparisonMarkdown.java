package org.edgebench.compare;

import org.edgebench.text.Markdown;
import org.edgebench.text.Numbers;

import java.util.List;

/**
 * The comparison as Markdown, ready to paste into a pull request; with {@code --profile} runs, the
 * operator types' times before and after follow the verdicts ({@link OperatorChanges}).
 */
public final class ComparisonMarkdown {

    private ComparisonMarkdown() {
    }

    public static String render(Comparison c) {
        String metric = c.metric().label();
        StringBuilder md = new StringBuilder();
        md.append("### EdgeBench comparison: ").append(metric).append(", threshold ")
                .append(Numbers.percent(c.check().threshold())).append("\n\n");
        md.append("- Baseline: ").append(c.baseline().describeFile()).append(" (")
                .append(c.baseline().environment().header()).append(")\n");
        md.append("- Candidate: ").append(c.candidate().describeFile()).append(" (")
                .append(c.candidate().environment().header()).append(")\n");
        List<String> machine = c.machineDifferences();
        if (!machine.isEmpty()) {
            md.append("\n> **Different machines** (").append(String.join("; ", machine))
                    .append("): the changes below include the hardware, not only the code.\n");
        }
        List<String> build = c.baseline().environment().buildDifferences(c.candidate().environment());
        if (!build.isEmpty()) {
            md.append("\n> **Different ONNX Runtime builds** (").append(String.join("; ", build)).append(").\n");
        }
        md.append("\n| Configuration | Baseline | Candidate | Change | ").append(Numbers.level(c.check().alpha()))
                .append(" CI | p (Holm) | Forks | Verdict | Why |\n");
        md.append("|---|---:|---:|---:|---|---:|---:|---|---|\n");
        for (Comparison.Row row : c.rows()) {
            Finding f = row.finding();
            String unit = row.unit() + (row.metricApplies() ? "" : " (mean)");
            md.append("| ").append(Markdown.escape(row.label()))
                    .append(f.direction() == Direction.HIGHER_IS_BETTER ? " (higher is better)" : "")
                    .append(" | ").append(Numbers.value(f.baselineValue(), row.unit())).append(' ').append(unit)
                    .append(" | ").append(Numbers.value(f.candidateValue(), row.unit())).append(' ').append(unit)
                    .append(" | ").append(Numbers.change(f.change()))
                    .append(" | ").append(Numbers.interval(f.ciLow(), f.ciHigh()))
                    .append(" | ").append(Numbers.pValue(f.adjustedPValue()))
                    .append(" | ").append(forks(c, f))
                    .append(" | ").append(verdict(f.verdict()))
                    .append(" | ").append(Markdown.escape(f.reason())).append(" |\n");
        }
        md.append('\n').append(summary(c)).append('\n');
        c.sequential().ifPresent(outcome -> md.append('\n').append(sequential(c, outcome)).append('\n'));
        if (!c.onlyInBaseline().isEmpty()) {
            md.append("\nOnly in the baseline (not compared): ").append(list(c.onlyInBaseline())).append('\n');
        }
        if (!c.onlyInCandidate().isEmpty()) {
            md.append("\nOnly in the candidate (not compared): ").append(list(c.onlyInCandidate())).append('\n');
        }
        md.append("\nValues are medians over forks of each fork's ").append(metric).append(c.check().paired()
                ? "; forks are paired (fork i of the baseline ran next to fork i of the candidate): the change is the median "
                        + "ratio of the pairs, the interval a bootstrap over pairs, p a two-sided Wilcoxon signed-rank test on the "
                        + "pairs' log ratios, Holm-corrected."
                : "; the interval is a bootstrap over forks; p is a two-sided Mann-Whitney U test on fork values, "
                        + "Holm-corrected.")
                .append(" A change counts when it exceeds the threshold and is significant (docs/compare.md).\n");
        md.append(OperatorChanges.of(c.baseline(), c.candidate()).markdown());
        md.append(c.instructions().markdown());
        return md.toString();
    }

    /** {@code 1 regressed, 0 improved, 3 unchanged, 1 inconclusive}, the first bold when non-zero. */
    public static String summary(Comparison c) {
        long regressed = c.count(Verdict.REGRESSED);
        String first = regressed + " regressed";
        return (regressed > 0 ? "**" + first + "**" : first) + ", " + c.count(Verdict.IMPROVED) + " improved, "
                + c.count(Verdict.UNCHANGED) + " unchanged, " + c.count(Verdict.INCONCLUSIVE) + " inconclusive"
                + (c.onlyInBaseline().isEmpty() && c.onlyInCandidate().isEmpty() ? ""
                : "; " + c.onlyInBaseline().size() + " only in baseline, " + c.onlyInCandidate().size() + " only in candidate")
                + ".";
    }

    /** How far the looks went, and what that means for the gate. */
    static String sequential(Comparison c, Looks.Outcome outcome) {
        String looks = "Judged look by look (look " + outcome.look() + " of at most " + outcome.looks()
                + ", each at alpha " + Numbers.pValue(c.check().alpha())
                + ", so that all looks together keep alpha " + Numbers.pValue(c.check().alpha() * outcome.looks()) + "): ";
        return looks + (outcome.complete()
                ? "no more rounds needed."
                : "some configurations are undecided; more rounds may settle them.");
    }

    private static String forks(Comparison c, Finding f) {
        int pairs = f.samples().baseline().length;
        return c.check().paired() ? pairs + (pairs == 1 ? " pair" : " pairs")
                : f.samples().baseline().length + "/" + f.samples().candidate().length;
    }

    private static String verdict(Verdict v) {
        return v == Verdict.REGRESSED || v == Verdict.IMPROVED ? "**" + v.label() + "**" : v.label();
    }

    private static String list(List<String> labels) {
        return String.join(", ", labels.stream().map(l -> "`" + l + "`").toList());
    }
}
