package org.edgebench.report.csv;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.edgebench.text.Csv;
import org.edgebench.profile.Placement;
import org.edgebench.run.CsvRows;
import org.edgebench.run.RunFiles;
import org.edgebench.text.Numbers;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code placement.csv}: one row per model, provider and dims of a run, with the nodes each
 * provider ran ({@link Placement}). The launcher writes it before the benchmarks; the report reads
 * it back, so {@code report RUN_DIR} states it too. Counts by provider and by operator type are
 * cells of the form {@code XNNPACK 53; CPU 14}.
 */
public final class PlacementCsv {

    public static final String FILE = RunFiles.PLACEMENT_CSV;

    enum Col {
        MODEL("model", Placement::model),
        PROVIDER("provider", Placement::provider),
        DIMS("dims", Placement::dims),
        NODES("nodes", p -> p.isFailure() ? "" : Integer.toString(p.totalNodes())),
        NODES_ON_CPU("nodes_on_cpu", p -> p.isFailure() ? "" : Integer.toString(p.onCpu())),
        NODES_BY_PROVIDER("nodes_by_provider", p -> counts(p.nodes())),
        CPU_OPERATORS("cpu_operators", p -> counts(p.cpuOperators())),
        MAX_ABS_DIFF_VS_CPU("max_abs_diff_vs_cpu", p -> p.maxAbsDiffVsCpu() == null ? "" : Numbers.csv(p.maxAbsDiffVsCpu())),
        ERROR("error", Placement::error);

        final String header;
        final Function<Placement, String> cell;

        Col(String header, Function<Placement, String> cell) {
            this.header = header;
            this.cell = cell;
        }
    }

    private PlacementCsv() {
    }

    public static void write(List<Placement> rows, Writer out) throws IOException {
        CSVFormat format = Csv.builder()
                .setHeader(Arrays.stream(Col.values()).map(c -> c.header).toArray(String[]::new))
                .get();
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            for (Placement row : rows) {
                for (Col column : Col.values()) {
                    printer.print(column.cell.apply(row));
                }
                printer.println();
            }
        }
    }

    /** Every column the file must have. */
    private static final List<String> HEADERS = Arrays.stream(Col.values()).map(c -> c.header).toList();

    /**
     * The summary's lines for {@code folder}'s placement.csv: one per row, or the one reason it
     * could not be read; empty when there is none (a run made before the file existed).
     */
    public static List<String> lines(Path folder) {
        try {
            return read(folder).map(rows -> rows.stream().map(Placement::line).toList()).orElse(List.of());
        } catch (IOException e) {
            return List.of(FILE + " is unreadable (" + Optional.ofNullable(e.getMessage())
                    .map(m -> m.lines().findFirst().orElse("")).orElse(e.getClass().getSimpleName()) + ")");
        }
    }

    public static Optional<List<Placement>> read(Path folder) throws IOException {
        return CsvRows.read(folder, FILE, HEADERS, PlacementCsv::row);
    }

    /** Reads the rows; columns are found by their header, so their order does not matter. */
    public static List<Placement> read(Reader in) throws IOException {
        return CsvRows.read(in, HEADERS, PlacementCsv::row);
    }

    private static Placement row(CSVRecord record) throws IOException {
        String diff = record.get(Col.MAX_ABS_DIFF_VS_CPU.header).strip();
        return new Placement(record.get(Col.MODEL.header), record.get(Col.PROVIDER.header), record.get(Col.DIMS.header),
                counts(record, Col.NODES_BY_PROVIDER), counts(record, Col.CPU_OPERATORS),
                diff.isEmpty() ? null : Double.valueOf(diff), record.get(Col.ERROR.header));
    }

    private static String counts(Map<String, Integer> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("; "));
    }

    private static Map<String, Integer> counts(CSVRecord record, Col column) throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        String cell = record.get(column.header).strip();
        if (cell.isEmpty()) {
            return counts;
        }
        for (String part : cell.split(";")) {
            String entry = part.strip();
            int space = entry.lastIndexOf(' ');
            try {
                counts.put(entry.substring(0, space), Integer.parseInt(entry.substring(space + 1)));
            } catch (IndexOutOfBoundsException | NumberFormatException e) {
                throw new IOException("row " + record.getRecordNumber() + ": '" + entry + "' in column " + column.header
                        + " is not NAME COUNT");
            }
        }
        return counts;
    }
}
