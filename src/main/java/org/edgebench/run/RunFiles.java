package org.edgebench.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** The names of the files a run folder holds; docs/report.md lists what each contains. */
public final class RunFiles {

    /** JMH's own JSON, untouched. */
    public static final String JMH_JSON = "jmh.json";

    public static final String ENV_JSON = "env.json";
    public static final String LATENCY_CSV = "latency.csv";
    public static final String SAMPLES_CSV = "latency_samples.csv";
    /** Written by the launcher, not the report: how closely each int8 model's outputs follow its fp32 twin's. */
    public static final String AGREEMENT_CSV = "agreement.csv";
    /** Written by the launcher before the benchmarks: the nodes each provider ran, per model and provider. */
    public static final String PLACEMENT_CSV = "placement.csv";
    /** The order in which configurations measured in turns took them: group, round, configuration. */
    public static final String TURNS_CSV = "turns.csv";
    public static final String SUMMARY_TXT = "summary.txt";
    public static final String SUMMARY_MD = "summary.md";
    public static final String INDEX_HTML = "index.html";
    public static final String CHARTS = "charts";
    public static final String COMPARISON_CSV = "comparison.csv";
    public static final String COMPARISON_MD = "comparison.md";
    /** With {@code --profile}: time per operator type of each profiled configuration. */
    public static final String OPERATORS_CSV = "operators.csv";
    /** With {@code --profile}: ONNX Runtime's own trace of each profiled configuration, untouched. */
    public static final String PROFILE = "profile";
    /** Instructions per inference, counted in software by {@code count} (callgrind). */
    public static final String INSTRUCTIONS_CSV = "instructions.csv";
    /** A comparison's instruction counts, baseline against candidate. */
    public static final String INSTRUCTIONS_COMPARISON_CSV = "instructions_comparison.csv";

    /** A run of characters a file or folder name may not hold: anything but letters, digits, '.', '_' and '-'. */
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]+");

    private RunFiles() {
    }

    /**
     * A file recorded with a JMH JSON: {@code file} in the run folder for a run's {@code jmh.json},
     * {@code NAME.file} beside any other {@code NAME.json} (a committed baseline, say).
     */
    public static Path beside(Path json, String file) {
        Path dir = folderOf(json);
        String name = json.getFileName().toString();
        if (name.equals(JMH_JSON)) {
            return dir.resolve(file);
        }
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        return dir.resolve(stem + "." + file);
    }

    /** The folder a run's files are in: {@code run} itself when it is a folder, else the folder of the JSON it names. */
    public static Path folderOf(Path run) {
        return Files.isDirectory(run) ? run : run.toAbsolutePath().getParent();
    }

    /** {@code text} made safe for a file or folder name: each run of other characters becomes {@code replacement}. */
    public static String safeName(String text, String replacement) {
        return UNSAFE.matcher(text).replaceAll(replacement);
    }

    /** Whether {@code name} is already safe for a file or folder name, and not empty. */
    public static boolean isSafeName(String name) {
        return !name.isEmpty() && !UNSAFE.matcher(name).find();
    }

    /**
     * Where a configuration's ONNX Runtime trace is kept: {@code profile/student_CPU_b1_t0.json}.
     * Named by the unqualified label, without the mode, as the launcher plans it: only
     * {@code OrtSessionRunBenchmark} is profiled, so the label alone tells its traces apart.
     */
    public static String profileTrace(Configuration configuration) {
        return PROFILE + "/" + configuration.fileLabel(false) + ".json";
    }
}
