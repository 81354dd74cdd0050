package org.edgebench.compare;

import org.edgebench.BadInputException;
import org.edgebench.results.JmhResult;
import org.edgebench.run.Configuration;
import org.edgebench.stats.ForkValues;
import org.edgebench.stats.Metric;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Baseline against candidate: configurations matched on benchmark, mode and parameters, each
 * judged by {@link RegressionCheck}; configurations on one side only are kept and listed. Beside
 * the timed rows, the sides' instruction counts when they have them ({@link InstructionComparison}),
 * which inform and never change a verdict.
 */
public record Comparison(Run baseline, Run candidate, Metric metric, RegressionCheck check, List<Row> rows,
                         List<String> onlyInBaseline, List<String> onlyInCandidate, Optional<Looks.Outcome> sequential,
                         InstructionComparison instructions) {

    /**
     * One matched configuration.
     *
     * @param label         short name for tables and charts
     * @param unit          {@code ms} or {@code ops/s}
     * @param metricApplies false for non-sample modes, where the fork's mean score stands in for a percentile
     */
    public record Row(String label, String unit, boolean metricApplies, Finding finding) {
    }

    public static Comparison of(Run baseline, Run candidate, Metric metric, RegressionCheck check) {
        return of(baseline, candidate, metric, check, Optional.empty(), InstructionComparison.DEFAULT_THRESHOLD);
    }

    /**
     * With {@code looks}, a paired comparison judged look by look ({@link Looks}); {@link #check()}
     * is then the stricter check every look applied.
     *
     * @param instructionThreshold the smallest change of instructions per inference flagged, as a fraction
     */
    public static Comparison of(Run baseline, Run candidate, Metric metric, RegressionCheck check, Optional<Looks> looks,
                                double instructionThreshold) {
        if (looks.isPresent() && !check.paired()) {
            throw new BadInputException("--sequential looks at paired rounds: use it with --paired");
        }
        Map<Configuration.Key, String> labels = labels(Stream.concat(baseline.results().values().stream(),
                candidate.results().values().stream()).toList());
        List<ForkSamples> samples = new ArrayList<>();
        List<String> rowLabels = new ArrayList<>();
        List<JmhResult> rowResults = new ArrayList<>();
        List<String> onlyInBaseline = new ArrayList<>();
        for (var entry : baseline.results().entrySet()) {
            JmhResult b = entry.getValue();
            JmhResult c = candidate.results().get(entry.getKey());
            if (c == null) {
                onlyInBaseline.add(labels.get(entry.getKey()));
                continue;
            }
            if (b.isRate() != c.isRate()) {
                throw new BadInputException(labels.get(entry.getKey()) + ": baseline unit " + b.scoreUnit()
                        + " and candidate unit " + c.scoreUnit() + " measure different things (time per op vs ops per time)");
            }
            samples.add(new ForkSamples(entry.getKey().toString(), Direction.of(b.mode(), b.scoreUnit()),
                    ForkValues.of(b, metric), ForkValues.of(c, metric)));
            rowLabels.add(labels.get(entry.getKey()));
            rowResults.add(b);
        }
        List<String> onlyInCandidate = candidate.results().keySet().stream()
                .filter(k -> !baseline.results().containsKey(k)).map(labels::get).toList();
        if (samples.isEmpty()) {
            throw new BadInputException("no configuration in common: " + baseline.file() + " has "
                    + describe(baseline.results().keySet()) + ", " + candidate.file() + " has "
                    + describe(candidate.results().keySet()));
        }
        if (check.paired()) {
            for (int i = 0; i < samples.size(); i++) {
                ForkSamples s = samples.get(i);
                if (s.baseline().length != s.candidate().length) {
                    throw new BadInputException("--paired: " + rowLabels.get(i) + " has " + s.baseline().length
                            + " baseline and " + s.candidate().length + " candidate forks; pairs need as many on each side"
                            + " (did a fork fail?), or compare without --paired");
                }
            }
        }
        Optional<Looks.Outcome> outcome = looks.map(l -> l.judge(check, samples));
        List<Finding> findings = outcome.map(Looks.Outcome::findings).orElseGet(() -> check.judge(samples));
        RegressionCheck applied = looks.map(l -> l.perLook(check)).orElse(check);
        if (baseline.environment().emulated() || candidate.environment().emulated()) {
            // An emulator's timings say how fast the emulator is, not the code: no verdict either way.
            findings = findings.stream()
                    .map(f -> f.judged(Verdict.INCONCLUSIVE, "emulated run: timings are an emulator's, so no verdict")).toList();
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < findings.size(); i++) {
            JmhResult r = rowResults.get(i);
            rows.add(new Row(rowLabels.get(i), ForkValues.unit(r), ForkValues.supports(r, metric), findings.get(i)));
        }
        return new Comparison(baseline, candidate, metric, applied, List.copyOf(rows),
                List.copyOf(onlyInBaseline), onlyInCandidate, outcome, InstructionComparison.of(baseline, candidate, instructionThreshold));
    }

    public long count(Verdict verdict) {
        return rows.stream().filter(r -> r.finding().verdict() == verdict).count();
    }

    public boolean regressed() {
        return count(Verdict.REGRESSED) > 0;
    }

    /** What differs between the two machines; empty when they look the same or one is unknown. */
    public List<String> machineDifferences() {
        return baseline.environment().machineDifferences(candidate.environment());
    }

    /**
     * Short labels for configuration keys: the parameters that set configurations apart, with the
     * benchmark and mode in front only when the runs hold more than one benchmark or mode.
     */
    static Map<Configuration.Key, String> labels(Collection<JmhResult> results) {
        boolean qualified = results.stream().map(r -> r.benchmark() + " " + r.mode()).distinct().count() > 1;
        Map<Configuration.Key, String> labels = new LinkedHashMap<>();
        for (JmhResult r : results) {
            Configuration c = r.configuration();
            labels.putIfAbsent(c.key(), c.label(qualified));
        }
        return labels;
    }

    private static String describe(Collection<Configuration.Key> keys) {
        return keys.size() + " configuration" + (keys.size() == 1 ? "" : "s")
                + (keys.isEmpty() ? "" : " (e.g. " + keys.iterator().next() + ")");
    }
}
