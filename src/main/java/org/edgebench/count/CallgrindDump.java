package org.edgebench.count;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One callgrind output file: one dump of the counters, which callgrind writes at each
 * {@code --dump-before} trigger ({@code callgrind.out.<pid>.<part>}) and at the end of the program
 * ({@code callgrind.out.<pid>}). Only the header and the {@code totals:} line are read (the
 * format's {@code summary:} when a file has no totals); the per-function costs are not needed, and
 * ONNX Runtime's own functions are stripped anyway.
 *
 * @param part         the dump's number, 1 for the first ({@code part:}); 0 when the file has none
 * @param trigger      what made callgrind write it ({@code desc: Trigger:}), e.g. {@code Program termination}
 * @param instructions instructions executed (event {@code Ir}) while collection was on since the previous dump
 */
public record CallgrindDump(int part, String trigger, long instructions) {

    /** The output files' common prefix, as {@code --callgrind-out-file} names them. */
    public static final String FILE_PREFIX = "callgrind.out";

    /**
     * Reads one output file.
     *
     * @throws IOException when the file cannot be read or is not callgrind output with an {@code Ir} count
     */
    public static CallgrindDump read(Path file) throws IOException {
        int part = 0;
        String trigger = "";
        int column = -1;
        String summary = null;
        String totals = null;
        boolean format = false;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("# callgrind format") || line.startsWith("creator: callgrind")) {
                    format = true;
                } else if (line.startsWith("part:")) {
                    part = Integer.parseInt(value(line));
                } else if (line.startsWith("desc: Trigger:")) {
                    trigger = line.substring("desc: Trigger:".length()).strip();
                } else if (line.startsWith("events:")) {
                    column = Arrays.asList(value(line).split("\\s+")).indexOf("Ir");
                } else if (line.startsWith("summary:")) {
                    summary = value(line);
                } else if (line.startsWith("totals:")) {
                    totals = value(line);
                }
            }
        } catch (NumberFormatException e) {
            throw new IOException(file + ": a bad part: line in callgrind output (" + e.getMessage() + ")", e);
        }
        if (!format) {
            throw new IOException(file + " is not callgrind output (no '# callgrind format' header)");
        }
        if (column < 0) {
            throw new IOException(file + ": callgrind output without an Ir (instructions) event");
        }
        String counts = totals != null ? totals : summary;
        if (counts == null) {
            throw new IOException(file + ": callgrind output without a totals: or summary: line (cut short?)");
        }
        String[] fields = counts.split("\\s+");
        // callgrind leaves trailing zero counts out of a cost line.
        long instructions;
        try {
            instructions = column < fields.length ? Long.parseLong(fields[column]) : 0;
        } catch (NumberFormatException e) {
            throw new IOException(file + ": a count that is not a whole number in '" + counts + "'", e);
        }
        return new CallgrindDump(part, trigger, instructions);
    }

    /** Every output file in {@code dir} whose name starts with {@link #FILE_PREFIX}, in the order callgrind wrote them. */
    public static List<CallgrindDump> readAll(Path dir) throws IOException {
        List<CallgrindDump> dumps = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(FILE_PREFIX)).toList()) {
                dumps.add(read(file));
            }
        }
        dumps.sort(Comparator.comparingInt(CallgrindDump::part));
        return dumps;
    }

    private static String value(String line) {
        return line.substring(line.indexOf(':') + 1).strip();
    }
}
