package org.edgebench.compare;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Writes JMH 1.37-shaped JSON (and env.json) for tests, from synthetic fork histograms. */
public final class JmhFixture {

    static final String BENCHMARK = "org.edgebench.bench.OrtSessionRunBenchmark.run";
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final ArrayNode entries = JSON.createArrayNode();

    /** A SampleTime entry; each fork's histogram is split into two measurement iterations. */
    public JmhFixture sample(Map<String, String> params, String unit, double scale, List<SyntheticForks.Histogram> forks) {
        ObjectNode primary = entry("sample", params, unit);
        ArrayNode raw = primary.putArray("rawDataHistogram");
        for (SyntheticForks.Histogram fork : forks) {
            ArrayNode iterations = raw.addArray();
            ArrayNode first = iterations.addArray();
            ArrayNode second = iterations.addArray();
            for (int i = 0; i < fork.values().length; i++) {
                long half = fork.counts()[i] / 2;
                if (half > 0) {
                    first.addArray().add(fork.values()[i] * scale).add(half);
                }
                if (fork.counts()[i] - half > 0) {
                    second.addArray().add(fork.values()[i] * scale).add(fork.counts()[i] - half);
                }
            }
        }
        primary.put("score", 1.0);
        return this;
    }

    /** A Throughput entry with the given iteration scores per fork. */
    public JmhFixture throughput(Map<String, String> params, double[][] forks) {
        ObjectNode primary = entry("thrpt", params, "ops/s");
        ArrayNode raw = primary.putArray("rawData");
        for (double[] fork : forks) {
            ArrayNode iterations = raw.addArray();
            for (double v : fork) {
                iterations.add(v);
            }
        }
        primary.put("score", forks[0][0]);
        return this;
    }

    private ObjectNode entry(String mode, Map<String, String> params, String unit) {
        ObjectNode e = entries.addObject();
        e.put("jmhVersion", "1.37");
        e.put("benchmark", BENCHMARK);
        e.put("mode", mode);
        e.put("threads", 1);
        e.put("forks", 5);
        ObjectNode p = e.putObject("params");
        new TreeMap<>(params).forEach(p::put);
        ObjectNode primary = e.putObject("primaryMetric");
        primary.put("scoreError", 0.01);
        primary.put("scoreUnit", unit);
        e.putObject("secondaryMetrics");
        return primary;
    }

    /** Writes {@code dir/jmh.json} (and env.json when {@code arch} is not null) and returns {@code dir}. */
    public Path writeRun(Path dir, String arch, String host) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("jmh.json"), JSON.writeValueAsString(entries));
            if (arch != null) {
                ObjectNode env = JSON.createObjectNode();
                ObjectNode ort = env.putObject("onnxRuntime");
                ort.put("version", "1.29.0");
                ort.putArray("availableProviders").add("CPU");
                ObjectNode machine = env.putObject("machine");
                machine.put("arch", arch);
                machine.put("cpuModel", arch.equals("aarch64") ? "Cortex-A76" : "Intel(R) Xeon(R)");
                machine.put("cores", 4);
                machine.put("hostname", host);
                Files.writeString(dir.resolve("env.json"), JSON.writeValueAsString(env));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Map<String, String> params(int batchSize) {
        return Map.of("model", "student", "provider", "CPU", "batchSize", Integer.toString(batchSize),
                "intraOpThreads", "1", "dims", "");
    }
}
