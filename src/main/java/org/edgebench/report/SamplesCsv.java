package org.edgebench.report;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes {@code latency_samples.csv}: each configuration's latency distribution as distinct
 * values with counts (SampleTime's histograms summed over forks and iterations; SingleShotTime's
 * shots), so a spreadsheet or pandas can redraw it. Modes without a distribution have no rows.
 */
public final class SamplesCsv {

    public static final String FILE = "latency_samples.csv";

    private SamplesCsv() {
    }

    public static void write(List<ConfigurationStats> rows, Writer out) throws IOException {
        List<Column> configuration = Column.configuration(LatencyCsv.hasOtherParams(rows));
        List<Column> columns = Column.samples(LatencyCsv.hasOtherParams(rows));
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setHeader(Column.headers(columns))
                .setRecordSeparator('\n')
                .get();
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            for (ConfigurationStats row : rows) {
                if (!row.hasDistribution()) {
                    continue;
                }
                String[] cells = new String[columns.size()];
                for (int i = 0; i < configuration.size(); i++) {
                    cells[i] = configuration.get(i).value(row);
                }
                double[] values = row.distribution().valuesMs();
                long[] counts = row.distribution().counts();
                for (int i = 0; i < values.length; i++) {
                    cells[cells.length - 2] = Numbers.csv(values[i]);
                    cells[cells.length - 1] = Long.toString(counts[i]);
                    printer.printRecord((Object[]) cells);
                }
            }
        }
    }
}
