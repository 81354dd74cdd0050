package org.edgebench.count;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.edgebench.text.Csv;
import org.edgebench.run.Configuration;
import org.edgebench.run.RunFiles;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code instructions.csv}: one row per counted configuration. The configuration's columns are
 * latency.csv's, with {@code dims} in a column of its own (a count is always of
 * {@code OrtSessionRunBenchmark}, whose parameters are known), so a row reads back into the same
 * {@link Configuration.Key} it was written from.
 */
public final class InstructionsCsv {

    public static final String FILE = RunFiles.INSTRUCTIONS_CSV;

    /** The columns, in file order. */
    enum Column {
        BENCHMARK, MODEL, PROVIDER, BATCH_SIZE, INTRA_OP_THREADS, DIMS, CALLS_LOW, CALLS_HIGH, INSTRUCTIONS_LOW,
        INSTRUCTIONS_HIGH, INSTRUCTIONS_PER_INFERENCE, INSTRUCTIONS_PER_ITEM, VALGRIND;

        String header() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private InstructionsCsv() {
    }

    public static void write(List<InstructionCount> counts, Writer out) throws IOException {
        CSVFormat format = Csv.builder()
                .setHeader(Arrays.stream(Column.values()).map(Column::header).toArray(String[]::new))
                .get();
        try (CSVPrinter csv = new CSVPrinter(out, format)) {
            for (InstructionCount count : counts) {
                Configuration c = count.configuration();
                csv.printRecord(c.benchmark(), c.model(), c.provider(), c.batchSize(), c.intraOpThreads(),
                        c.params().getOrDefault(Configuration.DIMS, ""), count.callsLow(), count.callsHigh(),
                        count.instructionsLow(), count.instructionsHigh(), decimal(count.perInference()),
                        decimal(count.perItem()), count.valgrind());
            }
        }
    }

    /**
     * Reads {@code file}.
     *
     * @throws IOException when it cannot be read, lacks a column, or holds a count that is not one
     */
    public static List<InstructionCount> read(Path file) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        List<InstructionCount> counts = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(in, format)) {
            for (Column column : Column.values()) {
                if (!parser.getHeaderMap().containsKey(column.header())) {
                    throw new IOException(file + " has no column " + column.header());
                }
            }
            for (CSVRecord row : parser) {
                Map<String, String> params = new LinkedHashMap<>();
                params.put(Configuration.MODEL, row.get(Column.MODEL.header()));
                params.put(Configuration.PROVIDER, row.get(Column.PROVIDER.header()));
                params.put(Configuration.BATCH_SIZE, row.get(Column.BATCH_SIZE.header()));
                params.put(Configuration.INTRA_OP_THREADS, row.get(Column.INTRA_OP_THREADS.header()));
                params.put(Configuration.DIMS, row.get(Column.DIMS.header()));
                Configuration configuration = Configuration.planned(row.get(Column.BENCHMARK.header()), 1, params);
                try {
                    counts.add(new InstructionCount(configuration, Integer.parseInt(row.get(Column.CALLS_LOW.header())),
                            Integer.parseInt(row.get(Column.CALLS_HIGH.header())),
                            Long.parseLong(row.get(Column.INSTRUCTIONS_LOW.header())),
                            Long.parseLong(row.get(Column.INSTRUCTIONS_HIGH.header())), row.get(Column.VALGRIND.header())));
                } catch (IllegalArgumentException e) {
                    throw new IOException(file + " line " + parser.getCurrentLineNumber() + ": " + e.getMessage(), e);
                }
            }
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new IOException(file + " is not a readable instructions.csv: " + e.getMessage(), e);
        }
        return counts;
    }

    /**
     * The counts recorded with a side of a comparison: {@code instructions.csv} in a run folder (or
     * beside its {@code jmh.json}), {@code NAME.instructions.csv} beside any other {@code NAME.json}
     * (a committed baseline); empty when there are none.
     */
    public static Optional<List<InstructionCount>> besides(Path runOrJmhFile) throws IOException {
        Path file = Files.isDirectory(runOrJmhFile) ? runOrJmhFile.resolve(FILE) : RunFiles.beside(runOrJmhFile, FILE);
        return Files.isRegularFile(file) ? Optional.of(read(file)) : Optional.empty();
    }

    /** Counts over differences of calls are exact to a fraction of an instruction; one decimal keeps that. */
    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
