package org.edgebench.plan;

import org.edgebench.run.Benchmark;
import org.edgebench.BadInputException;
import org.edgebench.run.Configuration;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A named suite: {@code benchmarks/<name>.properties}, read from the working directory when it
 * is there (so a user can edit one) and otherwise from the copy inside the jar. Keys (see
 * benchmarks/README.md): {@code include} (benchmark regexp), the JMH parameters {@code model},
 * {@code batchSize}, {@code provider}, {@code intraOpThreads}, {@code dims}, {@code inputs} (comma-separated
 * values; {@code 1..cores} for thread counts up to the core count), and {@code forks}, {@code warmupIterations}, {@code warmupTime},
 * {@code measurementIterations}, {@code measurementTime} (for the benchmarks {@code include} selects;
 * others keep their annotations). Command-line options win over the suite.
 */
public record Suite(String name, String include, Map<String, List<String>> params,
                    Optional<Integer> forks, Optional<Integer> warmupIterations, Optional<TimeValue> warmupTime,
                    Optional<Integer> measurementIterations, Optional<TimeValue> measurementTime) {

    public static final String DEFAULT = "default";


    /** Loads a suite by name. */
    public static Suite load(String name) {
        if (!name.matches("[A-Za-z0-9_-]+")) {
            throw new BadInputException("bad suite name '" + name + "'; suites: " + String.join(", ", available()));
        }
        Properties properties = new Properties();
        Path file = Paths.get("benchmarks", name + ".properties");
        try {
            if (Files.isRegularFile(file)) {
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    properties.load(reader);
                }
            } else {
                try (InputStream in = Suite.class.getResourceAsStream("/benchmarks/" + name + ".properties")) {
                    if (in == null) {
                        throw new BadInputException("unknown suite '" + name + "'; suites: " + String.join(", ", available()));
                    }
                    properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new BadInputException("cannot read suite " + name + ": " + e.getMessage(), e);
        }
        return parse(name, properties);
    }

    static Suite parse(String name, Properties p) {
        for (String key : p.stringPropertyNames()) {
            if (!Configuration.SUITE_PARAMS.contains(key) && !List.of("include", "forks", "warmupIterations", "warmupTime",
                    "measurementIterations", "measurementTime").contains(key)) {
                throw new BadInputException("suite " + name + ": unknown key '" + key + "'");
            }
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String param : Configuration.SUITE_PARAMS) {
            String value = p.getProperty(param);
            if (value != null) {
                // An empty value (dims=) is one empty parameter value, as JMH's @Param("") is.
                params.put(param, value.isBlank() ? List.of("")
                        : Arrays.stream(value.split(",")).map(String::strip).flatMap(v -> expand(v).stream()).toList());
            }
        }
        return new Suite(name, p.getProperty("include", Benchmark.ORT_RUN.className()).strip(), Map.copyOf(params),
                integer(name, p, "forks"), integer(name, p, "warmupIterations"), time(name, p, "warmupTime"),
                integer(name, p, "measurementIterations"), time(name, p, "measurementTime"));
    }

    /**
     * {@code 1..cores} becomes 1, 2, 4, ... up to this machine's core count, and the count itself,
     * so one thread-scaling suite fits a 2-core CI runner and a 64-core server alike.
     */
    static List<String> expand(String value) {
        if (!value.equals("1..cores")) {
            return List.of(value);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        TreeSet<Integer> threads = new TreeSet<>();
        for (int t = 1; t <= cores; t *= 2) {
            threads.add(t);
        }
        threads.add(cores);
        return threads.stream().map(String::valueOf).toList();
    }

    private static Optional<Integer> integer(String suite, Properties p, String key) {
        return setting(suite, p, key, Integer::parseInt, "a whole number");
    }

    private static Optional<TimeValue> time(String suite, Properties p, String key) {
        return setting(suite, p, key, TimeValue::fromString, "a time such as 2s or 500ms");
    }

    private static <T> Optional<T> setting(String suite, Properties p, String key, Function<String, T> parse, String what) {
        String value = p.getProperty(key);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse.apply(value.strip()));
        } catch (RuntimeException e) {
            throw new BadInputException("suite " + suite + ": " + key + " must be " + what + ", was '" + value + "'");
        }
    }

    /**
     * The suite as it applies to one benchmark: a suite's run settings are for the benchmarks its
     * {@code include} selects, so the cold-start and warm-up benchmarks, run by a regexp beside
     * the default suite, keep their own (no warm-up, single shots).
     */
    public Suite forBenchmark(String benchmark) {
        if (Pattern.compile(include).matcher(benchmark).find()) {
            return this;
        }
        return new Suite(name, include, params, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** The suites shipped in the jar. */
    public static List<String> available() {
        return List.of("quick", "default", "ci", "full");
    }
}
