package org.edgebench.compare;

import org.edgebench.BadInputException;
import org.edgebench.profile.OperatorProfile;
import org.edgebench.profile.Profiles;
import org.edgebench.count.InstructionCount;
import org.edgebench.count.InstructionsCsv;
import org.edgebench.results.Histogram;
import org.edgebench.results.JmhJson;
import org.edgebench.results.JmhResult;
import org.edgebench.run.Configuration;
import org.edgebench.run.EnvFile;
import org.edgebench.run.Environment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One side of a comparison: a run folder or a JMH JSON file (or several runs pooled, {@code file}
 * being the first of {@code runs}), its results by configuration, its environment, the operator
 * profiles of its {@code --profile} traces, and its instruction counts ({@code instructions.csv},
 * or {@code NAME.instructions.csv} beside a baseline {@code NAME.json}; empty when it has none).
 *
 * @param profiles        by the planned configuration's key (no mode: one trace per configuration); empty without {@code --profile}
 * @param profileProblems one line per trace that could not be read
 */
public record Run(String name, Path file, int runs, Map<Configuration.Key, JmhResult> results, Environment environment,
                  Map<Configuration.Key, OperatorProfile> profiles, List<String> profileProblems,
                  List<InstructionCount> instructions) {

    /**
     * Loads {@code fileOrRunDir}; a missing file, a folder without jmh.json or a file that is not
     * JMH JSON ends in a {@link org.edgebench.BadInputException} from {@link JmhJson}.
     */
    public static Run load(String name, Path fileOrRunDir) {
        Path file = JmhJson.resolve(fileOrRunDir);
        List<JmhResult> all = JmhJson.read(file);
        Map<Configuration.Key, JmhResult> byKey = new LinkedHashMap<>();
        for (JmhResult r : all) {
            byKey.put(r.configuration().key(), r);
        }
        Profiles profiles = Profiles.read(file.toAbsolutePath().getParent(), all.stream().map(JmhResult::configuration).toList());
        return new Run(name, file, 1, byKey, environmentBesides(file), profiles.byKey(), profiles.problems(),
                instructionsBesides(file));
    }

    /**
     * Loads several runs of one build as one side, their forks pooled per configuration: runs
     * taken alternately with the other side's share the machine's drift, which a single run
     * compared with one recorded at another time does not (docs/compare.md). The environment is
     * the first run's, the instruction counts the first counted run's (a count is the same in
     * every run of a build, so the gate counts one run per side); a configuration missing from
     * some runs keeps the forks it has.
     *
     * @throws BadInputException when the runs disagree on a configuration's unit
     */
    public static Run loadAll(String name, List<Path> runs) {
        Run first = load(name, runs.get(0));
        Map<Configuration.Key, JmhResult> merged = new LinkedHashMap<>(first.results());
        Map<Configuration.Key, OperatorProfile> profiles = new LinkedHashMap<>(first.profiles());
        List<String> problems = new ArrayList<>(first.profileProblems());
        List<InstructionCount> instructions = first.instructions();
        for (Path path : runs.subList(1, runs.size())) {
            Run next = load(name, path);
            for (JmhResult r : next.results().values()) {
                merged.merge(r.configuration().key(), r, (a, b) -> pooled(a, b, path));
            }
            next.profiles().forEach((key, profile) -> profiles.merge(key, profile, OperatorProfile::pooled));
            problems.addAll(next.profileProblems());
            if (instructions.isEmpty()) {
                instructions = next.instructions();
            }
        }
        return new Run(name, first.file(), runs.size(), merged, first.environment(), profiles, List.copyOf(problems),
                instructions);
    }

    /** A run whose env.json is missing or unreadable is compared as one whose environment is unknown. */
    private static Environment environmentBesides(Path file) {
        try {
            return EnvFile.besides(file).orElse(Environment.UNKNOWN);
        } catch (IOException e) {
            return Environment.UNKNOWN;
        }
    }

    /**
     * The counts recorded beside {@code jmhFile}.
     *
     * @throws BadInputException when there is an instructions.csv but it cannot be read
     */
    private static List<InstructionCount> instructionsBesides(Path jmhFile) {
        try {
            return InstructionsCsv.besides(jmhFile).orElse(List.of());
        } catch (IOException e) {
            throw new BadInputException(e.getMessage() + "; count again with `count --into RUN_DIR`", e);
        }
    }

    /** The file, and how many more runs are pooled with it. */
    public String describeFile() {
        return "`" + file + "`" + (runs > 1 ? " and " + (runs - 1) + " more run" + (runs > 2 ? "s" : "") : "");
    }

    private static JmhResult pooled(JmhResult a, JmhResult b, Path from) {
        if (!a.scoreUnit().equals(b.scoreUnit())) {
            throw new BadInputException(from + " measures " + a.configuration().key() + " in " + b.scoreUnit()
                    + ", another run of the same side in " + a.scoreUnit() + "; pool runs with the same unit");
        }
        List<List<Histogram>> histograms = new ArrayList<>(a.rawDataHistogram());
        histograms.addAll(b.rawDataHistogram());
        List<List<Double>> rawData = new ArrayList<>(a.rawData());
        rawData.addAll(b.rawData());
        return new JmhResult(a.benchmark(), a.mode(), a.forks() + b.forks(), a.threads(), a.params(), a.scoreUnit(),
                a.score(), a.scoreError(), a.scorePercentiles(), histograms, rawData, a.secondaryMetrics());
    }
}
