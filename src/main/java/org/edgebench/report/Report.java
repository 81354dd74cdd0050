package org.edgebench.report;

import org.edgebench.BadInputException;
import org.edgebench.Tasks;
import org.edgebench.agreement.AgreementCsv;
import org.edgebench.analysis.ConfigurationStats;
import org.edgebench.analysis.RunAnalysis;
import org.edgebench.arrivals.ArrivalFindings;
import org.edgebench.arrivals.ArrivalRow;
import org.edgebench.arrivals.ArrivalsCsv;
import org.edgebench.profile.Profiles;
import org.edgebench.report.chart.Charts;
import org.edgebench.report.chart.FontSupport;
import org.edgebench.report.csv.LatencyCsv;
import org.edgebench.report.csv.OperatorsCsv;
import org.edgebench.report.csv.PlacementCsv;
import org.edgebench.report.csv.SamplesCsv;
import org.edgebench.results.JmhJson;
import org.edgebench.results.JmhResult;
import org.edgebench.run.AtomicFiles;
import org.edgebench.run.Configuration;
import org.edgebench.run.EnvFile;
import org.edgebench.run.Environment;
import org.edgebench.run.RunFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * Turns a JMH JSON (or a run folder holding {@code jmh.json}) into the report files: latency.csv,
 * latency_samples.csv, summary.txt, summary.md, charts/*.png and index.html, and operators.csv when
 * {@code profile/} beside the JSON holds {@code --profile} traces; env.json and agreement.csv
 * beside the JSON, when there, add to the summary. Everything is staged first and renamed into
 * place at the end, so a failure leaves no half-written report.
 * See docs/report.md for what each file holds.
 */
public final class Report {

    /* Daemons, so a report that fails part-way never keeps the JVM alive. */
    private static final ThreadFactory DAEMONS = task -> {
        Thread thread = new Thread(task, "edgebench-charts");
        thread.setDaemon(true);
        return thread;
    };

    /**
     * The folder written and the files in it; {@code chartsSkipped} is the one line saying why no
     * chart was drawn and what to install, when the JVM cannot draw text.
     */
    public record Written(Path folder, List<Path> files, Optional<String> chartsSkipped) {
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
        // Charts take most of the time (hundreds of histograms in a big run): they are drawn on every
        // core while this thread writes the text files. The first chart of a JVM costs as much as
        // several (classes, fonts, Java2D), so that is paid on the pool while the JSON is read.
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), DAEMONS);
        try {
            if (FontSupport.problem().isEmpty()) {
                pool.execute(Charts::warmUp);
            }
            return write(json, outDir, sloMs, pool);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Written write(Path json, Path outDir, double sloMs, ExecutorService pool) throws IOException {
        List<JmhResult> results = JmhJson.read(json);
        // What the launcher wrote beside jmh.json is read from there, even for a report written elsewhere (--out).
        Path runFolder = RunFiles.folderOf(json);
        Path folder = outDir != null ? outDir : runFolder;
        Optional<Environment> env;
        String envProblem = null;
        try {
            env = EnvFile.read(runFolder);
        } catch (IOException e) {
            env = Optional.empty();
            envProblem = RunFiles.ENV_JSON + " beside the JSON is unreadable (" + e.getMessage().lines().findFirst().orElse("") + ")";
        }
        AgreementCsv.Contents agreement = AgreementCsv.contents(runFolder);
        List<ArrivalRow> arrivals = ArrivalsCsv.read(runFolder);
        List<ConfigurationStats> stats = stats(results, pool);
        RunAnalysis analysis = RunAnalysis.of(stats, sloMs);
        Profiles profiles = Profiles.read(runFolder, stats.stream().map(ConfigurationStats::configuration).toList());
        String subtitle = env.map(Environment::oneLine).orElse("");

        try (AtomicFiles files = AtomicFiles.in(folder)) {
            Optional<String> noFonts = FontSupport.problem();
            Charts.Drawing drawing = noFonts.isPresent() ? Charts.none(noFonts.get())
                    : Charts.draw(analysis, profiles, arrivals, subtitle, pool);
            Summary summary = withArrivals(Summary.of(json.toString(), analysis, profiles, env, envProblem, agreement,
                    PlacementCsv.lines(runFolder)), arrivals);
            files.writeText(LatencyCsv.FILE, out -> LatencyCsv.write(stats, out));
            files.writeText(SamplesCsv.FILE, out -> SamplesCsv.write(stats, out));
            files.writeText(RunFiles.SUMMARY_TXT, out -> out.write(summary.toText()));
            files.writeText(RunFiles.SUMMARY_MD, out -> out.write(summary.toMarkdown()));
            List<String> data = new ArrayList<>(List.of(LatencyCsv.FILE, SamplesCsv.FILE, RunFiles.SUMMARY_TXT, RunFiles.SUMMARY_MD));
            if (!profiles.isEmpty()) {
                files.writeText(OperatorsCsv.FILE, out -> OperatorsCsv.write(profiles, out));
                data.add(OperatorsCsv.FILE);
            }
            Charts.Drawn drawn = drawing.writeTo(files);
            // The launcher wrote these beside jmh.json; a page written elsewhere (--out) cannot link them by a relative path.
            // Arrivals and agreement are linked only when readable: an unreadable file is said in its section instead.
            if (folder.toAbsolutePath().normalize().equals(runFolder.normalize())) {
                if (!arrivals.isEmpty()) {
                    data.add(ArrivalsCsv.FILE);
                }
                if (!agreement.rows().isEmpty()) {
                    data.add(AgreementCsv.FILE);
                }
                for (String file : List.of(PlacementCsv.FILE, RunFiles.TURNS_CSV)) {
                    if (Files.isRegularFile(runFolder.resolve(file))) {
                        data.add(file);
                    }
                }
            }
            Optional<Environment> environment = env;
            Varied varied = Varied.of(stats);
            files.writeText(HtmlReport.FILE, out -> HtmlReport.write(summary, drawn, varied, environment, data, out));
            return new Written(folder, files.commit(), noFonts);
        } catch (UncheckedIOException e) {
            throw unwritten(folder, e.getCause());
        } catch (IOException e) {
            throw unwritten(folder, e);
        }
    }

    /** The open-loop section of arrivals.csv, and its batcher advice beside the closed-loop batch advice. */
    private static Summary withArrivals(Summary summary, List<ArrivalRow> arrivals) {
        if (arrivals.isEmpty()) {
            return summary;
        }
        ArrivalFindings f = ArrivalFindings.of(arrivals);
        List<String> lines = new ArrayList<>(f.lines());
        lines.addAll(f.advice());
        return summary.with(new Summary.Section(ArrivalFindings.TITLE, lines,
                List.of(new Summary.Table("Schedules served", f.headers(), f.numeric(), f.rows())), f.notes()), f.advice());
    }

    /*
     * A write that fails part-way (a full disk says only "No space left on device" or "File too large")
     * is named with the folder, and that the staged files were removed, so nothing of the report is half there.
     */
    private static IOException unwritten(Path folder, IOException e) {
        return new IOException("cannot write the report in " + folder + ": " + e.getMessage()
                + "; nothing of it was written, the JMH JSON is untouched", e);
    }

    /**
     * One row per result, labelled by its parameters; when two results share parameters (two
     * benchmarks or modes in one run), every label carries benchmark and mode, and a number
     * separates exact repeats, so file names stay unique. The statistics (sorting every histogram)
     * are computed on {@code pool}.
     */
    static List<ConfigurationStats> stats(List<JmhResult> results, ExecutorService pool) throws IOException {
        List<Configuration> configurations = results.stream().map(JmhResult::configuration).toList();
        Set<String> plain = new HashSet<>();
        boolean qualified = false;
        for (Configuration c : configurations) {
            qualified |= !plain.add(c.fileLabel(false));
        }
        Map<String, Integer> seen = new HashMap<>();
        List<Future<ConfigurationStats>> pending = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            Configuration c = configurations.get(i);
            int repeat = seen.merge(c.fileLabel(qualified), 1, Integer::sum);
            String label = c.label(qualified) + (repeat > 1 ? " #" + repeat : "");
            String fileLabel = c.fileLabel(qualified) + (repeat > 1 ? "_" + repeat : "");
            JmhResult result = results.get(i);
            pending.add(pool.submit(() -> ConfigurationStats.of(result, label, fileLabel)));
        }
        List<ConfigurationStats> stats = new ArrayList<>(results.size());
        for (Future<ConfigurationStats> s : pending) {
            stats.add(Tasks.await(s));
        }
        return stats;
    }
}
