package org.edgebench.launch;

import org.edgebench.run.RunFiles;
import org.edgebench.run.AtomicFiles;
import org.edgebench.run.Configuration;
import org.edgebench.run.EnvFile;
import org.edgebench.run.Environment;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What a run has finished, kept on disk as it goes: after every configuration, jmh.json holds
 * every finished result (written by JMH's own JSON formatter) and env.json's {@code run} section
 * says what failed or was cut short, each file replaced in one step. So a fork that dies, or a
 * Ctrl-C, costs only the configuration that was running.
 */
final class RunLedger {

    /** JMH's own result file for one configuration, when the user asked for {@code -rf}/{@code -rff}. */
    static final String CONFIGURATION_RESULT = ".jmh-configuration.json";

    private final Path folder;
    private final Environment env;
    private final List<Configuration> planned;
    private final List<RunResult> results = new ArrayList<>();
    private final List<Configuration> finished = new ArrayList<>();
    private final List<Environment.FailedConfiguration> failures = new ArrayList<>();
    private final List<Environment.AllocatedOutput> allocatedOutputs = new ArrayList<>();
    private boolean complete;
    private boolean interrupted;
    private String stopped;

    RunLedger(Path folder, Environment env, List<Configuration> planned) {
        this.folder = folder;
        this.env = env;
        this.planned = List.copyOf(planned);
    }

    /**
     * Records a finished configuration, with the outputs its fork left to ONNX Runtime to allocate
     * (read from the fork's file, which is then deleted).
     */
    synchronized void finished(Configuration configuration, Collection<RunResult> finished, Path outputsFile) {
        if (!interrupted) {
            results.addAll(finished);
            this.finished.add(configuration);
            allocatedOutputs.addAll(readAllocated(configuration, outputsFile));
            save();
        }
    }

    private static List<Environment.AllocatedOutput> readAllocated(Configuration configuration, Path file) {
        List<Environment.AllocatedOutput> outputs = new ArrayList<>();
        try {
            if (Files.isRegularFile(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    int tab = line.indexOf('\t');
                    if (tab > 0) {
                        outputs.add(Environment.AllocatedOutput.of(configuration, line.substring(0, tab), line.substring(tab + 1)));
                    }
                }
            }
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return outputs;
    }

    /** Records a failure; after an interrupt, the killed fork's failure is not the configuration's. */
    synchronized void failed(Configuration configuration, String reason) {
        if (!interrupted) {
            failures.add(Environment.FailedConfiguration.of(configuration, reason));
            save();
        }
    }

    /** The launcher stops before the next configuration; the ones not started are not failures. */
    synchronized void stopped(String reason) {
        if (!interrupted) {
            stopped = reason;
            save();
        }
    }

    synchronized boolean wasStopped() {
        return stopped != null;
    }

    synchronized void complete() {
        if (!interrupted) {
            complete = true;
            save();
        }
    }

    /** True when {@code configuration} has a result. */
    synchronized boolean finishedOne(Configuration configuration) {
        return finished.contains(configuration);
    }

    synchronized List<RunResult> results() {
        return List.copyOf(results);
    }

    /** True once a Ctrl-C stopped the run: the shutdown hook is writing the report of what finished. */
    synchronized boolean wasInterrupted() {
        return interrupted;
    }

    synchronized List<Environment.FailedConfiguration> failures() {
        return List.copyOf(failures);
    }

    /**
     * Called by the shutdown hook: stops the forks this JVM started (JMH would leave a running
     * fork behind) and records the run as interrupted. Does nothing after a normal end.
     *
     * @return true when finished configurations are there to report
     */
    boolean interrupted(PrintStream out) {
        synchronized (this) {
            if (complete) {
                return false;
            }
            interrupted = true;
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroy);
            save();
        }
        out.println();
        out.println("EdgeBench: interrupted; kept " + results.size() + " finished configuration(s) of "
                + planned.size() + " in " + folder);
        return !results.isEmpty();
    }

    /** The end-of-run line: how many configurations finished, and which failed. */
    synchronized String outcome() {
        StringBuilder s = new StringBuilder(" (" + results.size() + " of " + planned.size() + " configurations");
        if (stopped != null) {
            int started = results.size() + failures.size();
            s.append("; stopped before the other ").append(planned.size() - started).append(": ").append(stopped);
        }
        if (!failures.isEmpty()) {
            s.append("; failed: ");
            failures.forEach(f -> s.append(System.lineSeparator()).append("  ")
                    .append(f.configuration().label(true)).append(": ").append(f.reason()));
        }
        return s.append(failures.isEmpty() ? ")" : System.lineSeparator() + ")").toString();
    }

    private void save() {
        try {
            AtomicFiles.writeAtomically(folder.resolve(RunFiles.JMH_JSON), out -> {
                PrintStream print = new PrintStream(out, false, StandardCharsets.UTF_8);
                ResultFormatFactory.getInstance(ResultFormatType.JSON, print).writeOut(results);
                print.flush();
                // A PrintStream keeps write errors (a full disk) to itself; a short file must never replace jmh.json.
                if (print.checkError()) {
                    throw new IOException("writing " + RunFiles.JMH_JSON + " failed part-way (is the disk full?)");
                }
            });
            EnvFile.write(folder, env.withRun(new Environment.RunOutcome(planned.size(), results.size(), complete, interrupted,
                    failures, stopped, allocatedOutputs)));
            if (complete || interrupted || stopped != null) {
                Files.deleteIfExists(folder.resolve(CONFIGURATION_RESULT));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save results in " + folder + ": " + e.getMessage(), e);
        }
    }
}
