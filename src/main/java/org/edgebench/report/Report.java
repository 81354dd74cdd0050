package org.edgebench.report;

import org.edgebench.BadInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a JMH JSON (or a run folder holding {@code jmh.json}) into the report files: latency.csv,
 * latency_samples.csv, summary.txt, summary.md, charts/*.png and index.html. Everything is staged
 * first and renamed into place at the end, so a failure leaves no half-written report.
 * See docs/report.md for what each file holds.
 */
public final class Report {

    /** The folder written and the files in it. */
    public record Written(Path folder, List<Path> files) {
    }

    private Report() {
    }

    /**
     * Writes the report.
     *
     * @param input  a run folder or a JMH JSON file
     * @param outDir where to write; null for the folder the JSON is in
     * @param sloMs  the latency budget for the batch size advice, in ms (> 0)
     * @throws BadInputException when the input is not JMH JSON or the folder cannot be written
     */
    public static Written write(Path input, Path outDir, double sloMs) throws IOException {
        if (!(sloMs > 0) || Double.isInfinite(sloMs)) {
            throw new BadInputException("the latency budget must be a positive number of ms, not " + sloMs);
        }
        Path json = JmhJson.resolve(input);
        List<JmhResult> results = JmhJson.read(json);
        Path folder = outDir != null ? outDir : json.toAbsolutePath().getParent();
        Optional<Environment> env;
        String envProblem = null;
        try {
            env = Environment.read(json.toAbsolutePath().getParent());
        } catch (IOException e) {
            env = Optional.empty();
            envProblem = Environment.FILE + " beside the JSON is unreadable (" + e.getMessage().lines().findFirst().orElse("") + ")";
        }
        List<ConfigurationStats> stats = stats(results);
        Summary summary = Summary.of(json.toString(), stats, env, envProblem, sloMs);
        String subtitle = env.map(Environment::oneLine).orElse("");

        try (AtomicFiles files = AtomicFiles.in(folder)) {
            files.writeText(LatencyCsv.FILE, out -> LatencyCsv.write(stats, out));
            files.writeText(SamplesCsv.FILE, out -> SamplesCsv.write(stats, out));
            files.writeText("summary.txt", out -> out.write(summary.toText()));
            files.writeText("summary.md", out -> out.write(summary.toMarkdown()));
            Charts.Drawn drawn = Charts.write(stats, subtitle, files);
            List<String> data = List.of(LatencyCsv.FILE, SamplesCsv.FILE, "summary.txt", "summary.md");
            Optional<Environment> environment = env;
            files.writeText(HtmlReport.FILE, out -> HtmlReport.write(summary, drawn, environment, data, out));
            return new Written(folder, files.commit());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * One row per result, labelled by its parameters; when two results share parameters (two
     * benchmarks or modes in one run), every label carries benchmark and mode, and a number
     * separates exact repeats, so file names stay unique.
     */
    static List<ConfigurationStats> stats(List<JmhResult> results) {
        List<Configuration> configurations = results.stream().map(Configuration::of).toList();
        Set<String> plain = new HashSet<>();
        boolean qualified = false;
        for (Configuration c : configurations) {
            qualified |= !plain.add(c.fileLabel(false));
        }
        Map<String, Integer> seen = new HashMap<>();
        List<ConfigurationStats> stats = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            Configuration c = configurations.get(i);
            String label = c.label(qualified);
            String fileLabel = c.fileLabel(qualified);
            int repeat = seen.merge(fileLabel, 1, Integer::sum);
            if (repeat > 1) {
                label += " #" + repeat;
                fileLabel += "_" + repeat;
            }
            stats.add(ConfigurationStats.of(results.get(i), label, fileLabel));
        }
        return stats;
    }
}
