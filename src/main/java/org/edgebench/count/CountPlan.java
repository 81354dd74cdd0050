package org.edgebench.count;

import org.edgebench.BadInputException;
import org.edgebench.run.Configuration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the counting JVM does, handed to it as a file: the configurations in order, the warm-up
 * calls before the counted ones, and the two call counts whose difference gives the instructions
 * per call. One line per setting or configuration, {@code name=value} fields joined by tabs.
 */
public record CountPlan(int warmup, int callsLow, int callsHigh, List<Configuration> configurations) {

    private static final String WARMUP = "warmup";
    private static final String CALLS = "calls";
    private static final String CONFIGURATION = "configuration";

    /** Keeps the configurations of one session (those that differ only in the batch size) together, in first-seen order. */
    public CountPlan {
        check(warmup, callsLow, callsHigh);
        Map<Configuration.Key, List<Configuration>> bySession = new LinkedHashMap<>();
        configurations.forEach(c -> bySession.computeIfAbsent(sessionKey(c), k -> new ArrayList<>()).add(c));
        configurations = bySession.values().stream().flatMap(List::stream).toList();
    }

    /** What a configuration's session depends on: everything but the batch size. */
    public static Configuration.Key sessionKey(Configuration c) {
        return c.key().without(Configuration.BATCH_SIZE);
    }

    /**
     * @throws BadInputException unless {@code warmup >= 0} and {@code 1 <= callsLow < callsHigh}
     */
    public static void check(int warmup, int callsLow, int callsHigh) {
        if (warmup < 0 || callsLow < 1 || callsHigh <= callsLow) {
            throw new BadInputException("the count needs --warmup >= 0 and --calls LOW,HIGH with 1 <= LOW < HIGH,"
                    + " was --warmup " + warmup + " --calls " + callsLow + "," + callsHigh);
        }
    }

    /** The calls each configuration makes in the counting JVM: the inputs' first call, the warm-up, the counted ones. */
    public int callsPerConfiguration() {
        return 1 + warmup + callsHigh;
    }

    public void write(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(WARMUP + "=" + warmup);
        lines.add(CALLS + "=" + callsLow + "," + callsHigh);
        for (Configuration c : configurations) {
            StringBuilder line = new StringBuilder(CONFIGURATION).append('\t').append(c.benchmark());
            c.params().forEach((name, value) -> {
                if (value.contains("\t") || value.contains("\n") || value.contains("\r")) {
                    throw new BadInputException(name + " '" + value + "' holds a tab or a line break; rename it to count it");
                }
                line.append('\t').append(name).append('=').append(value);
            });
            lines.add(line.toString());
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    public static CountPlan read(Path file) throws IOException {
        int warmup = -1;
        int low = 0;
        int high = 0;
        List<Configuration> configurations = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith(WARMUP + "=")) {
                warmup = Integer.parseInt(line.substring(WARMUP.length() + 1));
            } else if (line.startsWith(CALLS + "=")) {
                String[] calls = line.substring(CALLS.length() + 1).split(",");
                low = Integer.parseInt(calls[0]);
                high = Integer.parseInt(calls[1]);
            } else if (line.startsWith(CONFIGURATION + "\t")) {
                String[] fields = line.split("\t", -1);
                Map<String, String> params = new LinkedHashMap<>();
                for (int i = 2; i < fields.length; i++) {
                    int eq = fields[i].indexOf('=');
                    params.put(fields[i].substring(0, eq), fields[i].substring(eq + 1));
                }
                configurations.add(Configuration.planned(fields[1], 1, params));
            } else if (!line.isBlank()) {
                throw new IOException(file + ": unexpected line '" + line + "'");
            }
        }
        return new CountPlan(warmup, low, high, configurations);
    }
}
