package org.edgebench.compare;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.edgebench.text.Csv;
import org.edgebench.count.InstructionCount;
import org.edgebench.text.Markdown;
import org.edgebench.text.Numbers;
import org.edgebench.run.Configuration;
import org.edgebench.run.Environment;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Instructions per inference, baseline against candidate, from the sides' {@code instructions.csv}
 * ({@code count}). Counts are matched on their own configuration, which has one intra-op thread
 * whatever the timed run used: a count says how much single-threaded work an inference is, so it
 * is shown under its own label ({@code student CPU b1 t1}) rather than passed off as a timed row's.
 * A count is the same to about 0.02% on one machine (docs/compare.md), so a change beyond the
 * threshold is flagged at once, without statistics; the flag informs and never decides the timed
 * verdict (CompareCommand's {@code --fail-on-instructions} makes a heavier count fail on purpose).
 *
 * @param threshold the smallest change flagged, as a fraction (0.005 for 0.5%)
 * @param notes     why the flags are withheld or what to keep in mind (other architectures, other valgrind versions)
 */
public record InstructionComparison(double threshold, Presence presence, boolean comparable, List<Row> rows,
                                    List<String> onlyInBaseline, List<String> onlyInCandidate, List<String> notes) {

    /** 0.5%: twenty times the spread of repeated counts measured here, far below what a timed comparison can see. */
    public static final double DEFAULT_THRESHOLD = 0.005;

    /** Which sides have counts. */
    public enum Presence { NEITHER, BASELINE_ONLY, CANDIDATE_ONLY, BOTH }

    /** A change beyond the threshold, or none. */
    public enum Flag {
        HEAVIER, LIGHTER, SAME;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One configuration both sides counted.
     *
     * @param change candidate / baseline - 1
     * @param flag   null when the counts cannot be compared (another architecture)
     */
    public record Row(String label, double baseline, double candidate, double change, Flag flag) {

        /** {@code instructions +3.2%: heavier}, the line a flagged row is announced with. */
        public String flagLine() {
            return "instructions " + changeText(change) + ": " + flag.label();
        }
    }

    /** No counts on either side: nothing to show. */
    public static final InstructionComparison NONE = new InstructionComparison(DEFAULT_THRESHOLD, Presence.NEITHER, true,
            List.of(), List.of(), List.of(), List.of());

    public static InstructionComparison of(Run baseline, Run candidate, double threshold) {
        return of(baseline.instructions(), baseline.environment(), candidate.instructions(), candidate.environment(), threshold);
    }

    public static InstructionComparison of(List<InstructionCount> baseline, Environment baselineEnv,
                                           List<InstructionCount> candidate, Environment candidateEnv, double threshold) {
        Presence presence = baseline.isEmpty() ? candidate.isEmpty() ? Presence.NEITHER : Presence.CANDIDATE_ONLY
                : candidate.isEmpty() ? Presence.BASELINE_ONLY : Presence.BOTH;
        List<String> notes = new ArrayList<>();
        String baseArch = baselineEnv.machineOrUnknown().arch();
        String candArch = candidateEnv.machineOrUnknown().arch();
        boolean comparable = baseArch == null || candArch == null || baseArch.equals(candArch);
        if (!comparable) {
            notes.add("counted on different architectures (" + baseArch + ", " + candArch
                    + "): their instruction sets differ, so no change is flagged");
        }
        List<String> versions = Stream.concat(baseline.stream(), candidate.stream()).map(InstructionCount::valgrind)
                .filter(Objects::nonNull).distinct().toList();
        if (versions.size() > 1) {
            notes.add("counted with different valgrind versions (" + String.join(", ", versions)
                    + "): the CPU features valgrind shows ONNX Runtime may differ, and with them its kernels");
        }
        Map<Configuration.Key, InstructionCount> candidates = new LinkedHashMap<>();
        candidate.forEach(c -> candidates.put(c.configuration().key(), c));
        List<Row> rows = new ArrayList<>();
        List<String> onlyInBaseline = new ArrayList<>();
        for (InstructionCount b : baseline) {
            InstructionCount c = candidates.remove(b.configuration().key());
            if (c == null) {
                onlyInBaseline.add(b.configuration().label());
                continue;
            }
            double change = c.perInference() / b.perInference() - 1;
            Flag flag = !comparable ? null : change > threshold ? Flag.HEAVIER : change < -threshold ? Flag.LIGHTER : Flag.SAME;
            rows.add(new Row(b.configuration().label(), b.perInference(), c.perInference(), change, flag));
        }
        List<String> onlyInCandidate = presence == Presence.BOTH
                ? candidates.values().stream().map(c -> c.configuration().label()).toList() : List.of();
        return new InstructionComparison(threshold, presence, comparable, List.copyOf(rows),
                presence == Presence.BOTH ? List.copyOf(onlyInBaseline) : List.of(), onlyInCandidate, List.copyOf(notes));
    }

    /** The rows flagged heavier or lighter. */
    public List<Row> flagged() {
        return rows.stream().filter(r -> r.flag() == Flag.HEAVIER || r.flag() == Flag.LIGHTER).toList();
    }

    public boolean heavier() {
        return rows.stream().anyMatch(r -> r.flag() == Flag.HEAVIER);
    }

    /** The Markdown section: the table, or one line saying which side lacks counts; empty when neither has any. */
    public String markdown() {
        if (presence == Presence.NEITHER) {
            return "";
        }
        StringBuilder md = new StringBuilder("\n#### Instructions per inference (callgrind, 1 intra-op thread), threshold ")
                .append(thresholdText()).append("\n\n");
        if (presence != Presence.BOTH) {
            return md.append("Only the ").append(presence == Presence.BASELINE_ONLY ? "baseline" : "candidate")
                    .append(" has instruction counts (instructions.csv); count the other with `count --into RUN_DIR`.\n")
                    .toString();
        }
        notes.forEach(n -> md.append("> ").append(n).append(".\n\n"));
        md.append("| Configuration | Baseline | Candidate | Change | Flag |\n|---|---:|---:|---:|---|\n");
        for (Row row : rows) {
            md.append("| ").append(Markdown.escape(row.label()))
                    .append(" | ").append(Numbers.count(row.baseline()))
                    .append(" | ").append(Numbers.count(row.candidate()))
                    .append(" | ").append(changeText(row.change()))
                    .append(" | ").append(flagText(row.flag())).append(" |\n");
        }
        if (rows.isEmpty()) {
            md.append("| (no configuration counted on both sides) | | | | |\n");
        }
        if (!onlyInBaseline.isEmpty()) {
            md.append("\nCounted in the baseline only: ").append(String.join(", ", onlyInBaseline)).append('\n');
        }
        if (!onlyInCandidate.isEmpty()) {
            md.append("\nCounted in the candidate only: ").append(String.join(", ", onlyInCandidate)).append('\n');
        }
        return md.append("\nInstructions of OrtSession.run's native call, counted in software by valgrind: the same to"
                + " about 0.02% on every run of a build, so a change beyond the threshold is flagged without statistics. The count cannot"
                + " see memory stalls, cache misses, threads, the JIT or clock frequency; the timed, paired verdict stays the"
                + " decision (docs/compare.md).\n").toString();
    }

    /** {@code instructions_comparison.csv}: one row per configuration counted on either side. */
    public void writeCsv(Writer out) throws IOException {
        CSVFormat format = Csv.builder()
                .setHeader("configuration", "status", "baseline_instructions_per_inference",
                        "candidate_instructions_per_inference", "change_pct", "threshold_pct", "flag")
                .get();
        try (CSVPrinter csv = new CSVPrinter(out, format)) {
            for (Row row : rows) {
                csv.printRecord(row.label(), "compared", decimal(row.baseline()), decimal(row.candidate()),
                        Numbers.csv(100 * row.change()), Numbers.csv(100 * threshold), row.flag() == null ? "" : row.flag().label());
            }
            for (String label : onlyInBaseline) {
                csv.printRecord(label, "only-in-baseline", "", "", "", "", "");
            }
            for (String label : onlyInCandidate) {
                csv.printRecord(label, "only-in-candidate", "", "", "", "", "");
            }
        }
    }

    /** Two decimals: a count's changes of interest are tenths of a percent. */
    static String changeText(double change) {
        return String.format(Locale.ROOT, "%+.2f%%", 100 * change);
    }

    private String flagText(Flag flag) {
        if (flag == null) {
            return "not comparable";
        }
        return flag == Flag.SAME ? "same (within " + thresholdText() + ")" : "**" + flag.label() + "**";
    }

    /** The threshold as given: {@code 0.5%}, {@code 0.25%}. */
    public String thresholdText() {
        return Numbers.plain(100 * threshold) + "%";
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
