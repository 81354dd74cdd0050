package org.edgebench.report.bench;

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
 * Writes large, realistic JMH JSON: SampleTime configurations of our parameters for
 * {@link ReportWriteBenchmark}, two forks of five iterations each, and per iteration a full
 * histogram like JMH's (values quantised to 10 bits of precision, a log-normal body and a long
 * tail); and, for the report's tests, a run shaped like {@code --suite full} on a 2-core machine,
 * for the charts that must stay readable with many lines, and a few configurations at several
 * caller counts for the concurrent-callers report. In the main tree because the benchmark, which
 * ships in the jar, makes its input with it.
 */
public final class JmhJsonGenerator {

    public static final int FORKS = 2;
    public static final int ITERATIONS = 5;

    /** One OrtSessionRunBenchmark result: its parameters, its JMH thread count (callers) and its median. */
    public record Spec(String model, String provider, int batch, int intraOpThreads, int callers, double medianMs) {
    }

    private JmhJsonGenerator() {
    }

    /** Writes one result per spec to {@code file}, in order. */
    public static Path write(Path file, List<Spec> specs, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("[\n");
            for (int c = 0; c < specs.size(); c++) {
                if (c > 0) {
                    out.write(",\n");
                }
                Spec spec = specs.get(c);
                // A ten-second iteration of a call of this length, as a real run gives.
                writeResult(out, random, "OrtSessionRunBenchmark.run", spec.model(), spec.provider(), spec.batch(),
                        spec.intraOpThreads(), spec.callers(), spec.medianMs(), Math.max(50, (long) (10_000 / spec.medianMs())));
            }
            out.write("\n]\n");
        }
        return file;
    }

    /** Writes {@code configurations} results (models x providers x batch sizes x threads) to {@code file}. */
    public static Path write(Path file, int configurations, long seed) throws IOException {
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

    /**
     * 72 configurations like {@code --suite full} on a 2-core machine: models student, student-int8
     * and mobilenetv2-224, batch 1/8/32, one and two intra-op threads, through OrtSessionRunBenchmark
     * and DjlPredictorBenchmark (SampleTime), SessionColdStartBenchmark (10 forks x 1 shot) and
     * WarmupCurveBenchmark (5 forks x 30 shots). The latencies differ by a factor of a thousand
     * between the smallest and the largest configuration, as they do on the real machine.
     */
    public static Path writeFullSuite(Path file, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        String[] models = {"student", "student-int8", "mobilenetv2-224"};
        double[] batch1Ms = {0.45, 0.25, 12};
        int[] batches = {1, 8, 32};
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("[\n");
            boolean first = true;
            for (int m = 0; m < models.length; m++) {
                for (int batch : batches) {
                    for (int threads = 1; threads <= 2; threads++) {
                        // Two threads help big batches and big models most: 1.1x at batch 1, up to 1.8x at batch 32.
                        double speedUp = threads == 1 ? 1 : 1.1 + (0.5 + 0.1 * m) * (batch - 1) / 31.0;
                        double ms = batch1Ms[m] * Math.pow(batch, 0.9) / speedUp;
                        for (String benchmark : new String[]{"OrtSessionRunBenchmark.run", "DjlPredictorBenchmark.predict"}) {
                            out.write(first ? "" : ",\n");
                            first = false;
                            // DJL's layer is a fixed cost per call, which more threads do not shorten.
                            double median = benchmark.startsWith("Djl") ? ms + 0.05 * batch1Ms[m] * batch : ms;
                            writeResult(out, random, benchmark, models[m], "CPU", batch, threads, 1, median,
                                    Math.max(20, (long) (1_000 / median)));
                        }
                        out.write(",\n");
                        writeShots(out, random, "SessionColdStartBenchmark.createSessionAndRunFirst", models[m], batch, threads,
                                10, 1, ms * 40 + 90, 0);
                        out.write(",\n");
                        writeShots(out, random, "WarmupCurveBenchmark.run", models[m], batch, threads, 5, 30, ms * 1.1, 3.5);
                    }
                }
            }
            out.write("\n]\n");
        }
        return file;
    }

    /**
     * A SingleShotTime result: per fork, {@code shots} latencies that start at {@code 1 + firstExcess}
     * times {@code steadyMs} and fall to it within about five shots.
     */
    private static void writeShots(BufferedWriter out, SplittableRandom random, String benchmark, String model,
                                   int batch, int threads, int forks, int shots, double steadyMs, double firstExcess)
            throws IOException {
        double[] all = new double[forks * shots];
        StringBuilder raw = new StringBuilder();
        for (int f = 0; f < forks; f++) {
            raw.append(f == 0 ? "[" : ",[");
            for (int k = 0; k < shots; k++) {
                double value = steadyMs * (1 + firstExcess * Math.exp(-k / 1.5)) * Math.exp(0.08 * gaussian(random));
                all[f * shots + k] = value;
                raw.append(k == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6f", value));
            }
            raw.append("]");
        }
        double[] sorted = all.clone();
        java.util.Arrays.sort(sorted);
        double mean = java.util.Arrays.stream(all).average().orElseThrow();
        out.write(String.format(Locale.ROOT, """
                {"jmhVersion":"1.37","benchmark":"org.edgebench.bench.%s","mode":"ss","threads":1,"forks":%d,
                 "params":{"batchSize":"%d","dims":"","intraOpThreads":"%d","model":"%s","provider":"CPU"},
                 "primaryMetric":{"score":%s,"scoreError":"NaN","scorePercentiles":{"0.0":%s,"50.0":%s,"90.0":%s,
                 "95.0":%s,"99.0":%s,"99.9":%s,"99.99":%s,"100.0":%s},"scoreUnit":"ms/op","rawData":[%s]},
                 "secondaryMetrics":{}}""",
                benchmark, forks, batch, threads, model, mean, sorted[0], rank(sorted, 0.5), rank(sorted, 0.9),
                rank(sorted, 0.95), rank(sorted, 0.99), rank(sorted, 0.999), rank(sorted, 0.9999),
                sorted[sorted.length - 1], raw));
    }

    private static double rank(double[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }

    /** {@code callsPerIteration}: how many calls each iteration's histogram counts. */
    private static void writeResult(BufferedWriter out, SplittableRandom random, String benchmark, String model,
                                    String provider, int batch, int threads, int callers, double medianMs,
                                    long callsPerIteration)
            throws IOException {
        out.write(String.format(Locale.ROOT, """
                {"jmhVersion":"1.37","benchmark":"org.edgebench.bench.%s","mode":"sample",
                 "threads":%d,"forks":%d,"params":{"batchSize":"%d","intraOpThreads":"%d","model":"%s","provider":"%s"},
                 "primaryMetric":{"score":%s,"scoreError":%s,"scorePercentiles":{"0.0":%s,"50.0":%s,"90.0":%s,"95.0":%s,
                 "99.0":%s,"99.9":%s,"99.99":%s,"100.0":%s},"scoreUnit":"ms/op","rawDataHistogram":[""",
                benchmark, callers, FORKS, batch, threads, model, provider, medianMs * 1.1, medianMs * 0.02, medianMs * 0.9, medianMs,
                medianMs * 1.2, medianMs * 1.4, medianMs * 2, medianMs * 4, medianMs * 8, medianMs * 20));
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
