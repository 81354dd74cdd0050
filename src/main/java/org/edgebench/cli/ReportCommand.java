package org.edgebench.cli;

import org.edgebench.BadInputException;
import org.edgebench.analysis.BatchAdvisor;
import org.edgebench.launch.ExitCodes;
import org.edgebench.report.Report;
import org.edgebench.run.RunFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code report RUN_DIR|FILE.json [--out DIR] [--slo-ms N]}: writes the report of a saved run. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Writes latency.csv, latency_samples.csv, summary.txt/.md, charts/ and index.html from a JMH JSON.")
public final class ReportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR|FILE.json", description = "A run folder (holding jmh.json) or any JMH JSON file.")
    private Path input;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write (default: the folder of the JSON).")
    private Path out;

    @Option(names = "--slo-ms", paramLabel = "N", description = "Latency budget in ms for the batch size advice (default: ${DEFAULT-VALUE}, interactive).")
    private double sloMs = BatchAdvisor.DEFAULT_SLO_MS;

    @Override
    public Integer call() throws Exception {
        if (!(sloMs > 0) || Double.isInfinite(sloMs)) {
            throw new BadInputException("--slo-ms must be a positive number of milliseconds, not " + sloMs);
        }
        Report.Written written = Report.write(input, out, sloMs);
        written.chartsSkipped().ifPresent(line -> spec.commandLine().getErr().println("edgebench: " + line));
        spec.commandLine().getOut().println("report written to " + written.folder().resolve(RunFiles.INDEX_HTML)
                + " (" + written.files().size() + " files)");
        return ExitCodes.OK;
    }
}
