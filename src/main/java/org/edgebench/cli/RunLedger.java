package org.edgebench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.edgebench.run.Configuration;
import org.edgebench.runtime.Environment;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What a run has finished, kept on disk as it goes: after every configuration, jmh.json holds
 * every finished result (written by JMH's own JSON formatter, then renamed into place), and
 * env.json's {@code run} section says what failed or was cut short. So a fork that dies, or a
 * Ctrl-C, costs only the configuration that was running.
 */
final class RunLedger {

    /** A configuration that did not produce a result, and why. */
    record Failure(Configuration configuration, String reason) {
    }

    private final Path folder;
    private final List<Configuration> planned;
    private final List<RunResult> results = new ArrayList<>();
    private final List<Failure> failures = new ArrayList<>();
    private boolean complete;
    private boolean interrupted;

    RunLedger(Path folder, List<Configuration> planned) {
        this.folder = folder;
        this.planned = List.copyOf(planned);
    }

    synchronized void finished(Collection<RunResult> finished) {
        if (!interrupted) {
            results.addAll(finished);
            save();
        }
    }

    /** Records a failure; after an interrupt, the killed fork's failure is not the configuration's. */
    synchronized void failed(Configuration configuration, String reason) {
        if (!interrupted) {
            failures.add(new Failure(configuration, reason));
            save();
        }
    }

    synchronized void complete() {
        if (!interrupted) {
            complete = true;
            save();
        }
    }

    synchronized List<RunResult> results() {
        return List.copyOf(results);
    }

    synchronized List<Failure> failures() {
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
        if (!failures.isEmpty()) {
            s.append("; failed: ");
            failures.forEach(f -> s.append(System.lineSeparator()).append("  ")
                    .append(f.configuration().label(true)).append(": ").append(f.reason()));
        }
        return s.append(failures.isEmpty() ? ")" : System.lineSeparator() + ")").toString();
    }

    private void save() {
        try {
            Path temp = folder.resolve(".jmh.json.tmp");
            ResultFormatFactory.getInstance(ResultFormatType.JSON, temp.toString()).writeOut(results);
            Files.move(temp, folder.resolve("jmh.json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            recordInEnv();
            if (complete || interrupted) {
                Files.deleteIfExists(folder.resolve(".jmh-configuration.json"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save results in " + folder, e);
        }
    }

    private void recordInEnv() throws IOException {
        Path envFile = folder.resolve("env.json");
        if (!Files.exists(envFile)) {
            return;
        }
        ObjectNode env = (ObjectNode) Environment.JSON.readTree(envFile.toFile());
        ObjectNode run = env.putObject("run");
        run.put("configurations", planned.size());
        run.put("finished", results.size());
        run.put("complete", complete);
        run.put("interrupted", interrupted);
        ArrayNode failed = run.putArray("failed");
        for (Failure f : failures) {
            ObjectNode node = failed.addObject();
            node.put("benchmark", f.configuration().benchmark());
            ObjectNode params = node.putObject("params");
            for (Map.Entry<String, String> p : f.configuration().params().entrySet()) {
                params.put(p.getKey(), p.getValue());
            }
            node.put("reason", f.reason());
        }
        Path temp = folder.resolve(".env.json.tmp");
        Files.writeString(temp, Environment.JSON.writeValueAsString(env));
        Files.move(temp, envFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
