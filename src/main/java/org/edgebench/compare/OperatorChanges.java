package org.edgebench.compare;

import org.edgebench.profile.OperatorProfile;
import org.edgebench.text.Markdown;
import org.edgebench.text.Numbers;
import org.edgebench.run.Configuration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the time moved between two runs with {@code --profile}: for each configuration profiled in
 * both, each operator type's kernel time per inference before and after. It describes and does not
 * judge: each run has one profiled fork per configuration, so there is no interval, and the timed
 * comparison is the verdict.
 *
 * @param blocks      one per configuration profiled on both sides, in the baseline's order
 * @param onlyOneSide what to say when one side has profiles and the other none, or none match; empty otherwise
 * @param problems    the traces of either run that could not be read
 */
public record OperatorChanges(List<Block> blocks, String onlyOneSide, List<String> problems) {

    static final String NO_INTERVAL = "one profiled fork per run: no interval; the timed comparison above is the verdict";

    /** One configuration's operator types, the baseline's most costly first, then those only the candidate ran. */
    public record Block(String label, List<Change> changes, Change kernels) {
    }

    /** An operator type's (or all kernels') microseconds per inference; NaN on a side that did not run it. */
    public record Change(String opType, double baselineUs, double candidateUs) {

        /** Candidate over baseline, minus one: {@code -0.05} is 5% less time. */
        public double change() {
            return baselineUs > 0 && Double.isFinite(candidateUs) ? candidateUs / baselineUs - 1 : Double.NaN;
        }
    }

    public static OperatorChanges of(Run baseline, Run candidate) {
        List<String> problems = new ArrayList<>();
        baseline.profileProblems().forEach(p -> problems.add("baseline: " + p));
        candidate.profileProblems().forEach(p -> problems.add("candidate: " + p));
        if (baseline.profiles().isEmpty() && candidate.profiles().isEmpty()) {
            return new OperatorChanges(List.of(), "", problems);
        }
        if (baseline.profiles().isEmpty() || candidate.profiles().isEmpty()) {
            String with = baseline.profiles().isEmpty() ? "candidate" : "baseline";
            return new OperatorChanges(List.of(), "Only the " + with + " has operator profiles (--profile), so there are"
                    + " none to set side by side.", problems);
        }
        List<Block> blocks = new ArrayList<>();
        for (Map.Entry<Configuration.Key, OperatorProfile> entry : baseline.profiles().entrySet()) {
            OperatorProfile after = candidate.profiles().get(entry.getKey());
            if (after != null) {
                blocks.add(block(label(entry.getKey()), entry.getValue(), after));
            }
        }
        return new OperatorChanges(List.copyOf(blocks), blocks.isEmpty()
                ? "No configuration was profiled (--profile) in both runs." : "", problems);
    }

    private static Block block(String label, OperatorProfile before, OperatorProfile after) {
        Map<String, Double> b = before.usPerOpType();
        Map<String, Double> a = after.usPerOpType();
        Set<String> types = new LinkedHashSet<>(b.keySet());
        a.keySet().stream().filter(t -> !b.containsKey(t))
                .sorted(Comparator.comparingDouble((String t) -> a.get(t)).reversed()).forEach(types::add);
        List<Change> changes = types.stream()
                .map(t -> new Change(t, b.getOrDefault(t, Double.NaN), a.getOrDefault(t, Double.NaN))).toList();
        return new Block(label, changes, new Change("all kernels", before.kernelUs(), after.kernelUs()));
    }

    /** The configuration as the report names it: {@code student CPU b1 t0}. */
    private static String label(Configuration.Key key) {
        return new Configuration(key.benchmark(), key.mode(), key.callers(), key.params()).label(false);
    }

    /** The section of comparison.md; empty when neither run was profiled. */
    public String markdown() {
        if (blocks.isEmpty() && onlyOneSide.isEmpty() && problems.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("\n### Where the time goes: operator types, baseline vs candidate (--profile)\n\n");
        problems.forEach(p -> md.append("- not read: ").append(Markdown.escape(p)).append('\n'));
        if (!problems.isEmpty()) {
            md.append('\n');
        }
        if (blocks.isEmpty()) {
            return onlyOneSide.isEmpty() ? md.toString() : md.append(onlyOneSide).append('\n').toString();
        }
        md.append(Character.toUpperCase(NO_INTERVAL.charAt(0))).append(NO_INTERVAL.substring(1)).append(".\n\n");
        md.append("| Configuration | Operator type | Baseline \u00b5s | Candidate \u00b5s | Change |\n");
        md.append("|---|---|---:|---:|---:|\n");
        for (Block block : blocks) {
            List<Change> rows = new ArrayList<>(block.changes());
            rows.add(block.kernels());
            for (int i = 0; i < rows.size(); i++) {
                Change c = rows.get(i);
                md.append("| ").append(i == 0 ? Markdown.escape(block.label()) : "")
                        .append(" | ").append(Markdown.escape(c.opType()))
                        .append(" | ").append(Numbers.us(c.baselineUs()))
                        .append(" | ").append(Numbers.us(c.candidateUs()))
                        .append(" | ").append(changeText(c)).append(" |\n");
            }
        }
        md.append("\n\u00b5s: an operator type's kernel time per inference in each run's ONNX Runtime trace (operators.csv),"
                + " summed over the providers that ran it; all kernels: every type together.\n");
        return md.toString();
    }

    private static String changeText(Change c) {
        if (Double.isNaN(c.baselineUs())) {
            return "only in the candidate";
        }
        if (Double.isNaN(c.candidateUs())) {
            return "only in the baseline";
        }
        return Numbers.change(c.change());
    }
}
