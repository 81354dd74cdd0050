package org.edgebench.run;

/**
 * The names of the files a run folder holds besides JMH's own {@code jmh.json}
 * ({@link org.edgebench.results.JmhJson#RUN_FILE}); docs/report.md lists what each contains.
 */
public final class RunFiles {

    public static final String ENV_JSON = "env.json";
    public static final String LATENCY_CSV = "latency.csv";
    public static final String SAMPLES_CSV = "latency_samples.csv";
    public static final String SUMMARY_TXT = "summary.txt";
    public static final String SUMMARY_MD = "summary.md";
    public static final String INDEX_HTML = "index.html";
    public static final String CHARTS = "charts";
    public static final String COMPARISON_CSV = "comparison.csv";
    public static final String COMPARISON_MD = "comparison.md";
    /** Instructions per inference, counted in software by {@code count} (callgrind). */
    public static final String INSTRUCTIONS_CSV = "instructions.csv";
    /** A comparison's instruction counts, baseline against candidate. */
    public static final String INSTRUCTIONS_COMPARISON_CSV = "instructions_comparison.csv";

    private RunFiles() {
    }
}
