package org.edgebench.report;

import org.edgebench.run.Configuration;
import org.edgebench.agreement.AgreementCsv;
import org.edgebench.analysis.BatchAdvisor;
import org.edgebench.analysis.ConfigurationStats;
import org.edgebench.analysis.RunAnalysis;
import org.edgebench.analysis.Spread;
import org.edgebench.profile.Profiles;
import org.edgebench.report.csv.PlacementCsv;
import org.edgebench.run.Environment;
import org.edgebench.text.Markdown;
import org.edgebench.text.Numbers;
import org.openjdk.jmh.annotations.Mode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The summary's content, built once and rendered as plain text ({@code summary.txt}), Markdown
 * ({@code summary.md}) and HTML ({@link HtmlReport}) so the three always agree.
 *
 * @param run      how the run ended, from env.json ({@code complete (3 of 3 configurations)}); empty when unknown
 * @param complete false when env.json says the run was cut short or lost configurations
 * @param tables   one per model (or benchmark, for suites without a model parameter), in name order
 * @param sections the workload benchmarks' sections (warm-up, cold start, DJL, int8, threads, callers), then the
 *                 operator profiles' ({@code --profile}), only those with data
 * @param advice   the batch size for the latency budget, per model and provider
 * @param skipped  providers requested but not run, with the reason
 * @param warnings what makes numbers in the tables less trustworthy
 * @param notes    how to read the tables for the modes in this run
 */
public record Summary(String source, String environment, String run, boolean complete, double sloMs,
                      List<Table> tables, List<Section> sections, List<String> advice,
                      List<String> skipped, List<String> warnings, List<String> notes) {

    /** A table of cells, already formatted; {@code numeric} says which columns to right-align. */
    public record Table(String title, List<String> headers, List<Boolean> numeric, List<List<String>> rows) {
    }

    /** A section of findings: its lines, then its tables, then notes on how to read them. */
    public record Section(String title, List<String> lines, List<Table> tables, List<String> notes) {
    }

    /**
     * One of the closing lists (batch advice, skipped providers, warnings, notes), with a placeholder
     * line when it is empty. {@code detail} says how to read it; {@code bulleted} lists it with
     * dashes in the plain text too.
     */
    public record Listing(String title, String detail, List<String> items, boolean bulleted) {
    }

    /** This summary with {@code section} after its sections and {@code moreAdvice} after its batch advice. */
    public Summary with(Section section, List<String> moreAdvice) {
        List<Section> more = new ArrayList<>(sections);
        more.add(section);
        List<String> allAdvice = new ArrayList<>(advice);
        allAdvice.addAll(moreAdvice);
        return new Summary(source, environment, run, complete, sloMs, tables, List.copyOf(more), List.copyOf(allAdvice), skipped,
                warnings, notes);
    }

    /** The closing lists in the order every rendering shows them; notes only when there are any. */
    public List<Listing> listings() {
        List<Listing> listings = new ArrayList<>();
        listings.add(new Listing("Batch size for a P95 budget of " + Numbers.plain(sloMs) + " ms",
                "most items/s whose P95 meets it",
                advice.isEmpty() ? List.of("no configuration has a batchSize parameter") : advice, false));
        listings.add(new Listing("Providers skipped", "", skipped.isEmpty() ? List.of("none") : skipped, false));
        listings.add(new Listing("Warnings", "", warnings.isEmpty() ? List.of("none") : warnings, true));
        if (!notes.isEmpty()) {
            listings.add(new Listing("Notes", "", notes, true));
        }
        return listings;
    }

    static final String PLACEMENT_NOTE = "Node placement (" + PlacementCsv.FILE + "): the nodes each provider ran, after ONNX"
            + " Runtime's graph optimizations, from one profiled inference at batch 1 before the benchmarks; ONNX Runtime runs"
            + " on CPU whatever the attached provider cannot take. --require-full-delegation fails a configuration whose"
            + " provider left nodes to CPU.";
    static final int P99_MIN_SAMPLES = 1_000;
    static final int P999_MIN_SAMPLES = 10_000;
    static final double MAX_RELATIVE_ERROR = 0.10;
    /** Long warning lists name this many configurations and count the rest. */
    private static final int NAMED_IN_WARNING = 12;

    private record Col(String header, boolean numeric, Function<ConfigurationStats, String> cell) {
    }

    /**
     * @param agreement the run folder's agreement.csv ({@link AgreementCsv.Contents#NONE} without one)
     * @param placement the lines of the run folder's placement.csv (none without one)
     */
    public static Summary of(String source, RunAnalysis analysis, Profiles profiles, Optional<Environment> env,
                             String envProblem, AgreementCsv.Contents agreement, List<String> placement) {
        List<ConfigurationStats> stats = analysis.stats();
        double sloMs = analysis.sloMs();
        Map<String, List<ConfigurationStats>> byGroup = new TreeMap<>();
        for (ConfigurationStats s : stats) {
            byGroup.computeIfAbsent(s.configuration().group(), g -> new ArrayList<>()).add(s);
        }
        List<Table> tables = new ArrayList<>();
        byGroup.forEach((group, members) -> tables.add(table(group, members)));
        List<String> advice = analysis.batchChoices().stream().map(BatchAdvisor.Choice::text).toList();
        if (advice.isEmpty() && stats.stream().anyMatch(s -> s.configuration().hasBatchSize())) {
            advice = List.of("none: the cold start and warm-up curve time first calls, not a steady load;"
                    + " run OrtSessionRunBenchmark to choose a batch size");
        }
        List<String> skipped;
        if (env.isPresent()) {
            skipped = env.get().skippedProviders().stream().map(p -> p.provider() + ": " + p.reason()).toList();
        } else {
            skipped = List.of("not known: " + (envProblem == null ? "no env.json beside the JMH JSON" : envProblem));
        }
        Optional<Environment.RunOutcome> run = env.map(Environment::run);
        List<String> warnings = new ArrayList<>();
        run.ifPresent(r -> warnings.addAll(runWarnings(r)));
        env.ifPresent(e -> warnings.addAll(e.warnings()));
        warnings.addAll(warnings(stats));
        warnings.addAll(profiles.problems());
        List<Section> sections = new ArrayList<>(WorkloadSections.of(analysis, agreement));
        sections.addAll(OperatorSections.of(profiles));
        if (!placement.isEmpty()) {
            sections.add(new Section("Node placement", placement, List.of(), List.of(PLACEMENT_NOTE)));
        }
        return new Summary(source, env.map(Environment::oneLine).orElse(""), run.map(Summary::runLine).orElse(""),
                run.map(Summary::isWhole).orElse(true), sloMs, tables, List.copyOf(sections), advice, skipped, warnings, notes(stats));
    }

    /** True when every planned configuration finished and the launcher reached the end of the run. */
    private static boolean isWhole(Environment.RunOutcome run) {
        return run.complete() && !run.interrupted() && run.stopped() == null && run.finished() >= run.configurations();
    }

    private static String runLine(Environment.RunOutcome run) {
        String counted = run.finished() + " of " + run.configurations() + " configurations finished";
        if (isWhole(run)) {
            return "complete, " + counted;
        }
        String how = run.interrupted() ? "INTERRUPTED" : run.stopped() != null ? "STOPPED"
                : run.complete() ? "INCOMPLETE" : "NOT FINISHED";
        String failed = run.failed().isEmpty() ? "" : ", " + run.failed().size() + " failed";
        return how + ", " + counted + failed + " (see Warnings)";
    }

    /*
     * Said first among the warnings: a partial run's tables look just like a complete run's, so the
     * reader must learn from the text what is missing and why.
     */
    private static List<String> runWarnings(Environment.RunOutcome run) {
        List<String> warnings = new ArrayList<>();
        String counted = run.finished() + " of " + run.configurations() + " configurations finished;"
                + " the tables and charts show only those";
        if (run.interrupted()) {
            warnings.add("the run was interrupted: " + counted);
        } else if (run.stopped() != null) {
            warnings.add("the run stopped before starting every configuration (" + run.stopped() + "): " + counted);
        } else if (!run.complete()) {
            warnings.add("the run did not reach its end (still running, or the launcher was killed): " + counted);
        } else if (run.finished() < run.configurations()) {
            int notRun = run.configurations() - run.finished() - run.failed().size();
            warnings.add(counted + (notRun > 0 ? " (" + notRun + " not run)" : ""));
        }
        for (Environment.FailedConfiguration f : run.failed()) {
            warnings.add("failed, so missing from the tables: " + f.configuration().label(false) + ": " + f.reason().strip());
        }
        return warnings;
    }

    private static Table table(String group, List<ConfigurationStats> members) {
        List<ConfigurationStats> rows = members.stream().sorted(Comparator
                        .comparing((ConfigurationStats s) -> s.configuration().provider())
                        .thenComparingInt(s -> Configuration.number(s.configuration().batchSize()))
                        .thenComparingInt(s -> Configuration.number(s.configuration().intraOpThreads()))
                        .thenComparing(s -> s.configuration().benchmark())
                        .thenComparing(s -> s.configuration().mode())
                        .thenComparingInt(s -> s.configuration().callers())
                        .thenComparing(s -> s.configuration().otherParamsText()))
                .toList();
        List<Col> columns = new ArrayList<>();
        addIfVaries(columns, rows, "benchmark", false, s -> s.configuration().shortBenchmark());
        addIfVaries(columns, rows, "mode", false, s -> s.configuration().mode());
        addIfAny(columns, rows, "provider", false, s -> s.configuration().provider());
        addIfAny(columns, rows, "batch", true, s -> s.configuration().batchSize());
        // The two kinds of threads, named apart: ONNX Runtime's pool inside a call, and JMH's threads calling the session.
        addIfAny(columns, rows, "intra-op threads", true, s -> s.configuration().intraOpThreads());
        if (rows.stream().anyMatch(s -> s.configuration().callers() != 1)) {
            columns.add(new Col("callers", true, s -> Integer.toString(s.configuration().callers())));
        }
        addIfAny(columns, rows, "params", false, s -> s.configuration().otherParamsText());
        columns.add(new Col("mean ms", true, s -> Numbers.ms(s.meanMs())));
        columns.add(new Col("P50 ms", true, s -> Numbers.ms(s.p50Ms())));
        columns.add(new Col("P90 ms", true, s -> Numbers.ms(s.p90Ms())));
        columns.add(new Col("P95 ms", true, s -> Numbers.ms(s.p95Ms())));
        columns.add(new Col("P99 ms", true, s -> Numbers.ms(s.p99Ms())));
        columns.add(new Col("max ms", true, s -> Numbers.ms(s.maxMs())));
        columns.add(new Col("samples", true, s -> String.format(Locale.ROOT, "%,d", s.samples())));
        columns.add(new Col("items/s", true, s -> Numbers.count(s.throughputItemsPerS())));
        columns.add(new Col("error ms", true, s -> Double.isFinite(s.errorMs()) ? "\u00b1" + Numbers.ms(s.errorMs()) : "-"));
        if (rows.stream().anyMatch(s -> Double.isFinite(s.allocBytesPerOp()))) {
            columns.add(new Col("alloc B/op", true, s -> Numbers.count(s.allocBytesPerOp())));
        }
        if (rows.stream().anyMatch(s -> Double.isFinite(s.peakRssMb()))) {
            columns.add(new Col("RSS MB", true, s -> Numbers.mb(s.peakRssMb())));
        }
        if (rows.stream().anyMatch(s -> Double.isFinite(s.tensorMb()))) {
            columns.add(new Col("tensors MB", true, s -> Numbers.mb(s.tensorMb())));
        }
        columns.add(new Col("verdict", false, Spread::describe));
        return new Table(group,
                columns.stream().map(Col::header).toList(),
                columns.stream().map(Col::numeric).toList(),
                rows.stream().map(s -> columns.stream().map(c -> c.cell().apply(s)).toList()).toList());
    }

    private static void addIfVaries(List<Col> columns, List<ConfigurationStats> rows, String header, boolean numeric,
                                    Function<ConfigurationStats, String> cell) {
        if (rows.stream().map(cell).distinct().count() > 1) {
            columns.add(new Col(header, numeric, cell));
        }
    }

    private static void addIfAny(List<Col> columns, List<ConfigurationStats> rows, String header, boolean numeric,
                                 Function<ConfigurationStats, String> cell) {
        if (rows.stream().map(cell).anyMatch(v -> !v.isEmpty())) {
            columns.add(new Col(header, numeric, cell));
        }
    }

    private static List<String> warnings(List<ConfigurationStats> stats) {
        List<String> warnings = new ArrayList<>();
        warn(warnings, stats, s -> s.hasDistribution() && s.samples() < P99_MIN_SAMPLES,
                String.format(Locale.ROOT, "P99 rests on fewer than %,d samples, so it is rough; measure longer (-i, -r)", P99_MIN_SAMPLES),
                s -> s.label() + " (" + s.samples() + ")");
        warn(warnings, stats, s -> s.hasDistribution() && s.samples() >= P99_MIN_SAMPLES && s.samples() < P999_MIN_SAMPLES,
                String.format(Locale.ROOT, "P99.9 (p999_ms in latency.csv) rests on fewer than %,d samples", P999_MIN_SAMPLES),
                s -> s.label() + " (" + s.samples() + ")");
        warn(warnings, stats, s -> s.relativeError() > MAX_RELATIVE_ERROR,
                "error wider than 10% of the score; add forks or iterations, or quiet the machine",
                s -> s.label() + String.format(Locale.ROOT, " (%.0f%%)", 100 * s.relativeError()));
        warn(warnings, stats, s -> Double.isNaN(s.result().scoreError()),
                "no error estimate (JMH needs at least three measurement iterations over all forks)", ConfigurationStats::label);
        warn(warnings, stats, s -> s.result().forks() <= 1,
                "a single fork: run-to-run variance (JIT, memory layout) is not measured; use -f 2 or more",
                ConfigurationStats::label);
        return warnings;
    }

    private static void warn(List<String> warnings, List<ConfigurationStats> stats, Predicate<ConfigurationStats> applies,
                             String what, Function<ConfigurationStats, String> describe) {
        List<String> hits = stats.stream().filter(applies).map(describe).toList();
        if (hits.isEmpty()) {
            return;
        }
        String named = String.join(", ", hits.subList(0, Math.min(hits.size(), NAMED_IN_WARNING)));
        String more = hits.size() > NAMED_IN_WARNING ? " and " + (hits.size() - NAMED_IN_WARNING) + " more" : "";
        String scope = hits.size() == stats.size() && stats.size() > 1 ? "all configurations" : named + more;
        warnings.add(what + ": " + scope);
    }

    private static List<String> notes(List<ConfigurationStats> stats) {
        List<String> notes = new ArrayList<>();
        List<String> modes = stats.stream().map(s -> s.configuration().mode()).distinct().toList();
        List<String> flat = modes.stream().filter(m -> m.equals(Mode.Throughput.shortLabel()) || m.equals(Mode.AverageTime.shortLabel())).toList();
        if (!flat.isEmpty()) {
            notes.add(String.join(", ", flat) + ": no distribution in this mode, so percentiles, max and the verdict are empty;"
                    + " samples counts measurement iterations. Use -bm sample for percentiles.");
        }
        if (modes.contains(Mode.Throughput.shortLabel())) {
            notes.add("thrpt: mean ms is callers / JMH's score (ops per ms), error ms scales with it; items/s is the score times the batch size.");
        }
        if (modes.contains(Mode.SingleShotTime.shortLabel())) {
            notes.add("ss (SingleShotTime): each iteration is one timed call, so the percentiles are over those shots"
                    + " and include one-off costs; no items/s.");
        }
        List<String> noBatch = stats.stream().filter(s -> !s.configuration().hasBatchSize())
                .map(s -> s.configuration().shortBenchmark()).distinct().toList();
        if (!noBatch.isEmpty()) {
            notes.add("no numeric batchSize parameter in " + String.join(", ", noBatch)
                    + ": items/s counts one item per operation, and no batch size is advised.");
        }
        boolean severalCallers = stats.stream().anyMatch(s -> s.configuration().callers() != 1);
        String intraOp = "intra-op threads: ONNX Runtime's pool inside one call (0 = ONNX Runtime's default, usually one per core)";
        boolean intraOpColumn = stats.stream().anyMatch(s -> !s.configuration().intraOpThreads().isEmpty());
        if (severalCallers) {
            notes.add((intraOpColumn ? intraOp + "; callers" : "callers") + ": JMH threads (-t, --callers) calling the"
                    + " benchmark at once (EdgeBench's benchmarks share one session among them and give each caller its"
                    + " own inputs and outputs). items/s adds up every caller; latencies are per call.");
        } else if (intraOpColumn) {
            notes.add(intraOp + "; one caller (JMH thread) called the session.");
        }
        if (stats.stream().anyMatch(s -> Double.isFinite(s.allocBytesPerOp()))) {
            notes.add("alloc B/op (-prof gc) counts Java heap allocations only, not ONNX Runtime's native memory.");
        }
        if (stats.stream().anyMatch(s -> Double.isFinite(s.peakRssMb()) || Double.isFinite(s.tensorMb()))) {
            notes.add("RSS MB is the fork's peak resident memory (JVM, ONNX Runtime, model and tensors), the highest"
                    + " over its iterations and forks; tensors MB is the input and output tensors of one call"
                    + (severalCallers ? ", every caller's added up." : "."));
        }
        return notes;
    }

    /** The plain-text rendering, columns aligned for a terminal. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append("EdgeBench summary of ").append(source).append('\n');
        if (!environment.isEmpty()) {
            out.append("Machine: ").append(environment).append('\n');
        }
        if (!run.isEmpty()) {
            out.append("Run: ").append(run).append('\n');
        }
        for (Table table : tables) {
            out.append('\n').append("== ").append(table.title()).append(" ==\n");
            appendTextTable(out, table);
            out.append("Verdict: ").append(Spread.RULE).append('\n');
        }
        for (Section section : sections) {
            out.append('\n').append("== ").append(section.title()).append(" ==\n");
            section.lines().forEach(line -> out.append(line).append('\n'));
            for (Table table : section.tables()) {
                out.append('\n').append("-- ").append(table.title()).append(" --\n");
                appendTextTable(out, table);
            }
            section.notes().forEach(note -> out.append(section.tables().isEmpty() ? "" : "\n").append(note).append('\n'));
        }
        for (Listing listing : listings()) {
            out.append("\n== ").append(listing.title())
                    .append(listing.detail().isEmpty() ? "" : " (" + listing.detail() + ")").append(" ==\n");
            listing.items().forEach(line -> out.append(listing.bulleted() ? "- " : "").append(line).append('\n'));
        }
        return out.toString();
    }

    /** The Markdown rendering (GitHub-flavoured tables). */
    public String toMarkdown() {
        StringBuilder out = new StringBuilder();
        out.append("# EdgeBench summary\n\nSource: `").append(source).append("`\n");
        if (!environment.isEmpty()) {
            out.append("\nMachine: ").append(environment).append('\n');
        }
        if (!run.isEmpty()) {
            out.append("\nRun: ").append(complete ? run : "**" + run + "**").append('\n');
        }
        for (Table table : tables) {
            out.append("\n## ").append(table.title()).append("\n\n");
            appendMarkdownTable(out, table);
            out.append("\nVerdict: ").append(Spread.RULE).append(".\n");
        }
        for (Section section : sections) {
            out.append("\n## ").append(section.title()).append("\n\n");
            bullets(out, section.lines());
            for (Table table : section.tables()) {
                out.append("\n### ").append(table.title()).append("\n\n");
                appendMarkdownTable(out, table);
            }
            section.notes().forEach(note -> out.append('\n').append(Markdown.escape(note)).append('\n'));
        }
        for (Listing listing : listings()) {
            out.append("\n## ").append(listing.title()).append("\n\n");
            if (!listing.detail().isEmpty()) {
                out.append("The ").append(Markdown.escape(listing.detail())).append(".\n\n");
            }
            bullets(out, listing.items());
        }
        return out.toString();
    }

    private static void appendTextTable(StringBuilder out, Table table) {
        int[] widths = widths(table);
        appendRow(out, table.headers(), table.numeric(), widths);
        List<String> rules = new ArrayList<>();
        for (int width : widths) {
            rules.add("-".repeat(width));
        }
        out.append(String.join("  ", rules)).append('\n');
        for (List<String> row : table.rows()) {
            appendRow(out, row, table.numeric(), widths);
        }
    }

    private static void appendMarkdownTable(StringBuilder out, Table table) {
        out.append("| ").append(table.headers().stream().map(Markdown::escape).collect(Collectors.joining(" | "))).append(" |\n");
        out.append("|").append(table.numeric().stream().map(n -> n ? " ---: " : " --- ").collect(Collectors.joining("|"))).append("|\n");
        for (List<String> row : table.rows()) {
            out.append("| ").append(row.stream().map(Markdown::escape).collect(Collectors.joining(" | "))).append(" |\n");
        }
    }

    private static int[] widths(Table table) {
        int[] widths = new int[table.headers().size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = table.headers().get(i).length();
            for (List<String> row : table.rows()) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        return widths;
    }

    private static void appendRow(StringBuilder out, List<String> cells, List<Boolean> numeric, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            String pad = " ".repeat(Math.max(0, widths[i] - cell.length()));
            line.append(i == 0 ? "" : "  ").append(numeric.get(i) ? pad + cell : cell + pad);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static void bullets(StringBuilder out, List<String> lines) {
        lines.forEach(line -> out.append("- ").append(Markdown.escape(line)).append('\n'));
    }
}
