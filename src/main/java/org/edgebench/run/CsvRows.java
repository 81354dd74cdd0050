package org.edgebench.run;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a CSV file of a run folder whose first line names its columns: columns are found by
 * their header, so their order does not matter, and a missing column or a malformed file is an
 * {@link IOException} saying why.
 */
public final class CsvRows {

    private CsvRows() {
    }

    /** One row turned into a value; a cell it cannot read is an IOException. */
    @FunctionalInterface
    public interface Row<T> {
        T read(CSVRecord record) throws IOException;
    }

    /** The rows of {@code file} in {@code folder}; empty when there is no such file. */
    public static <T> Optional<List<T>> read(Path folder, String file, List<String> headers, Row<T> row) throws IOException {
        Path path = folder.resolve(file);
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return Optional.of(read(in, headers, row));
        }
    }

    /** The rows of {@code in}, which must have every one of {@code headers}. */
    public static <T> List<T> read(Reader in, List<String> headers, Row<T> row) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        List<T> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(in, format)) {
            List<String> missing = headers.stream().filter(h -> !parser.getHeaderNames().contains(h)).toList();
            if (!missing.isEmpty()) {
                throw new IOException("no column " + String.join(", ", missing) + " in its header");
            }
            for (CSVRecord record : parser) {
                rows.add(row.read(record));
            }
        } catch (IllegalStateException | IllegalArgumentException | UncheckedIOException e) {
            throw new IOException(Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName()), e);
        }
        return rows;
    }
}
