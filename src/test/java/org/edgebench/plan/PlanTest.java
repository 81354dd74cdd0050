package org.edgebench.plan;

import org.edgebench.BadInputException;
import org.edgebench.run.Configuration;
import org.edgebench.run.Environment;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The configurations a run hands JMH, from the compiled benchmarks: each benchmark crossed with the
 * values of the parameters it declares and with the caller counts, and the values taken from the
 * command line, else the suite, else the benchmarks' own defaults. Nothing is run.
 */
class PlanTest {

    private static final OutputFormat SILENT = OutputFormatFactory.createFormatInstance(
            new PrintStream(OutputStream.nullOutputStream()), VerboseMode.SILENT);
    private static final String ORT = "org.edgebench.bench.OrtSessionRunBenchmark.run";
    private static final String DJL = "org.edgebench.bench.DjlPredictorBenchmark.predict";
    private static final List<String> ORT_ONLY = List.of("OrtSessionRunBenchmark");

    private static Function<String, List<String>> given(Map<String, List<String>> values) {
        return values::get;
    }

    private static Suite suite(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return Suite.parse("test", p);
    }

    @Test
    void eachBenchmarkIsCrossedWithTheValuesOfItsParametersAndTheCallerCountsSideBySide() {
        List<Configuration> plan = Plan.expand(SILENT, ORT_ONLY, List.of(), List.of(1, 2), given(Map.of(
                "model", List.of("student"), "batchSize", List.of("1", "8"), "provider", List.of("CPU"),
                "intraOpThreads", List.of("0", "1"), "dims", List.of(""), "inputs", List.of(""))));

        assertThat(plan).hasSize(2 * 2 * 2);
        assertThat(plan).allSatisfy(c -> {
            assertThat(c.benchmark()).isEqualTo(ORT);
            assertThat(c.mode()).as("JMH decides the mode").isEmpty();
        });
        assertThat(plan).extracting(Configuration::label).containsExactly(
                "student CPU b1 t0", "student CPU b1 t0 c2", "student CPU b1 t1", "student CPU b1 t1 c2",
                "student CPU b8 t0", "student CPU b8 t0 c2", "student CPU b8 t1", "student CPU b8 t1 c2");
        assertThat(plan).extracting(Configuration::key).doesNotHaveDuplicates();
    }

    @Test
    void aParameterTheBenchmarkDoesNotDeclareDoesNotMultiplyIt() {
        List<Configuration> plan = Plan.expand(SILENT, ORT_ONLY, List.of(), List.of(1), given(Map.of(
                "model", List.of("student"), "batchSize", List.of("1"), "provider", List.of("CPU"),
                "intraOpThreads", List.of("0"), "dims", List.of(""), "inputs", List.of(""),
                "size", List.of("10", "100", "1000"))));

        assertThat(plan).singleElement().satisfies(c -> assertThat(c.params()).doesNotContainKey("size"));
    }

    @Test
    void aParameterWithoutValuesTakesTheBenchmarksOwnDefaults() {
        List<Configuration> plan = Plan.expand(SILENT, ORT_ONLY, List.of(), List.of(1), given(Map.of(
                "model", List.of("student"), "provider", List.of("CPU"), "intraOpThreads", List.of("0"))));

        assertThat(plan).extracting(Configuration::batchSize).containsExactly("1", "8", "32");
        assertThat(plan).allSatisfy(c -> assertThat(c.params()).containsEntry("dims", "").containsEntry("inputs", ""));
    }

    @Test
    void severalBenchmarksEachGetTheirOwnConfigurationsAndExcludesAreHonoured() {
        Map<String, List<String>> values = Map.of("model", List.of("student"), "batchSize", List.of("1"),
                "provider", List.of("CPU"), "intraOpThreads", List.of("0"), "dims", List.of(""), "inputs", List.of(""));

        List<Configuration> both = Plan.expand(SILENT, List.of("OrtSessionRunBenchmark|DjlPredictorBenchmark"), List.of(),
                List.of(1), given(values));
        List<Configuration> withoutDjl = Plan.expand(SILENT, List.of("OrtSessionRunBenchmark|DjlPredictorBenchmark"),
                List.of("Djl"), List.of(1), given(values));

        assertThat(both).extracting(Configuration::benchmark).containsExactlyInAnyOrder(ORT, DJL);
        assertThat(withoutDjl).extracting(Configuration::benchmark).containsExactly(ORT);
    }

    @Test
    void declaredDefaultsAreTheUnionOverTheSelectedBenchmarksWithoutRepeats() {
        assertThat(Plan.declaredDefaults(SILENT, List.of("OrtSessionRunBenchmark|SessionColdStartBenchmark"), List.of(), "batchSize"))
                .containsExactly("1", "8", "32");
        assertThat(Plan.declaredDefaults(SILENT, ORT_ONLY, List.of(), "provider")).containsExactly("CPU", "XNNPACK");
        assertThat(Plan.declaredDefaults(SILENT, ORT_ONLY, List.of(), "size")).isEmpty();
    }

    /** The command line wins over the suite, the suite over the benchmark's defaults; the build's missing providers are dropped. */
    @Test
    void resolveTakesEachValueFromTheCommandLineElseTheSuiteElseTheDefaults() {
        Suite suite = suite("include", "OrtSessionRunBenchmark", "model", "student", "batchSize", "1,8", "provider", "CPU,XNNPACK");
        Map<String, List<String>> commandLine = Map.of("batchSize", List.of("4"));

        Plan.Planned planned = Plan.resolve(SILENT, ORT_ONLY, List.of(), suite, List.of(1), given(commandLine));

        assertThat(planned.requested()).containsEntry("batchSize", List.of("4"))
                .containsEntry("model", List.of("student"))
                .containsEntry("provider", List.of("CPU", "XNNPACK"))
                .containsEntry("intraOpThreads", List.of("0"))
                .containsEntry("dims", List.of(""));
        assertThat(planned.configurations()).extracting(Configuration::label).containsExactly("student CPU b4 t0");
        assertThat(planned.checked().skipped()).extracting(s -> s.provider().name()).containsExactly("XNNPACK");

        Environment env = planned.environment(Environment.UNKNOWN, "test", "mine", "java -jar benchmarks.jar -p batchSize=4");
        assertThat(env.providers().requested()).containsExactly("CPU", "XNNPACK");
        assertThat(env.providers().run()).containsExactly("CPU");
        assertThat(env.skippedProviders()).extracting(Environment.SkippedProvider::provider).containsExactly("XNNPACK");
        assertThat(env.models()).singleElement().satisfies(m -> {
            assertThat(m.name()).isEqualTo("student");
            assertThat(m.sha256()).hasSize(64);
            assertThat(m.bytes()).isPositive();
        });
        assertThat(env.suite()).isEqualTo("test");
        assertThat(env.label()).isEqualTo("mine");
        assertThat(env.commandLine()).isEqualTo("java -jar benchmarks.jar -p batchSize=4");
        assertThat(env.startedAt()).isNotBlank();
    }

    @Test
    void aRegexpThatMatchesNoBenchmarkIsOneLine() {
        Suite suite = suite("model", "student", "batchSize", "1", "provider", "CPU");

        assertThatThrownBy(() -> Plan.resolve(SILENT, List.of("NoSuchBenchmark"), List.of(), suite, List.of(1), given(Map.of())))
                .isInstanceOf(BadInputException.class)
                .hasMessage("no benchmark matches NoSuchBenchmark; list them with -l");
    }

    @Test
    void badValuesStopThePlanBeforeAnyConfigurationIsMade() {
        Suite suite = suite("model", "student", "batchSize", "0", "provider", "CPU");

        assertThatThrownBy(() -> Plan.resolve(SILENT, ORT_ONLY, List.of(), suite, List.of(1), given(Map.of())))
                .isInstanceOf(BadInputException.class)
                .hasMessage("batchSize must be >= 1, was 0");
    }

    @Test
    void moreCallersThanABenchmarkCanHaveAreRefused() {
        Suite suite = suite("model", "student", "batchSize", "1", "provider", "CPU");

        assertThatThrownBy(() -> Plan.resolve(SILENT, List.of("SessionColdStartBenchmark"), List.of(), suite, List.of(1, 2),
                given(Map.of())))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("SessionColdStartBenchmark runs with one caller only, not 2");
    }
}
