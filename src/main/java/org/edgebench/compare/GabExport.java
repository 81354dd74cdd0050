package org.edgebench.compare;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.edgebench.text.Numbers;
import org.edgebench.results.JmhResult;
import org.edgebench.stats.ForkValues;
import org.edgebench.stats.Median;
import org.edgebench.stats.Metric;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A run in github-action-benchmark's custom formats: {@code customSmallerIsBetter} for latencies
 * (P50, P95, P99 per configuration, so the action tracks the tail, not only JMH's mean score) and
 * {@code customBiggerIsBetter} for throughput. The action's own JMH reader would treat every
 * score as smaller-is-better and drop the parameters from the names.
 */
public final class GabExport {

    public static final String SMALLER_FILE = "gab-smaller-is-better.json";
    public static final String BIGGER_FILE = "gab-bigger-is-better.json";

    private static final List<Metric> LATENCY_METRICS = List.of(Metric.P50, Metric.P95, Metric.P99);
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private GabExport() {
    }

    /** Writes the two files into {@code dir} (a file only when it has entries) and returns what was written. */
    public static List<Path> write(Path dir, Run run) throws IOException {
        ArrayNode smaller = JSON.createArrayNode();
        ArrayNode bigger = JSON.createArrayNode();
        var labels = Comparison.labels(run.results().values());
        for (var entry : run.results().entrySet()) {
            JmhResult r = entry.getValue();
            String name = labels.get(entry.getKey());
            if (r.isRate()) {
                bigger.add(entry(name + " throughput", r, Metric.MEAN));
            } else if (r.rawDataHistogram().isEmpty()) {
                smaller.add(entry(name + " mean", r, Metric.MEAN));
            } else {
                for (Metric m : LATENCY_METRICS) {
                    smaller.add(entry(name + " " + m.label(), r, m));
                }
            }
        }
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        if (!smaller.isEmpty()) {
            written.add(save(dir.resolve(SMALLER_FILE), smaller));
        }
        if (!bigger.isEmpty()) {
            written.add(save(dir.resolve(BIGGER_FILE), bigger));
        }
        return written;
    }

    private static ObjectNode entry(String name, JmhResult r, Metric metric) {
        double[] forks = ForkValues.of(r, metric);
        double value = Median.of(forks);
        double spread = (Arrays.stream(forks).max().orElse(value) - Arrays.stream(forks).min().orElse(value)) / 2;
        ObjectNode node = JSON.createObjectNode();
        node.put("name", name);
        node.put("unit", ForkValues.unit(r));
        node.put("value", value);
        node.put("range", String.format(Locale.ROOT, "± %s", Numbers.value(spread, ForkValues.unit(r))));
        node.put("extra", String.format(Locale.ROOT, "median of %d forks' %s; range is half the fork spread; mode %s",
                forks.length, metric.label(), r.mode()));
        return node;
    }

    private static Path save(Path file, ArrayNode entries) throws IOException {
        JSON.writeValue(file.toFile(), entries);
        return file;
    }
}
