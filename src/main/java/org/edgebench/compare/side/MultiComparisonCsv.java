package org.edgebench.compare.side;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.edgebench.text.Csv;
import org.edgebench.compare.Finding;
import org.edgebench.stats.Metric;
import org.edgebench.stats.Ratio;
import org.edgebench.text.Numbers;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** Runs side by side as comparison.csv. */
final class MultiComparisonCsv {

    private MultiComparisonCsv() {
    }

    /** comparison.csv: one row per configuration, metric and column. */
    static void write(Writer out, MultiComparison m) throws IOException {
        CSVFormat format = Csv.builder()
                .setHeader("configuration", "metric", "column", "run", "provider", "unit", "forks", "value", "ratio",
                        "ratio_ci_low", "ratio_ci_high", "versus_reference", "p_holm", "verdict", "same_machine_as_reference")
                .get();
        try (CSVPrinter csv = new CSVPrinter(out, format)) {
            for (Metric metric : m.metrics()) {
                List<MultiComparison.Cell[]> table = m.cells(metric);
                for (int i = 0; i < m.rows().size(); i++) {
                    for (int c = 0; c < m.columns().size(); c++) {
                        MultiComparison.Cell cell = table.get(i)[c];
                        if (cell == null) {
                            continue;
                        }
                        MultiComparison.Column column = m.columns().get(c);
                        Ratio r = cell.ratio();
                        Finding f = cell.finding();
                        csv.printRecord(m.rows().get(i).label(), cell.metricApplies() ? metric.label() : "mean", column.name(),
                                column.run().name(), column.provider(), cell.unit(), cell.forks().length,
                                Numbers.csv(cell.value()),
                                r == null ? "" : Numbers.csv(r.value()),
                                r == null ? "" : Numbers.csv(r.low()),
                                r == null ? "" : Numbers.csv(r.high()),
                                cell.versus(),
                                f == null ? "" : Numbers.csv(f.adjustedPValue()),
                                f == null ? "" : f.verdict().label(),
                                m.reference().run().environment().machineDifferences(column.run().environment()).isEmpty());
                    }
                }
            }
        }
    }
}
