package org.edgebench.report.csv;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.edgebench.text.Csv;
import org.edgebench.analysis.ConfigurationStats;
import org.edgebench.run.RunFiles;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** Writes {@code latency.csv}: one row per configuration, the columns of {@link Column#latency}. */
public final class LatencyCsv {

    public static final String FILE = RunFiles.LATENCY_CSV;

    private LatencyCsv() {
    }

    public static void write(List<ConfigurationStats> rows, Writer out) throws IOException {
        List<Column> columns = Column.latency(rows);
        CSVFormat format = Csv.builder()
                .setHeader(Column.headers(columns))
                .get();
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            for (ConfigurationStats row : rows) {
                for (Column column : columns) {
                    printer.print(column.value(row));
                }
                printer.println();
            }
        }
    }
}
