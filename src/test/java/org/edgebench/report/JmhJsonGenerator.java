package org.edgebench.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a realistic SampleTime JMH JSON of OrtSessionRunBenchmark: configurations of our
 * parameters, two forks of five iterations each, and per iteration a full histogram like JMH's
 * (values quantised to 10 bits of precision, a log-normal body and a long tail). Large for the
 * speed test; a few configurations at several caller counts for the concurrent-callers report.
 */
final class JmhJsonGenerator {

    static final int FORKS = 2;
    static final int ITERATIONS = 5;

    /** One configuration to write: our parameters, JMH's thread count (the callers) and the median call. */
    record Spec(String model, String provider, int batch, int intraOpThreads, int callers, double medianMs) {
    }

    private JmhJsonGenerator() {
    }

    /** Writes one result per spec to {@code file}, in order. */
    static Path write(Path file, List<Spec> specs, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("[\n");
            for (int c = 0; c < specs.size(); c++) {
                if (c > 0) {
                    out.write(",\n");
                }
                writeResult(out, random, specs.get(c));
            }
            out.write("\n]\n");
        }
        return file;
    }

    /** Writes {@code configurations} results (models x providers x batch sizes x threads) to {@code file}. */
    static Path write(Path file, int configurations, long seed) throws IOException {
        int[] batches = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512};
        String[] providers = {"CPU", "XNNPACK"};
        int[] threads = {0, 1, 2, 4, 8};
        List<Spec> specs = new ArrayList<>(configurations);
        for (int c = 0; c < configurations; c++) {
            int batch = batches[c % batches.length];
            String provider = providers[(c / batches.length) % providers.length];
            int thread = threads[(c / (batches.length * providers.length)) % threads.length];
            String model = "model" + c / (batches.length * providers.length * threads.length);
            specs.add(new Spec(model, provider, batch, thread, 1, 0.4 * Math.pow(batch, 0.8) * (1 + 0.1 * (c % 7))));
        }
        return write(file, specs, seed);
    }

    private static void writeResult(BufferedWriter out, SplittableRandom random, Spec spec) throws IOException {
        double medianMs = spec.medianMs();
        out.write(String.format(Locale.ROOT, """
                {"jmhVersion":"1.37","benchmark":"org.edgebench.bench.OrtSessionRunBenchmark.run","mode":"sample",
                 "threads":%d,"forks":%d,"params":{"batchSize":"%d","intraOpThreads":"%d","model":"%s","provider":"%s"},
                 "primaryMetric":{"score":%s,"scoreError":%s,"scorePercentiles":{"0.0":%s,"50.0":%s,"90.0":%s,"95.0":%s,
                 "99.0":%s,"99.9":%s,"99.99":%s,"100.0":%s},"scoreUnit":"ms/op","rawDataHistogram":[""",
                spec.callers(), FORKS, spec.batch(), spec.intraOpThreads(), spec.model(), spec.provider(), medianMs * 1.1,
                medianMs * 0.02, medianMs * 0.9, medianMs, medianMs * 1.2, medianMs * 1.4, medianMs * 2, medianMs * 4,
                medianMs * 8, medianMs * 20));
        // Calls per iteration: a ten-second iteration of a call of this length, as a real run gives.
        long callsPerIteration = Math.max(50, (long) (10_000 / medianMs));
        for (int f = 0; f < FORKS; f++) {
            out.write(f == 0 ? "[" : ",[");
            for (int i = 0; i < ITERATIONS; i++) {
                out.write(i == 0 ? "[" : ",[");
                writeHistogram(out, random, medianMs, callsPerIteration);
                out.write("]");
            }
            out.write("]");
        }
        out.write("]},\"secondaryMetrics\":{}}");
    }

    private static void writeHistogram(BufferedWriter out, SplittableRandom random, double medianMs, long calls)
            throws IOException {
        java.util.TreeMap<Double, Long> histogram = new java.util.TreeMap<>();
        for (long n = 0; n < calls; n++) {
            double value = medianMs * Math.exp(0.15 * gaussian(random));
            if (random.nextInt(200) == 0) {
                value *= 1 + 10 * random.nextDouble();
            }
            histogram.merge(quantise(value), 1L, Long::sum);
        }
        boolean first = true;
        for (var entry : histogram.entrySet()) {
            out.write(first ? "" : ",");
            out.write("[" + entry.getKey() + "," + entry.getValue() + "]");
            first = false;
        }
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /* JMH's histogram keeps 10 significant bits of the nanosecond value. */
    private static double quantise(double ms) {
        long ns = Math.max(1, (long) (ms * 1e6));
        int shift = Math.max(0, 64 - Long.numberOfLeadingZeros(ns) - 10);
        return ((ns >> shift) << shift) / 1e6;
    }
}
