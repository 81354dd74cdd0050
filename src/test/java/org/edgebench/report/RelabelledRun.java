package org.edgebench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Makes {@code cases/providers} (a run of two providers) from {@code fixtures/sample} (a real run on
 * CPU), because no second provider attaches to the stock ONNX Runtime of the machine the fixtures
 * were recorded on. Every result is kept and followed by a copy labelled {@code XNNPACK} whose
 * times are the recording's scaled by {@link #SCALE} for its batch size: faster at batch 1, within
 * noise at 8, slower at 32, so one run shows each way a comparison can read. Sample counts and the
 * memory metrics are copied unchanged. It is a relabelled recording, not a measurement of XNNPACK.
 *
 * <p>From the project's base directory, after {@code mvn -o package -DskipTests}:
 * {@code java -cp target/benchmarks.jar:target/test-classes org.edgebench.report.RelabelledRun}
 * rewrites the two files; {@code ProvidersReportTest} checks that the committed ones are what this
 * makes.
 */
final class RelabelledRun {

    static final String FROM = "fixtures/sample";
    static final String TO = "cases/providers";
    static final String PROVIDER = "XNNPACK";
    /** The copy's time per call over the recording's, by batch size. */
    static final Map<String, Double> SCALE = Map.of("1", 0.6, "8", 0.98, "32", 1.15);
    static final String LABEL = "relabelled-cpu-as-xnnpack";

    private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final Path SOURCE = Path.of("src", "test", "resources", "report");

    private RelabelledRun() {
    }

    public static void main(String[] args) throws IOException {
        Path to = SOURCE.resolve(TO);
        Files.createDirectories(to);
        // Without whitespace, like workloads/, to keep the doubled run small.
        Files.writeString(to.resolve("jmh.json"), JsonMapper.builder().build().writeValueAsString(jmh()) + "\n");
        Files.writeString(to.resolve("env.json"), MAPPER.writeValueAsString(env()) + "\n");
        System.out.println("wrote " + to.toAbsolutePath());
    }

    /** The recording's results, each followed by its relabelled, scaled copy. */
    static ArrayNode jmh() throws IOException {
        ArrayNode recorded = (ArrayNode) MAPPER.readTree(Fixtures.text(FROM + "/jmh.json"));
        ArrayNode out = MAPPER.createArrayNode();
        for (JsonNode result : recorded) {
            out.add(result);
            ObjectNode copy = result.deepCopy();
            ((ObjectNode) copy.get("params")).put("provider", PROVIDER);
            double scale = SCALE.get(copy.get("params").get("batchSize").asText());
            ObjectNode primary = (ObjectNode) copy.get("primaryMetric");
            String unit = primary.get("scoreUnit").asText();
            scaleMetric(primary, scale);
            for (JsonNode histogramFork : primary.get("rawDataHistogram")) {
                for (JsonNode iteration : histogramFork) {
                    for (JsonNode bin : iteration) {
                        ((ArrayNode) bin).set(0, DoubleNode.valueOf(bin.get(0).asDouble() * scale));
                    }
                }
            }
            // JMH's per-iteration percentiles (p0.50 ...) share the primary unit; memory metrics (MB) do not scale.
            for (Iterator<JsonNode> it = copy.get("secondaryMetrics").elements(); it.hasNext(); ) {
                ObjectNode metric = (ObjectNode) it.next();
                if (metric.get("scoreUnit").asText().equals(unit)) {
                    scaleMetric(metric, scale);
                }
            }
            out.add(copy);
        }
        return out;
    }

    /** The recording's env.json as if both providers had run. */
    static ObjectNode env() throws IOException {
        ObjectNode env = (ObjectNode) MAPPER.readTree(Fixtures.text(FROM + "/env.json"));
        env.put("label", LABEL);
        ((ObjectNode) env.get("onnxRuntime")).set("availableProviders", MAPPER.createArrayNode().add("CPU").add(PROVIDER));
        ObjectNode providers = (ObjectNode) env.get("providers");
        providers.set("run", MAPPER.createArrayNode().add("CPU").add(PROVIDER));
        providers.set("skipped", MAPPER.createArrayNode());
        ObjectNode run = (ObjectNode) env.get("run");
        run.put("configurations", 2 * run.get("configurations").asInt());
        run.put("finished", 2 * run.get("finished").asInt());
        return env;
    }

    private static void scaleMetric(ObjectNode metric, double scale) {
        scaleNumber(metric, "score", scale);
        scaleNumber(metric, "scoreError", scale);
        scaleAll(metric.get("scoreConfidence"), scale);
        scaleAll(metric.get("scorePercentiles"), scale);
        JsonNode raw = metric.get("rawData");
        if (raw != null) {
            raw.forEach(fork -> scaleAll(fork, scale));
        }
    }

    /* JMH writes NaN as the string "NaN", which stays as it is. */
    private static void scaleNumber(ObjectNode node, String field, double scale) {
        if (node.get(field).isNumber()) {
            node.put(field, node.get(field).asDouble() * scale);
        }
    }

    private static void scaleAll(JsonNode container, double scale) {
        if (container instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isNumber()) {
                    array.set(i, DoubleNode.valueOf(array.get(i).asDouble() * scale));
                }
            }
        } else if (container instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(name -> scaleNumber(object, name, scale));
        }
    }
}
