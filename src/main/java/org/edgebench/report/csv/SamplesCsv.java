package org.edgebench.report.csv;

import org.apache.commons.csv.CSVFormat;
import org.edgebench.text.Csv;
import org.edgebench.analysis.ConfigurationStats;
import org.edgebench.run.RunFiles;
import org.edgebench.text.Numbers;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes {@code latency_samples.csv}: each configuration's latency distribution as distinct
 * values with counts (SampleTime's histograms summed over forks and iterations; SingleShotTime's
 * shots), so a spreadsheet or pandas can redraw it. Modes without a distribution have no rows.
 */
public final class SamplesCsv {

    public static final String FILE = RunFiles.SAMPLES_CSV;

    private SamplesCsv() {
    }

    /**
     * The configuration's cells are formatted (and quoted where needed) by the CSV format once per
     * configuration; the two numbers of each row, which never need quoting, are appended to them.
     * A big run has hundreds of thousands of rows, and a printer per cell made this file a large
     * part of the report's time.
     */
    public static void write(List<ConfigurationStats> rows, Writer out) throws IOException {
        List<Column> configuration = Column.configuration(rows);
        List<Column> columns = Column.samples(rows);
        CSVFormat format = Csv.builder().get();
        out.write(format.format((Object[]) Column.headers(columns)));
        out.write('\n');
        for (ConfigurationStats row : rows) {
            if (!row.hasDistribution()) {
                continue;
            }
            String prefix = format.format(configuration.stream().map(c -> c.value(row)).toArray()) + format.getDelimiterString();
            double[] values = row.distribution().valuesMs();
            long[] counts = row.distribution().counts();
            for (int i = 0; i < values.length; i++) {
                out.write(prefix);
                out.write(Numbers.csv(values[i]));
                out.write(format.getDelimiterString());
                out.write(Long.toString(counts[i]));
                out.write('\n');
            }
        }
    }
}
