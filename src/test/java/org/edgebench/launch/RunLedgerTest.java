package org.edgebench.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.edgebench.results.JmhJson;
import org.edgebench.results.JmhResult;
import org.edgebench.run.RunFiles;
import org.edgebench.run.Configuration;
import org.edgebench.run.EnvFile;
import org.edgebench.run.Environment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.AverageTimeResult;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.IterationResultMetaData;
import org.openjdk.jmh.results.ResultRole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.WorkloadParams;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * What the ledger keeps on disk as a run goes: jmh.json with every finished result (JMH's own JSON)
 * and env.json's {@code run} section with what finished, failed, was stopped or interrupted, each
 * rewritten after every configuration. The results are made here as JMH makes them; nothing runs.
 */
class RunLedgerTest {

    private static final String ORT = "org.edgebench.bench.OrtSessionRunBenchmark.run";
    private static final String NO_RESULT = "no result: the fork failed (its error is printed above)";

    @TempDir
    Path folder;

    private final Environment env = Environment.UNKNOWN.forRun("default", "mine", "java -jar benchmarks.jar", "2026-11-23T18:10:00Z",
            new Environment.Providers(List.of("CPU"), List.of("CPU"), List.of()), List.of());
    private final List<Configuration> planned = List.of(configuration("1"), configuration("8"), configuration("32"));
    private RunLedger ledger;

    @BeforeEach
    void ledger() {
        ledger = new RunLedger(folder, env, planned);
    }

    private static Configuration configuration(String batch) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("batchSize", batch);
        params.put("dims", "");
        params.put("intraOpThreads", "0");
        params.put("model", "student");
        params.put("provider", "CPU");
        return Configuration.planned(ORT, 1, params);
    }

    /** A result as JMH returns it for {@code configuration}: two AverageTime iterations of {@code ms} per call. */
    private static List<RunResult> result(Configuration configuration, double ms) {
        WorkloadParams workload = new WorkloadParams();
        int order = 0;
        for (Map.Entry<String, String> param : configuration.params().entrySet()) {
            workload.put(param.getKey(), param.getValue(), order++);
        }
        IterationParams iteration = new IterationParams(IterationType.MEASUREMENT, 2, TimeValue.seconds(1), 1);
        BenchmarkParams params = new BenchmarkParams(configuration.benchmark(), configuration.benchmark() + "_jmhTest", false,
                configuration.callers(), new int[] {configuration.callers()}, List.of(), 1, 0, iteration, iteration,
                Mode.AverageTime, workload, TimeUnit.MILLISECONDS, 1, "java", List.of(), "17", "OpenJDK", "17", "1.37",
                TimeValue.minutes(10));
        List<IterationResult> iterations = List.of(iteration(params, iteration, ms), iteration(params, iteration, ms));
        return List.of(new RunResult(params, List.of(new BenchmarkResult(params, iterations))));
    }

    private static IterationResult iteration(BenchmarkParams params, IterationParams iteration, double ms) {
        IterationResult result = new IterationResult(params, iteration, new IterationResultMetaData(1000, 1000));
        result.addResult(new AverageTimeResult(ResultRole.PRIMARY, "run", 1000, (long) (ms * 1e6 * 1000), TimeUnit.MILLISECONDS));
        return result;
    }

    private Path noOutputs() {
        return folder.resolve(".outputs-none.tsv");
    }

    private Environment.RunOutcome run() throws IOException {
        return EnvFile.read(folder).orElseThrow().run();
    }

    @Test
    void eachFinishedConfigurationIsInJmhJsonAndCountedInEnvJsonAtOnce() throws IOException {
        ledger.finished(planned.get(0), result(planned.get(0), 0.5), noOutputs());

        List<JmhResult> saved = JmhJson.read(folder);
        assertThat(saved).singleElement().satisfies(r -> {
            assertThat(r.benchmark()).isEqualTo(ORT);
            assertThat(r.params()).containsEntry("batchSize", "1").containsEntry("model", "student");
            assertThat(r.score()).isEqualTo(0.5);
        });
        Environment.RunOutcome run = run();
        assertThat(run.configurations()).isEqualTo(3);
        assertThat(run.finished()).isEqualTo(1);
        assertThat(run.complete()).isFalse();
        assertThat(run.interrupted()).isFalse();
        assertThat(run.failed()).isEmpty();
        assertThat(EnvFile.read(folder).orElseThrow().suite()).as("the rest of env.json kept").isEqualTo("default");

        ledger.finished(planned.get(1), result(planned.get(1), 3.0), noOutputs());

        assertThat(JmhJson.read(folder)).extracting(r -> r.params().get("batchSize")).containsExactly("1", "8");
        assertThat(run().finished()).isEqualTo(2);
        assertThat(ledger.results()).hasSize(2);
    }

    @Test
    void theOutputsAForkLeftToOnnxRuntimeAreRecordedAndItsFileDeleted() throws IOException {
        Path outputs = Files.writeString(folder.resolve(".outputs-1.tsv"),
                "logits\tits shape depends on the input values: the first call gave [1], the model declares [10]\nno tab here\n",
                StandardCharsets.UTF_8);

        ledger.finished(planned.get(0), result(planned.get(0), 0.5), outputs);

        assertThat(outputs).doesNotExist();
        assertThat(run().allocatedOutputs()).containsExactly(Environment.AllocatedOutput.of(planned.get(0), "logits",
                "its shape depends on the input values: the first call gave [1], the model declares [10]"));
    }

    @Test
    void aFailedConfigurationIsRecordedWithItsReasonAndNamedInTheOutcome() throws IOException {
        ledger.finished(planned.get(0), result(planned.get(0), 0.5), noOutputs());

        ledger.failed(planned.get(2), NO_RESULT);

        assertThat(run().failed()).containsExactly(new Environment.FailedConfiguration(ORT, 1, planned.get(2).params(), NO_RESULT));
        assertThat(run().finished()).isEqualTo(1);
        assertThat(JmhJson.read(folder)).hasSize(1);
        assertThat(ledger.failures()).extracting(Environment.FailedConfiguration::configuration).containsExactly(planned.get(2));
        String nl = System.lineSeparator();
        assertThat(ledger.outcome()).isEqualTo(" (1 of 3 configurations; failed: " + nl + "  "
                + planned.get(2).label(true) + ": " + NO_RESULT + nl + ")");
    }

    @Test
    void completeMarksTheRunAndRemovesTheLastConfigurationsOwnJmhFile() throws IOException {
        Path own = Files.writeString(folder.resolve(RunLedger.CONFIGURATION_RESULT), "[]");
        for (Configuration c : planned) {
            ledger.finished(c, result(c, 1.0), noOutputs());
        }
        assertThat(own).as("kept while the run goes on").exists();

        ledger.complete();

        assertThat(run().complete()).isTrue();
        assertThat(run().finished()).isEqualTo(3);
        assertThat(own).doesNotExist();
        assertThat(ledger.outcome()).isEqualTo(" (3 of 3 configurations)");
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(ledger.interrupted(out)).as("a Ctrl-C after the end changes nothing").isFalse();
        assertThat(run().interrupted()).isFalse();
    }

    @Test
    void aStoppedRunSaysWhyAndCountsTheConfigurationsNotStartedAsNeither() throws IOException {
        ledger.finished(planned.get(0), result(planned.get(0), 0.5), noOutputs());

        ledger.stopped("another JMH run held JMH's lock for 30m");

        assertThat(ledger.wasStopped()).isTrue();
        assertThat(run().stopped()).isEqualTo("another JMH run held JMH's lock for 30m");
        assertThat(run().failed()).isEmpty();
        assertThat(run().complete()).isFalse();
        assertThat(ledger.outcome()).isEqualTo(" (1 of 3 configurations; stopped before the other 2: another JMH run held JMH's lock for 30m)");
    }

    /**
     * A Ctrl-C: the forks this JVM started are stopped (a child process stands in for JMH's fork),
     * the run is saved as interrupted with what finished, and the killed fork's failure that follows is not recorded.
     */
    @Test
    void anInterruptKeepsWhatFinishedStopsTheForksAndIgnoresTheKilledForksFailure() throws Exception {
        assumeThat(ProcessHandle.current().descendants().count()).as("no other child process of this JVM to stop").isZero();
        ledger.finished(planned.get(0), result(planned.get(0), 0.5), noOutputs());
        Process fork = new ProcessBuilder("sleep", "600").start();
        try {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();

            boolean toReport = ledger.interrupted(new PrintStream(printed, true, StandardCharsets.UTF_8));

            assertThat(toReport).isTrue();
            assertThat(fork.waitFor(60, TimeUnit.SECONDS)).as("the fork was stopped").isTrue();
            assertThat(printed.toString(StandardCharsets.UTF_8))
                    .contains("EdgeBench: interrupted; kept 1 finished configuration(s) of 3 in " + folder);
            assertThat(ledger.wasInterrupted()).isTrue();
            Environment.RunOutcome run = run();
            assertThat(run.interrupted()).isTrue();
            assertThat(run.complete()).isFalse();
            assertThat(run.finished()).isEqualTo(1);

            ledger.failed(planned.get(1), NO_RESULT);
            ledger.finished(planned.get(2), result(planned.get(2), 1.0), noOutputs());
            ledger.complete();

            assertThat(ledger.failures()).isEmpty();
            assertThat(run()).isEqualTo(run);
            assertThat(JmhJson.read(folder)).hasSize(1);
        } finally {
            fork.destroyForcibly();
        }
    }

    @Test
    void anInterruptBeforeAnyResultHasNothingToReport() throws IOException {
        assumeThat(ProcessHandle.current().descendants().count()).as("no other child process of this JVM to stop").isZero();

        boolean toReport = ledger.interrupted(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertThat(toReport).isFalse();
        assertThat(run().interrupted()).isTrue();
        assertThat(run().finished()).isZero();
        JsonNode saved = new JsonMapper().readTree(folder.resolve(RunFiles.JMH_JSON).toFile());
        assertThat(saved.isArray() && saved.isEmpty()).as("jmh.json is JMH's empty array").isTrue();
    }
}
