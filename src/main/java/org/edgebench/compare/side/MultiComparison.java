package org.edgebench.compare.side;

import org.edgebench.BadInputException;
import org.edgebench.compare.Direction;
import org.edgebench.compare.Finding;
import org.edgebench.compare.ForkSamples;
import org.edgebench.compare.RegressionCheck;
import org.edgebench.compare.Run;
import org.edgebench.text.RatioText;
import org.edgebench.results.JmhResult;
import org.edgebench.run.Configuration;
import org.edgebench.stats.ForkValues;
import org.edgebench.stats.Median;
import org.edgebench.stats.Metric;
import org.edgebench.stats.Ratio;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs side by side (an x86 PC, an XNNPACK build, an ARM board...): rows are configurations with
 * the provider set aside (model, batch size, intra-op threads, callers, dims), columns are each
 * run's providers ({@code x86-cpu / CPU}, {@code pi5 / XNNPACK}), the first column the reference.
 * Every other cell has its value, its ratio to the reference with a 95% interval over forks, and
 * "faster", "slower" or "same within noise". A regression verdict is given only where the column
 * is the reference's provider on the reference's machine: across machines or providers the
 * difference is the hardware or the back end, not a change to judge.
 */
public final class MultiComparison {

    /** One run's results for one provider; {@code provider} is empty for a suite without one. */
    public record Column(Run run, String provider) {
        public String name() {
            return provider.isEmpty() ? run.name() : run.name() + " / " + provider;
        }
    }

    /** A configuration without its provider, and how the tables name it. */
    public record Row(Configuration.Key key, String label) {
    }

    /**
     * One column's value for one row and metric.
     *
     * @param ratio     against the reference column, null in the reference column or without a reference value
     * @param finding   the regression check against the reference, only where a verdict applies
     */
    public record Cell(double[] forks, String unit, boolean metricApplies, Direction direction, Ratio ratio,
                       Finding finding) {

        public double value() {
            return Median.of(forks);
        }

        /** {@code faster}, {@code slower} or {@code same within noise} than the reference; empty without an interval. */
        public String versus() {
            if (ratio == null || !ratio.hasInterval()) {
                return "";
            }
            String direction = RatioText.direction(speedUp());
            return direction.equals(RatioText.WITHIN_NOISE) ? "same " + direction : direction;
        }

        /** The ratio read as "how many times faster or slower", e.g. {@code 1.59x faster [1.41x, 1.80x]}. */
        public String ratioText() {
            if (ratio == null) {
                return "";
            }
            String word = versus();
            if (word.isEmpty()) {
                return ratio.text();
            }
            if (ratio.withinNoise()) {
                return word + " (" + ratio.text() + ")";
            }
            return RatioText.asRead(speedUp()).text().replaceFirst(" ", " " + word + " ");
        }

        /** How many times faster than the reference: latency falls when things get faster, throughput rises. */
        private Ratio speedUp() {
            return direction == Direction.LOWER_IS_BETTER ? ratio.speedUp() : ratio;
        }
    }

    private final List<Column> columns;
    private final List<Row> rows;
    private final List<Metric> metrics;
    private final RegressionCheck check;
    private final Map<Metric, List<Cell[]>> cells;

    private MultiComparison(List<Column> columns, List<Row> rows, List<Metric> metrics, RegressionCheck check,
                            Map<Metric, List<Cell[]>> cells) {
        this.columns = columns;
        this.rows = rows;
        this.metrics = metrics;
        this.check = check;
        this.cells = cells;
    }

    /**
     * Pairs the runs' configurations on everything but the provider.
     *
     * @throws BadInputException when fewer than two runs are given, a run is given twice, the runs
     *                           measure different kinds of score, or no row is in two columns
     */
    public static MultiComparison of(List<Run> runs, List<Metric> metrics, RegressionCheck check) {
        if (runs.size() < 2) {
            throw new BadInputException("--label needs at least two runs (NAME=RUN each)");
        }
        checkDistinct(runs);
        checkSameKind(runs);
        Map<Configuration.Key, String> labels = new LinkedHashMap<>();
        List<Column> columns = new ArrayList<>();
        List<Map<Configuration.Key, JmhResult>> byColumn = new ArrayList<>();
        boolean qualified = runs.stream().flatMap(r -> r.results().values().stream())
                .map(r -> r.benchmark() + " " + r.mode()).distinct().count() > 1;
        for (Run run : runs) {
            Map<String, Map<Configuration.Key, JmhResult>> byProvider = new LinkedHashMap<>();
            for (JmhResult result : run.results().values()) {
                Configuration c = result.configuration();
                Configuration.Key row = c.key().without(Configuration.PROVIDER);
                labels.putIfAbsent(row, withoutProvider(c).label(qualified));
                byProvider.computeIfAbsent(c.provider(), p -> new LinkedHashMap<>()).put(row, result);
            }
            byProvider.forEach((provider, results) -> {
                columns.add(new Column(run, provider));
                byColumn.add(results);
            });
        }
        List<Row> rows = labels.entrySet().stream()
                .filter(e -> byColumn.stream().filter(m -> m.containsKey(e.getKey())).count() > 1)
                .map(e -> new Row(e.getKey(), e.getValue())).toList();
        if (rows.isEmpty()) {
            throw new BadInputException("no configuration in common between the runs "
                    + runs.stream().map(Run::name).collect(Collectors.joining(", "))
                    + " (matched on model, batch size, intra-op threads, callers and dims, with the provider set aside): "
                    + columns.stream().map(c -> c.name() + " has " + byColumn.get(columns.indexOf(c)).keySet().stream()
                            .map(labels::get).collect(Collectors.joining(", "))).collect(Collectors.joining("; ")));
        }
        Map<Metric, List<Cell[]>> cells = new LinkedHashMap<>();
        for (Metric metric : metrics) {
            cells.put(metric, cells(columns, byColumn, rows, metric, check));
        }
        return new MultiComparison(List.copyOf(columns), rows, List.copyOf(metrics), check, cells);
    }

    private static Configuration withoutProvider(Configuration c) {
        Map<String, String> params = new LinkedHashMap<>(c.params());
        params.remove(Configuration.PROVIDER);
        return new Configuration(c.benchmark(), c.mode(), c.callers(), params);
    }

    private static void checkDistinct(List<Run> runs) {
        Set<String> names = new LinkedHashSet<>();
        Set<Path> files = new LinkedHashSet<>();
        for (Run run : runs) {
            if (!names.add(run.name())) {
                throw new BadInputException("--label " + run.name() + " is given twice; give each run its own name");
            }
            if (!files.add(run.file().toAbsolutePath().normalize())) {
                throw new BadInputException("--label " + run.name() + ": " + run.file()
                        + " is already in the comparison under another name; give each run once");
            }
        }
    }

    /** Latency runs and throughput runs measure different things; no row of one can pair with the other. */
    private static void checkSameKind(List<Run> runs) {
        Map<String, Set<Direction>> kinds = new LinkedHashMap<>();
        for (Run run : runs) {
            kinds.put(run.name(), run.results().values().stream()
                    .map(r -> Direction.of(r.mode(), r.scoreUnit())).collect(Collectors.toSet()));
        }
        Set<Direction> first = kinds.values().iterator().next();
        for (Map.Entry<String, Set<Direction>> run : kinds.entrySet()) {
            if (!run.getValue().equals(first) && first.size() == 1 && run.getValue().size() == 1) {
                throw new BadInputException(runs.get(0).name() + " measures " + kind(first) + " but " + run.getKey()
                        + " measures " + kind(run.getValue()) + "; compare runs of the same mode (-bm)");
            }
        }
    }

    private static String kind(Set<Direction> directions) {
        return directions.contains(Direction.HIGHER_IS_BETTER) ? "throughput (-bm thrpt)" : "latency (time per call)";
    }

    private static List<Cell[]> cells(List<Column> columns, List<Map<Configuration.Key, JmhResult>> byColumn,
                                      List<Row> rows, Metric metric, RegressionCheck check) {
        List<Cell[]> table = new ArrayList<>();
        for (Row row : rows) {
            Cell[] cells = new Cell[columns.size()];
            JmhResult reference = byColumn.get(0).get(row.key());
            double[] referenceForks = reference == null ? null : ForkValues.of(reference, metric);
            for (int c = 0; c < columns.size(); c++) {
                JmhResult result = byColumn.get(c).get(row.key());
                if (result == null) {
                    continue;
                }
                double[] forks = ForkValues.of(result, metric);
                Ratio ratio = c == 0 || reference == null || !ForkValues.unit(reference).equals(ForkValues.unit(result))
                        ? null : Ratio.of(referenceForks, forks, row.key() + " " + columns.get(c).name());
                cells[c] = new Cell(forks, ForkValues.unit(result), ForkValues.supports(result, metric),
                        Direction.of(result.mode(), result.scoreUnit()), ratio, null);
            }
            table.add(cells);
        }
        judgeWhereVerdictsApply(columns, table, rows, check);
        return table;
    }

    /** Regression verdicts, one Holm family per column, for columns of the reference's provider on its machine. */
    private static void judgeWhereVerdictsApply(List<Column> columns, List<Cell[]> table, List<Row> rows,
                                                RegressionCheck check) {
        for (int c = 1; c < columns.size(); c++) {
            if (!verdictApplies(columns.get(0), columns.get(c))) {
                continue;
            }
            List<ForkSamples> family = new ArrayList<>();
            List<Integer> where = new ArrayList<>();
            for (int i = 0; i < table.size(); i++) {
                Cell reference = table.get(i)[0];
                Cell cell = table.get(i)[c];
                if (reference != null && cell != null && cell.ratio() != null) {
                    family.add(new ForkSamples(rows.get(i).key().toString(), cell.direction(), reference.forks(), cell.forks()));
                    where.add(i);
                }
            }
            List<Finding> findings = family.isEmpty() ? List.of() : check.judge(family);
            for (int j = 0; j < findings.size(); j++) {
                Cell[] row = table.get(where.get(j));
                Cell cell = row[c];
                row[c] = new Cell(cell.forks(), cell.unit(), cell.metricApplies(), cell.direction(), cell.ratio(), findings.get(j));
            }
        }
    }

    /** An emulator's timings are never judged, not even against another emulated run. */
    public static boolean verdictApplies(Column reference, Column column) {
        return reference.provider().equals(column.provider())
                && !reference.run().environment().emulated() && !column.run().environment().emulated()
                && reference.run().environment().machineDifferences(column.run().environment()).isEmpty();
    }

    public List<Column> columns() {
        return columns;
    }

    public List<Row> rows() {
        return rows;
    }

    /** cells(metric).get(rowIndex)[columnIndex]; null where a column lacks the row. */
    public List<Cell[]> cells(Metric metric) {
        return cells.get(metric);
    }

    public Column reference() {
        return columns.get(0);
    }

    /** What sets a column apart from the reference: machine, build, provider; empty for the reference's own kind. */
    public List<String> differences(Column column) {
        List<String> differences = new ArrayList<>(reference().run().environment().machineDifferences(column.run().environment()));
        // The runs' provider lists are said by the columns' own providers.
        reference().run().environment().buildDifferences(column.run().environment()).stream()
                .filter(d -> !d.startsWith("providers ")).forEach(differences::add);
        if (!reference().provider().equals(column.provider())) {
            differences.add("provider " + reference().provider() + " vs " + column.provider());
        }
        return differences;
    }

    public List<Metric> metrics() {
        return metrics;
    }

    public RegressionCheck check() {
        return check;
    }
}
