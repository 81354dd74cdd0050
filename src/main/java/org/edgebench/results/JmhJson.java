package org.edgebench.results;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.edgebench.BadInputException;
import org.edgebench.run.RunFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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

    private static final String NOT_JMH = " is not JMH JSON: expected an array of results with 'benchmark', 'mode' and 'primaryMetric'";

    /* Tolerates bare NaN/Infinity, which some JMH front ends (Gradle plugins, hand edits) write. */
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    private JmhJson() {
    }

    /** The JMH JSON file for {@code fileOrRunDir}: the file itself, or {@code jmh.json} inside a run folder. */
    public static Path resolve(Path fileOrRunDir) {
        if (Files.isDirectory(fileOrRunDir)) {
            Path file = fileOrRunDir.resolve(RunFiles.JMH_JSON);
            if (!Files.isRegularFile(file)) {
                throw new BadInputException(fileOrRunDir + " is a folder without " + RunFiles.JMH_JSON + ": pass a run folder or a JMH JSON file (-rf json)");
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
        // Streamed rather than read as one tree: histograms make up nearly all of a big file and
        // go straight into primitive arrays; the small parts are read as trees.
        try (JsonParser parser = MAPPER.createParser(file.toFile())) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new BadInputException(file + " is empty: expected JMH's JSON results (-rf json)");
            }
            if (first != JsonToken.START_ARRAY) {
                throw notJmh(file);
            }
            List<JmhResult> results = new ArrayList<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token != JsonToken.START_OBJECT) {
                    throw notJmh(file);
                }
                results.add(result(file, parser));
            }
            if (results.isEmpty()) {
                throw new BadInputException(file + " holds an empty array: the JMH run produced no results (did every benchmark fail? see its log)");
            }
            if (parser.nextToken() != null) {
                throw new BadInputException(file + " is not valid JSON at line " + parser.currentLocation().getLineNr()
                        + ", column " + parser.currentLocation().getColumnNr() + ": content after the closing ']'");
            }
            return List.copyOf(results);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new BadInputException(file + " is not valid JSON" + where + ": " + firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static BadInputException notJmh(Path file) {
        return new BadInputException(file + NOT_JMH);
    }

    /** Reads one result object; the parser is on its START_OBJECT and is left on its END_OBJECT. */
    private static JmhResult result(Path file, JsonParser parser) throws IOException {
        String benchmark = null;
        String mode = null;
        int forks = 1;
        int threads = 1;
        JsonNode params = null;
        JsonNode secondary = null;
        String turnGroup = "";
        Primary primary = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "benchmark" -> benchmark = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "mode" -> mode = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "forks" -> forks = parser.getValueAsInt(1);
                case "threads" -> threads = parser.getValueAsInt(1);
                case "params" -> params = parser.readValueAsTree();
                case "secondaryMetrics" -> secondary = parser.readValueAsTree();
                case "jvmArgs" -> turnGroup = turnGroup(parser.readValueAsTree());
                case "primaryMetric" -> primary = value == JsonToken.START_OBJECT ? primary(file, parser) : null;
                default -> parser.skipChildren();
            }
        }
        if (benchmark == null || mode == null || primary == null || primary.unit == null) {
            throw notJmh(file);
        }
        if (!TimeUnits.isKnown(primary.unit)) {
            throw new BadInputException(file + ": " + benchmark + " has score unit '" + primary.unit
                    + "', not a JMH time unit (ns/op, us/op, ms/op, s/op or ops/s, ops/ms...)");
        }
        Map<String, String> paramMap = new LinkedHashMap<>();
        if (params != null) {
            params.properties().forEach(p -> paramMap.put(p.getKey(), p.getValue().asText()));
        }
        Map<String, SecondaryMetric> secondaryMap = new LinkedHashMap<>();
        if (secondary != null) {
            secondary.properties().forEach(p -> {
                JsonNode m = p.getValue();
                secondaryMap.put(stripDot(p.getKey()), new SecondaryMetric(
                        number(m.path("score")), number(m.path("scoreError")), m.path("scoreUnit").asText(""), rawData(m.path("rawData"))));
            });
        }
        return new JmhResult(benchmark, mode, forks, threads, paramMap, primary.unit, primary.score, primary.error,
                primary.percentiles, primary.histograms, primary.rawData, secondaryMap, turnGroup);
    }

    /* The last -Dedgebench.turnGroup=N of the forks' JVM options, as JMH recorded them. */
    private static String turnGroup(JsonNode jvmArgs) {
        String group = "";
        for (JsonNode arg : jvmArgs) {
            if (arg.asText("").startsWith(JmhResult.TURN_GROUP_OPTION)) {
                group = arg.asText().substring(JmhResult.TURN_GROUP_OPTION.length());
            }
        }
        return group;
    }

    private static final class Primary {
        String unit;
        double score = Double.NaN;
        double error = Double.NaN;
        Map<Double, Double> percentiles = new LinkedHashMap<>();
        List<List<Histogram>> histograms = List.of();
        List<List<Double>> rawData = List.of();
    }

    private static Primary primary(Path file, JsonParser parser) throws IOException {
        Primary primary = new Primary();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "scoreUnit" -> primary.unit = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "score" -> primary.score = number(parser.readValueAsTree());
                case "scoreError" -> primary.error = number(parser.readValueAsTree());
                case "scorePercentiles" -> {
                    JsonNode node = parser.readValueAsTree();
                    for (var p : node.properties()) {
                        try {
                            primary.percentiles.put(Double.parseDouble(p.getKey()), number(p.getValue()));
                        } catch (NumberFormatException e) {
                            throw notJmh(file);
                        }
                    }
                }
                case "rawData" -> primary.rawData = rawData(parser.readValueAsTree());
                case "rawDataHistogram" -> primary.histograms = histograms(file, parser);
                default -> parser.skipChildren();
            }
        }
        return primary;
    }

    private static List<List<Double>> rawData(JsonNode forksNode) {
        List<List<Double>> forks = new ArrayList<>();
        for (JsonNode fork : forksNode) {
            List<Double> iterations = new ArrayList<>(fork.size());
            for (JsonNode value : fork) {
                iterations.add(number(value));
            }
            forks.add(iterations);
        }
        return forks;
    }

    /** [fork][iteration][[value, count], ...], read token by token into primitive arrays. */
    private static List<List<Histogram>> histograms(Path file, JsonParser parser) throws IOException {
        expect(file, parser.currentToken(), JsonToken.START_ARRAY);
        List<List<Histogram>> forks = new ArrayList<>();
        double[] values = new double[256];
        long[] counts = new long[256];
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            expect(file, parser.currentToken(), JsonToken.START_ARRAY);
            List<Histogram> iterations = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                expect(file, parser.currentToken(), JsonToken.START_ARRAY);
                int n = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    expect(file, parser.currentToken(), JsonToken.START_ARRAY);
                    if (n == values.length) {
                        values = Arrays.copyOf(values, n * 2);
                        counts = Arrays.copyOf(counts, n * 2);
                    }
                    parser.nextToken();
                    values[n] = parser.currentToken().isNumeric() ? parser.getDoubleValue() : number(parser.readValueAsTree());
                    parser.nextToken();
                    counts[n] = parser.getValueAsLong();
                    expect(file, parser.nextToken(), JsonToken.END_ARRAY);
                    n++;
                }
                iterations.add(new Histogram(Arrays.copyOf(values, n), Arrays.copyOf(counts, n)));
            }
            forks.add(iterations);
        }
        return forks;
    }

    private static void expect(Path file, JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw notJmh(file);
        }
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
