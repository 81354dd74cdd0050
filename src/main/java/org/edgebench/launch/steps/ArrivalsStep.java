package org.edgebench.launch.steps;

import org.edgebench.run.Benchmark;
import org.edgebench.text.OneLine;
import org.edgebench.analysis.ConfigurationStats;
import org.edgebench.arrivals.ArrivalPlan;
import org.edgebench.arrivals.ArrivalRow;
import org.edgebench.arrivals.ArrivalRunner;
import org.edgebench.arrivals.ArrivalsCsv;
import org.edgebench.arrivals.Clock;
import org.edgebench.arrivals.SessionService;
import org.edgebench.bench.OrtSessionRunBenchmark;
import org.edgebench.model.ModelCatalog;
import org.edgebench.results.JmhJson;
import org.edgebench.results.JmhResult;
import org.edgebench.run.AtomicFiles;
import org.edgebench.run.Configuration;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The launcher's open-loop step, after the benchmarks and before the report: each finished
 * OrtSessionRunBenchmark configuration is served the schedules of {@code --arrivals} in the
 * launcher's JVM, on a session made as its benchmark made it, and arrivals.csv is rewritten after
 * each configuration, so a failure or a Ctrl-C keeps what finished. Its closed-loop maximum (calls
 * per second, the most over its caller counts) comes from jmh.json: the percentages of
 * {@code --arrivals} and the sweep start from it. Why this is not a JMH benchmark: docs/arrivals.md.
 */
public final class ArrivalsStep {


    private ArrivalsStep() {
    }

    public static void run(Path folder, ArrivalPlan plan, ModelCatalog catalog, PrintStream out) {
        List<ArrivalRow> rows = new ArrayList<>();
        try {
            Map<Configuration.Key, Configuration> configurations = new LinkedHashMap<>();
            Map<Configuration.Key, Double> closedLoop = new LinkedHashMap<>();
            for (JmhResult result : JmhJson.read(folder)) {
                Configuration c = result.configuration();
                if (!c.benchmark().equals(Benchmark.ORT_RUN.jmhName())) {
                    continue;
                }
                Configuration.Key key = c.key().anyCallers();
                ConfigurationStats stats = ConfigurationStats.of(result, c.label(), c.fileLabel(false));
                double callsPerS = stats.throughputItemsPerS() / c.itemsPerOp();
                closedLoop.merge(key, callsPerS, Math::max);
                if (c.callers() == 1 || !configurations.containsKey(key)) {
                    configurations.put(key, Configuration.planned(c.benchmark(), 1, c.params()));
                }
            }
            ArrivalRunner runner = new ArrivalRunner(plan, Clock.system(), line -> out.println("EdgeBench: arrivals: " + line));
            int i = 0;
            for (Map.Entry<Configuration.Key, Configuration> entry : configurations.entrySet()) {
                Configuration c = entry.getValue();
                double max = closedLoop.getOrDefault(entry.getKey(), Double.NaN);
                out.printf(Locale.ROOT, "%nEdgeBench: arrivals %d of %d: %s (closed-loop maximum %.0f calls/s), %s for %.0f s"
                                + " each, %d worker(s)%n", ++i, configurations.size(), c.label(), max,
                        plan.rates().stream().map(r -> r.label()).reduce((a, b) -> a + ", " + b).map(s -> s + (plan.sweep() ? ", sweep" : ""))
                                .orElse("sweep"), plan.durationNanos() / 1e9, plan.workers());
                try (SessionService service = new SessionService(catalog, c, runner.maxBatch())) {
                    runner.run(c, max, service, rows::add);
                } catch (Exception e) {
                    out.println("EdgeBench: warning: arrivals of " + c.label() + " stopped: " + OneLine.of(e)
                            + "; the schedules that finished are kept");
                }
                save(folder, rows);
            }
            if (configurations.isEmpty()) {
                out.println("EdgeBench: warning: --arrivals: no OrtSessionRunBenchmark configuration finished, nothing to serve");
            } else {
                out.println("EdgeBench: wrote " + folder.resolve(ArrivalsCsv.FILE) + " (" + rows.size() + " schedules)");
            }
        } catch (Exception e) {
            out.println("EdgeBench: warning: " + ArrivalsCsv.FILE + " could not be written (" + OneLine.of(e)
                    + "); the measurements in jmh.json are intact");
        }
    }

    private static void save(Path folder, List<ArrivalRow> rows) throws java.io.IOException {
        if (!rows.isEmpty()) {
            AtomicFiles.writeAtomically(folder.resolve(ArrivalsCsv.FILE),
                    stream -> ArrivalsCsv.write(rows, new OutputStreamWriter(stream, StandardCharsets.UTF_8)));
        }
    }
}
