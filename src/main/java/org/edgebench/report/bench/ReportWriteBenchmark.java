package org.edgebench.report.bench;

import org.edgebench.analysis.BatchAdvisor;
import org.edgebench.report.Report;
import org.edgebench.run.Folders;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Writing the report of a large run: {@code configurations} SampleTime configurations (200 by
 * default) with full histograms, 2 forks x 5 iterations each (about 12 MB of JMH JSON for 200),
 * reported into every file the report has: both CSV files, both summaries, every chart (a
 * histogram per configuration among them) and the HTML page. Measured: {@link Report#write} from
 * reading the JSON to the last file renamed into place, in a JVM that has written reports before.
 * Excluded: generating the JSON (once per trial) and the JVM's first reports, which pay for the JIT
 * compiling Java2D, JFreeChart and the parsers (docs/report.md, Speed): they are the warm-up.
 *
 * <p>No suite selects it ({@code benchmarks/*.properties}), so the default run never includes it.
 * Run: {@code java -jar target/benchmarks.jar ReportWriteBenchmark}
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// A report takes seconds: one report per iteration, and the first ones of a JVM are mostly the JIT's.
@Warmup(iterations = 5)
@Measurement(iterations = 10)
// The charts are drawn on every core: one JVM at a time, and a second one to see the JVM-to-JVM spread.
@Fork(2)
public class ReportWriteBenchmark {

    /** The generated run, written once per trial, and the folder its reports go to. */
    @State(Scope.Benchmark)
    public static class GeneratedRunState {

        @Param("200")
        public int configurations;

        Path folder;
        Path json;
        Path out;

        @Setup(Level.Trial)
        public void generate() throws IOException {
            folder = Files.createTempDirectory("edgebench-report-bench");
            json = JmhJsonGenerator.write(folder.resolve("jmh.json"), configurations, 42);
            out = Files.createDirectories(folder.resolve("report"));
        }

        @TearDown(Level.Trial)
        public void delete() throws IOException {
            Folders.deleteTree(folder);
        }
    }

    /** Writes the whole report; each iteration replaces the previous iteration's files. */
    @Benchmark
    public Report.Written write(GeneratedRunState run) throws IOException {
        return Report.write(run.json, run.out, BatchAdvisor.DEFAULT_SLO_MS);
    }
}
