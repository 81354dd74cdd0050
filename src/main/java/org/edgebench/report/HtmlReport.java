package org.edgebench.report;

import org.edgebench.analysis.Spread;
import org.edgebench.report.chart.Charts;
import org.edgebench.run.EnvFile;
import org.edgebench.run.Environment;
import org.edgebench.run.RunFiles;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes {@code index.html}: one self-contained page (no scripts, no network) that opens from the
 * run folder in any browser. The overview charts come first; then, per model, its summary table
 * with its latency histograms folded away in a {@code <details>} element (a full suite has dozens,
 * which in one column buried everything after them); then the workload charts and sections, the
 * operator charts of a {@code --profile} run, the advice and warnings, and the environment from env.json. Charts are linked by relative path, so
 * the folder can be moved.
 */
final class HtmlReport {

    static final String FILE = RunFiles.INDEX_HTML;

    private static final String STYLE = """
            body { font-family: 'DejaVu Sans', Arial, sans-serif; margin: 2em; color: #222; max-width: 1300px; }
            h1 { font-size: 1.6em; } h2 { font-size: 1.3em; margin-top: 1.6em; border-bottom: 1px solid #ccc; }
            table { border-collapse: collapse; margin: 0.5em 0; font-size: 0.95em; }
            .scroll { overflow-x: auto; }
            th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; }
            th { background: #f2f2f2; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
            figure { margin: 1em 0 2em 0; } figcaption { color: #555; }
            nav { margin: 1em 0; line-height: 1.6; } nav a { margin-right: 1em; }
            details { margin: 0.5em 0 1.5em 0; } summary { cursor: pointer; color: #0b5394; font-weight: bold; }
            img { max-width: 100%; border: 1px solid #ddd; }
            .rule { color: #555; font-size: 0.9em; }
            .varied { font-size: 1.1em; }
            .partial { background: #fde8e8; border: 2px solid #b00020; padding: 0.5em 0.8em; font-weight: bold; }
            """;

    /** Up to this many operator charts are shown open; more stay folded until clicked. */
    private static final int OPEN_OPERATOR_CHARTS = 4;

    private HtmlReport() {
    }

    /**
     * The page leads with what the run varied ({@link Varied}); a run of one batch size shows the
     * workload charts (providers side by side, thread scaling...) first, since it is about them.
     */
    static void write(Summary summary, Charts.Drawn drawn, Varied varied, Optional<Environment> env, List<String> dataFiles,
                      Writer out) throws IOException {
        out.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        out.write("<title>EdgeBench report</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n");
        header(out, summary, dataFiles);
        out.write("<p class=\"varied\">" + esc(varied.sentence()) + "</p>\n");
        List<Charts.Chart> workloadCharts = of(drawn, Charts.Kind.WORKLOAD);
        List<Charts.Chart> operatorCharts = of(drawn, Charts.Kind.OPERATORS);
        boolean workloadsFirst = varied.varied().stream().noneMatch(v -> v.startsWith("batch size")) && !workloadCharts.isEmpty();
        contents(out, summary, !workloadCharts.isEmpty() && !workloadsFirst, !operatorCharts.isEmpty());
        out.write("<h2 id=\"overview\">Overview</h2>\n");
        if (workloadsFirst) {
            figures(out, workloadCharts);
        }
        figures(out, of(drawn, Charts.Kind.OVERVIEW));
        if (!drawn.missing().isEmpty()) {
            list(out, drawn.missing());
        }
        out.write("<h2>Summary</h2>\n");
        List<Charts.Chart> histograms = of(drawn, Charts.Kind.HISTOGRAM);
        for (int i = 0; i < summary.tables().size(); i++) {
            Summary.Table table = summary.tables().get(i);
            out.write("<section id=\"" + modelId(i) + "\">\n");
            table(out, table);
            histograms(out, table.title(), histograms.stream().filter(c -> c.group().equals(table.title())).toList());
            out.write("</section>\n");
        }
        out.write("<p class=\"rule\">Verdict: " + esc(Spread.RULE) + ".</p>\n");
        if (!workloadCharts.isEmpty() && !workloadsFirst) {
            out.write("<h2 id=\"workloads\">Workload charts</h2>\n");
            figures(out, workloadCharts);
        }
        for (Summary.Section section : summary.sections()) {
            section(out, section);
        }
        if (!operatorCharts.isEmpty()) {
            // After the operator sections, which come last: each chart is one configuration's, so a long run folds them.
            out.write("<h2 id=\"operators\">Where the time goes: operator charts</h2>\n");
            out.write(operatorCharts.size() > OPEN_OPERATOR_CHARTS ? "<details>" : "<details open>");
            out.write("<summary>Operator types of " + operatorCharts.size()
                    + (operatorCharts.size() == 1 ? " profiled configuration" : " profiled configurations") + "</summary>\n");
            figures(out, operatorCharts);
            out.write("</details>\n");
        }
        for (Summary.Listing listing : summary.listings()) {
            out.write("<h2>" + esc(listing.title()) + "</h2>\n");
            if (!listing.detail().isEmpty()) {
                out.write("<p class=\"rule\">The " + esc(listing.detail()) + ".</p>\n");
            }
            list(out, listing.items());
        }
        environment(out, env);
        out.write("</body>\n</html>\n");
    }

    /** Where the numbers come from: the source, the machine, how the run ended, the data files. */
    private static void header(Writer out, Summary summary, List<String> dataFiles) throws IOException {
        out.write("<h1>EdgeBench report</h1>\n<p>Source: <code>" + esc(summary.source()) + "</code>");
        if (!summary.environment().isEmpty()) {
            out.write("<br>Machine: " + esc(summary.environment()));
        }
        if (!summary.run().isEmpty() && summary.complete()) {
            out.write("<br>Run: " + esc(summary.run()));
        }
        out.write("</p>\n");
        if (!summary.complete()) {
            out.write("<p class=\"partial\">Run: " + esc(summary.run()) + "</p>\n");
        }
        out.write("<p>Data: ");
        for (int i = 0; i < dataFiles.size(); i++) {
            out.write((i == 0 ? "" : ", ") + "<a href=\"" + esc(dataFiles.get(i)) + "\">" + esc(dataFiles.get(i)) + "</a>");
        }
        out.write("</p>\n");
    }

    private static void section(Writer out, Summary.Section section) throws IOException {
        out.write("<h2>" + esc(section.title()) + "</h2>\n");
        if (!section.lines().isEmpty()) {
            list(out, section.lines());
        }
        for (Summary.Table table : section.tables()) {
            table(out, table);
        }
        for (String note : section.notes()) {
            out.write("<p class=\"rule\">" + esc(note) + "</p>\n");
        }
    }

    /** Links to the parts of a page that, with a table per model, runs long. */
    private static void contents(Writer out, Summary summary, boolean workloadCharts, boolean operatorCharts)
            throws IOException {
        out.write("<nav>Contents: <a href=\"#overview\">Overview</a>");
        for (int i = 0; i < summary.tables().size(); i++) {
            out.write("<a href=\"#" + modelId(i) + "\">" + esc(summary.tables().get(i).title()) + "</a>");
        }
        if (workloadCharts) {
            out.write("<a href=\"#workloads\">Workload charts</a>");
        }
        if (operatorCharts) {
            out.write("<a href=\"#operators\">Operator charts</a>");
        }
        out.write("<a href=\"#environment\">Environment</a></nav>\n");
    }

    /* By position, not by name: a model name need not be a valid, unique fragment. */
    private static String modelId(int i) {
        return "model-" + (i + 1);
    }

    private static List<Charts.Chart> of(Charts.Drawn drawn, Charts.Kind kind) {
        return drawn.charts().stream().filter(c -> c.kind() == kind).toList();
    }

    /** Closed until opened, so a run of many configurations still shows its tables on the first screens. */
    private static void histograms(Writer out, String group, List<Charts.Chart> charts) throws IOException {
        if (charts.isEmpty()) {
            return;
        }
        out.write("<details><summary>Latency histograms of " + esc(group) + " (" + charts.size()
                + (charts.size() == 1 ? " configuration" : " configurations") + ")</summary>\n");
        figures(out, charts);
        out.write("</details>\n");
    }

    private static void figures(Writer out, List<Charts.Chart> charts) throws IOException {
        for (Charts.Chart chart : charts) {
            out.write("<figure><img src=\"" + esc(chart.path()) + "\" alt=\"" + esc(chart.caption()) + "\">"
                    + "<figcaption>" + esc(chart.caption()) + " (<code>" + esc(chart.path()) + "</code>)</figcaption></figure>\n");
        }
    }

    private static void environment(Writer out, Optional<Environment> env) throws IOException {
        out.write("<h2 id=\"environment\">Environment</h2>\n");
        if (env.isEmpty()) {
            out.write("<p>No env.json beside the JMH JSON: the environment is not known.</p>\n");
            return;
        }
        out.write("<table>\n");
        for (Map.Entry<String, String> field : EnvFile.fields(env.get()).entrySet()) {
            out.write("<tr><th>" + esc(field.getKey()) + "</th><td>" + esc(field.getValue()) + "</td></tr>\n");
        }
        out.write("</table>\n");
    }

    private static void table(Writer out, Summary.Table table) throws IOException {
        // A wide table scrolls inside its box rather than widening the whole page.
        out.write("<h3>" + esc(table.title()) + "</h3>\n<div class=\"scroll\"><table>\n<tr>");
        for (String header : table.headers()) {
            out.write("<th>" + esc(header) + "</th>");
        }
        out.write("</tr>\n");
        for (List<String> row : table.rows()) {
            out.write("<tr>");
            for (int i = 0; i < row.size(); i++) {
                out.write((table.numeric().get(i) ? "<td class=\"num\">" : "<td>") + esc(row.get(i)) + "</td>");
            }
            out.write("</tr>\n");
        }
        out.write("</table></div>\n");
    }

    private static void list(Writer out, List<String> items) throws IOException {
        out.write("<ul>\n");
        for (String item : items) {
            out.write("<li>" + esc(item) + "</li>\n");
        }
        out.write("</ul>\n");
    }

    private static String esc(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
