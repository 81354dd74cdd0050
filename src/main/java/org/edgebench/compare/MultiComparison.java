package org.edgebench.compare;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.edgebench.BadInputException;
import org.edgebench.report.Markdown;
import org.edgebench.report.Numbers;
import org.edgebench.results.JmhResult;
import org.edgebench.run.Configuration;
import org.edgebench.stats.ForkValues;
import org.edgebench.stats.Median;
import org.edgebench.stats.Metric;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * More than two runs side by side (x86 CPU, an XNNPACK build, an ARM board...): one table and one
 * chart per metric, the first run as the reference. A run on another machine than the reference
 * gets its change but no verdict, so a hardware difference is never read as a regression; runs on
 * the reference's machine get the same verdicts as a two-run comparison.
 */
public record MultiComparison(List<Run> runs, List<Metric> metrics, RegressionCheck check,
                              List<Configuration.Key> keys, Map<Configuration.Key, String> labels) {

    /** Per metric and configuration, one cell per run; null where a run lacks the configuration. */
    public record Cell(double[] forks, String unit, boolean metricApplies, Finding versusReference) {
    }

    public static MultiComparison of(List<Run> runs, List<Metric> metrics, RegressionCheck check) {
        if (runs.size() < 2) {
            throw new BadInputException("--label needs at least two runs (NAME=RUN each)");
        }
        Set<Configuration.Key> keys = new LinkedHashSet<>();
        List<JmhResult> all = new ArrayList<>();
        for (Run run : runs) {
            keys.addAll(run.results().keySet());
            all.addAll(run.results().values());
        }
        boolean anyShared = keys.stream().anyMatch(k -> runs.stream().filter(r -> r.results().containsKey(k)).count() > 1);
        if (!anyShared) {
            throw new BadInputException("no configuration in common between the runs "
                    + String.join(", ", runs.stream().map(Run::name).toList()));
        }
        return new MultiComparison(List.copyOf(runs), List.copyOf(metrics), check, List.copyOf(keys),
                Comparison.labels(all));
    }

    public Run reference() {
        return runs.get(0);
    }

    /** True when {@code run} is on the reference's machine as far as env.json tells. */
    public boolean sameMachineAsReference(Run run) {
        return reference().environment().machineDifferences(run.environment()).isEmpty();
    }

    /** cells.get(configurationIndex)[runIndex] for {@code metric}. */
    public List<Cell[]> cells(Metric metric) {
        List<Cell[]> rows = new ArrayList<>();
        for (Configuration.Key key : keys) {
            Cell[] row = new Cell[runs.size()];
            for (int r = 0; r < runs.size(); r++) {
                JmhResult result = runs.get(r).results().get(key);
                if (result != null) {
                    row[r] = new Cell(ForkValues.of(result, metric), ForkValues.unit(result),
                            ForkValues.supports(result, metric), null);
                }
            }
            rows.add(row);
        }
        JmhResult[] referenceResults = keys.stream().map(k -> reference().results().get(k)).toArray(JmhResult[]::new);
        for (int r = 1; r < runs.size(); r++) {
            List<ForkSamples> family = new ArrayList<>();
            List<Integer> where = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                Cell[] row = rows.get(i);
                if (row[0] != null && row[r] != null && row[0].unit().equals(row[r].unit())) {
                    family.add(new ForkSamples(keys.get(i).toString(), Direction.of(referenceResults[i].mode(),
                            referenceResults[i].scoreUnit()), row[0].forks(), row[r].forks()));
                    where.add(i);
                }
            }
            List<Finding> findings = family.isEmpty() ? List.of() : check.judge(family);
            for (int j = 0; j < findings.size(); j++) {
                Cell[] row = rows.get(where.get(j));
                Cell c = row[r];
                row[r] = new Cell(c.forks(), c.unit(), c.metricApplies(), findings.get(j));
            }
        }
        return rows;
    }

    public String markdown() {
        StringBuilder md = new StringBuilder("### EdgeBench runs side by side\n\n");
        md.append("| Run | Source | Environment | Compared with ").append(reference().name()).append(" |\n");
        md.append("|---|---|---|---|\n");
        for (Run run : runs) {
            String versus;
            if (run == reference()) {
                versus = "reference";
            } else if (sameMachineAsReference(run)) {
                versus = "same machine: verdicts apply";
            } else {
                versus = "**different machine** (" + String.join("; ",
                        reference().environment().machineDifferences(run.environment())) + "): change only, no verdict";
            }
            md.append("| ").append(Markdown.escape(run.name())).append(" | `").append(run.file())
                    .append("` | ").append(Markdown.escape(run.environment().header()))
                    .append(" | ").append(versus).append(" |\n");
        }
        for (Metric metric : metrics) {
            md.append("\n#### ").append(metric.label()).append("\n\n| Configuration |");
            for (Run run : runs) {
                md.append(' ').append(Markdown.escape(run.name())).append(sameMachineAsReference(run) ? "" : " †")
                        .append(" |");
            }
            md.append("\n|---|").append("---:|".repeat(runs.size())).append('\n');
            List<Cell[]> rows = cells(metric);
            for (int i = 0; i < keys.size(); i++) {
                md.append("| ").append(Markdown.escape(labels.get(keys.get(i)))).append(" |");
                for (int r = 0; r < runs.size(); r++) {
                    md.append(' ').append(cellText(rows.get(i), r)).append(" |");
                }
                md.append('\n');
            }
        }
        md.append("\nValues are medians over forks; changes are against ").append(reference().name())
                .append(". † a different machine than the reference: the change includes the hardware. "
                        + "Verdicts follow docs/compare.md (threshold ")
                .append(Numbers.percent(check.threshold())).append(").\n");
        return md.toString();
    }

    private String cellText(Cell[] row, int r) {
        Cell cell = row[r];
        if (cell == null) {
            return "-";
        }
        String value = Numbers.value(Median.of(cell.forks())) + ' ' + cell.unit() + (cell.metricApplies() ? "" : " (mean)");
        if (r == 0 || cell.versusReference() == null) {
            return value;
        }
        Finding f = cell.versusReference();
        String verdict = sameMachineAsReference(runs.get(r)) ? ", " + f.verdict().label() : "";
        return value + " (" + Numbers.change(f.change()) + verdict + ")";
    }

    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("comparison.md"), markdown());
        writeCsv(dir.resolve("comparison.csv"));
        for (Metric metric : metrics) {
            chart(dir.resolve("charts").resolve("comparison-" + metric.label() + ".png"), metric);
        }
    }

    private void writeCsv(Path file) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setHeader("configuration", "metric", "run", "unit", "forks", "value", "change_pct", "ci_low_pct",
                        "ci_high_pct", "p_holm", "verdict", "same_machine_as_reference")
                .get();
        try (Writer out = Files.newBufferedWriter(file); CSVPrinter csv = new CSVPrinter(out, format)) {
            for (Metric metric : metrics) {
                List<Cell[]> rows = cells(metric);
                for (int i = 0; i < keys.size(); i++) {
                    for (int r = 0; r < runs.size(); r++) {
                        Cell cell = rows.get(i)[r];
                        if (cell == null) {
                            continue;
                        }
                        Finding f = cell.versusReference();
                        boolean same = sameMachineAsReference(runs.get(r));
                        csv.printRecord(labels.get(keys.get(i)), cell.metricApplies() ? metric.label() : "mean",
                                runs.get(r).name(), cell.unit(), cell.forks().length,
                                Numbers.csv(Median.of(cell.forks())),
                                f == null ? "" : Numbers.csv(100 * f.change()),
                                f == null ? "" : Numbers.csv(100 * f.ciLow()),
                                f == null ? "" : Numbers.csv(100 * f.ciHigh()),
                                f == null ? "" : Numbers.csv(f.adjustedPValue()),
                                f == null || !same ? "" : f.verdict().label(), same);
                    }
                }
            }
        }
    }

    private void chart(Path file, Metric metric) {
        List<Cell[]> rows = cells(metric);
        List<String> categories = new ArrayList<>();
        Map<Run, double[][]> points = new LinkedHashMap<>();
        for (Run run : runs) {
            double[][] p = new double[3][keys.size()];
            for (double[] a : p) {
                Arrays.fill(a, Double.NaN);
            }
            points.put(run, p);
        }
        for (int i = 0; i < keys.size(); i++) {
            categories.add(labels.get(keys.get(i)));
            Cell[] row = rows.get(i);
            if (row[0] == null) {
                continue;
            }
            double reference = Median.of(row[0].forks());
            for (int r = 0; r < runs.size(); r++) {
                if (row[r] != null && row[r].unit().equals(row[0].unit())) {
                    ComparisonOutput.relative(row[r].forks(), reference, points.get(runs.get(r)), i);
                }
            }
        }
        List<IntervalChart.Series> series = new ArrayList<>();
        points.forEach((run, p) -> series.add(new IntervalChart.Series(
                run.name() + (sameMachineAsReference(run) ? "" : " †"), p[0], p[1], p[2])));
        IntervalChart.write(file, String.format(Locale.ROOT, "%s relative to %s (latency: lower is better)",
                        metric.label(), reference().name()),
                "dot: median of forks; whisker: slowest to fastest fork; † other machine than the reference",
                "relative to " + reference().name() + "'s median", categories, series);
    }
}
