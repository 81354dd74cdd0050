package org.edgebench.report;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.edgebench.BadInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON that JMH writes with {@code -rf json} into {@link JmhResult}s. It follows JMH
 * 1.37's {@code JSONResultFormat}: parameter values are strings, NaN and infinities are the
 * strings {@code "NaN"}, {@code "+INF"} and {@code "-INF"}, SampleTime carries
 * {@code rawDataHistogram} and the other modes {@code rawData}.
 */
public final class JmhJson {

    /** The file a run folder holds JMH's JSON in. */
    public static final String RUN_FILE = "jmh.json";

    private static final String NOT_JMH = " is not JMH JSON: expected an array of results with 'benchmark', 'mode' and 'primaryMetric'";

    /* Tolerates bare NaN/Infinity, which some JMH front ends (Gradle plugins, hand edits) write. */
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private JmhJson() {
    }

    /** The JMH JSON file for {@code fileOrRunDir}: the file itself, or {@code jmh.json} inside a run folder. */
    public static Path resolve(Path fileOrRunDir) {
        if (Files.isDirectory(fileOrRunDir)) {
            Path file = fileOrRunDir.resolve(RUN_FILE);
            if (!Files.isRegularFile(file)) {
                throw new BadInputException(fileOrRunDir + " is a folder without " + RUN_FILE + ": pass a run folder or a JMH JSON file (-rf json)");
            }
            return file;
        }
        if (!Files.exists(fileOrRunDir)) {
            throw new BadInputException(fileOrRunDir + " not found: pass a run folder or a JMH JSON file (-rf json)");
        }
        return fileOrRunDir;
    }

    /**
     * Reads a JMH JSON file; a run folder (holding {@code jmh.json}) is accepted too.
     *
     * @throws BadInputException with a one-line reason naming the file when it is missing, not
     *                           JSON, an empty array or not JMH's JSON
     */
    public static List<JmhResult> read(Path fileOrRunDir) {
        Path file = resolve(fileOrRunDir);
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new BadInputException(file + " is not valid JSON" + where + ": " + firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new BadInputException(file + " is empty: expected JMH's JSON results (-rf json)");
        }
        if (!root.isArray()) {
            throw new BadInputException(file + NOT_JMH);
        }
        if (root.isEmpty()) {
            throw new BadInputException(file + " holds an empty array: the JMH run produced no results (did every benchmark fail? see its log)");
        }
        List<JmhResult> results = new ArrayList<>(root.size());
        for (JsonNode entry : root) {
            results.add(result(file, entry));
        }
        return List.copyOf(results);
    }

    private static JmhResult result(Path file, JsonNode entry) {
        JsonNode primary = entry.path("primaryMetric");
        if (!entry.path("benchmark").isTextual() || !entry.path("mode").isTextual() || !primary.isObject()
                || !primary.path("scoreUnit").isTextual()) {
            throw new BadInputException(file + NOT_JMH);
        }
        String benchmark = entry.get("benchmark").asText();
        String unit = primary.get("scoreUnit").asText();
        if (!TimeUnits.isKnown(unit)) {
            throw new BadInputException(file + ": " + benchmark + " has score unit '" + unit
                    + "', not a JMH time unit (ns/op, us/op, ms/op, s/op or ops/s, ops/ms...)");
        }
        Map<String, String> params = new LinkedHashMap<>();
        entry.path("params").properties().forEach(p -> params.put(p.getKey(), p.getValue().asText()));
        Map<Double, Double> percentiles = new LinkedHashMap<>();
        primary.path("scorePercentiles").properties()
                .forEach(p -> percentiles.put(Double.parseDouble(p.getKey()), number(p.getValue())));
        Map<String, SecondaryMetric> secondary = new LinkedHashMap<>();
        entry.path("secondaryMetrics").properties().forEach(p -> {
            JsonNode m = p.getValue();
            secondary.put(stripDot(p.getKey()), new SecondaryMetric(
                    number(m.path("score")), number(m.path("scoreError")), m.path("scoreUnit").asText(""), rawData(m)));
        });
        return new JmhResult(
                benchmark,
                entry.get("mode").asText(),
                entry.path("forks").asInt(1),
                entry.path("threads").asInt(1),
                params,
                unit,
                number(primary.path("score")),
                number(primary.path("scoreError")),
                percentiles,
                histograms(primary),
                rawData(primary),
                secondary);
    }

    private static List<List<Double>> rawData(JsonNode metric) {
        List<List<Double>> forks = new ArrayList<>();
        for (JsonNode fork : metric.path("rawData")) {
            List<Double> iterations = new ArrayList<>(fork.size());
            for (JsonNode value : fork) {
                iterations.add(number(value));
            }
            forks.add(iterations);
        }
        return forks;
    }

    private static List<List<Histogram>> histograms(JsonNode primary) {
        List<List<Histogram>> forks = new ArrayList<>();
        for (JsonNode fork : primary.path("rawDataHistogram")) {
            List<Histogram> iterations = new ArrayList<>(fork.size());
            for (JsonNode pairs : fork) {
                double[] values = new double[pairs.size()];
                long[] counts = new long[pairs.size()];
                for (int i = 0; i < values.length; i++) {
                    JsonNode pair = pairs.get(i);
                    values[i] = number(pair.path(0));
                    counts[i] = pair.path(1).asLong();
                }
                iterations.add(new Histogram(values, counts));
            }
            forks.add(iterations);
        }
        return forks;
    }

    /** A JMH number: a JSON number, or one of the strings JMH uses for values JSON cannot hold. */
    static double number(JsonNode node) {
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return switch (node.asText("")) {
            case "+INF", "INF", "Infinity", "+Infinity" -> Double.POSITIVE_INFINITY;
            case "-INF", "-Infinity" -> Double.NEGATIVE_INFINITY;
            case "" -> Double.NaN;
            default -> parseOrNaN(node.asText());
        };
    }

    private static double parseOrNaN(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String stripDot(String name) {
        return name.startsWith("\u00b7") ? name.substring(1) : name;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
