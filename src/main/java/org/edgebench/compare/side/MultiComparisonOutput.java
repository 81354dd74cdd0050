package org.edgebench.compare.side;

import org.edgebench.report.chart.IntervalChart;
import org.edgebench.report.chart.FontSupport;
import org.edgebench.run.AtomicFiles;
import org.edgebench.run.RunFiles;
import org.edgebench.stats.Metric;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Writes runs side by side: comparison.md, comparison.csv and one chart per metric. */
public final class MultiComparisonOutput {

    private MultiComparisonOutput() {
    }

    /** comparison.csv, comparison.md and one chart per metric, staged and moved into place together. */
    public static void write(Path dir, MultiComparison m) throws IOException {
        try (AtomicFiles files = AtomicFiles.in(dir)) {
            files.writeText(RunFiles.COMPARISON_MD, out -> out.write(MultiComparisonMarkdown.render(m)));
            files.writeText(RunFiles.COMPARISON_CSV, out -> MultiComparisonCsv.write(out, m));
            for (Metric metric : FontSupport.problem().isEmpty() ? m.metrics() : List.<Metric>of()) {
                byte[] png = png(m, metric);
                files.write(chartFile(metric), out -> out.write(png));
            }
            files.commit();
        }
    }

    /** {@code charts/comparison_p50.png}. */
    public static String chartFile(Metric metric) {
        return RunFiles.CHARTS + "/comparison_" + metric.label() + ".png";
    }

    /** Each column's ratio to the reference with its interval; the reference is the line at 1. */
    private static byte[] png(MultiComparison m, Metric metric) {
        List<MultiComparison.Cell[]> table = m.cells(metric);
        List<String> categories = m.rows().stream().map(MultiComparison.Row::label).toList();
        List<IntervalChart.Series> series = new ArrayList<>();
        for (int c = 1; c < m.columns().size(); c++) {
            double[][] points = new double[3][m.rows().size()];
            for (double[] p : points) {
                Arrays.fill(p, Double.NaN);
            }
            for (int i = 0; i < m.rows().size(); i++) {
                MultiComparison.Cell cell = table.get(i)[c];
                if (cell != null && cell.ratio() != null) {
                    points[0][i] = cell.ratio().value();
                    points[1][i] = cell.ratio().hasInterval() ? cell.ratio().low() : cell.ratio().value();
                    points[2][i] = cell.ratio().hasInterval() ? cell.ratio().high() : cell.ratio().value();
                }
            }
            series.add(new IntervalChart.Series(m.columns().get(c).name(), points[0], points[1], points[2]));
        }
        return IntervalChart.png(String.format(Locale.ROOT, "%s relative to %s (latency: lower is better)",
                        metric.label(), m.reference().name()),
                "dot: ratio of fork medians; whisker: 95% interval over forks (none with a single fork)",
                "ratio to " + m.reference().name(), categories, series);
    }
}
