package org.edgebench.compare.side;

import org.edgebench.stats.Metric;
import org.edgebench.text.Markdown;
import org.edgebench.text.Numbers;

import java.util.List;

/** Runs side by side as Markdown: what differs from the reference, then a table per metric. */
public final class MultiComparisonMarkdown {

    private MultiComparisonMarkdown() {
    }

    /** comparison.md: the columns with what differs from the reference, then one table per metric. */
    public static String render(MultiComparison m) {
        StringBuilder md = new StringBuilder("### EdgeBench runs side by side\n\n");
        md.append("| Column | Source | Environment | Compared with ").append(Markdown.escape(m.reference().name())).append(" |\n");
        md.append("|---|---|---|---|\n");
        for (MultiComparison.Column column : m.columns()) {
            String versus;
            if (column == m.reference()) {
                versus = "reference";
            } else if (MultiComparison.verdictApplies(m.reference(), column)) {
                versus = "same machine and provider: verdicts apply"
                        + (m.differences(column).isEmpty() ? "" : " (" + String.join("; ", m.differences(column)) + ")");
            } else {
                versus = "**" + String.join("; ", m.differences(column)) + "**: ratio only, no verdict";
            }
            md.append("| ").append(Markdown.escape(column.name())).append(" | `").append(column.run().file())
                    .append("` | ").append(Markdown.escape(column.run().environment().header()))
                    .append(" | ").append(versus).append(" |\n");
        }
        for (Metric metric : m.metrics()) {
            md.append("\n#### ").append(metric.label()).append("\n\n| Configuration |");
            for (MultiComparison.Column column : m.columns()) {
                md.append(' ').append(Markdown.escape(column.name())).append(" |");
            }
            md.append("\n|---|").append("---:|".repeat(m.columns().size())).append('\n');
            List<MultiComparison.Cell[]> table = m.cells(metric);
            for (int i = 0; i < m.rows().size(); i++) {
                md.append("| ").append(Markdown.escape(m.rows().get(i).label())).append(" |");
                for (MultiComparison.Cell cell : table.get(i)) {
                    md.append(' ').append(cellText(cell)).append(" |");
                }
                md.append('\n');
            }
        }
        md.append("\nValues are medians over forks; each ratio is to ").append(Markdown.escape(m.reference().name()))
                .append(" with its 95% bootstrap interval over forks (\"same within noise\" when it holds 1). "
                        + "Verdicts only where the column is the reference's provider on the reference's machine, "
                        + "following docs/compare.md (threshold ")
                .append(Numbers.percent(m.check().threshold())).append(").\n");
        return md.toString();
    }

    private static String cellText(MultiComparison.Cell cell) {
        if (cell == null) {
            return "-";
        }
        String value = Numbers.value(cell.value(), cell.unit()) + ' ' + cell.unit() + (cell.metricApplies() ? "" : " (mean)");
        if (cell.ratio() == null) {
            return value;
        }
        String verdict = cell.finding() == null ? "" : "; " + cell.finding().verdict().label();
        return value + ", " + cell.ratioText() + verdict;
    }
}
