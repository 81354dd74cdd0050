package org.edgebench.plan;

import org.edgebench.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SuiteTest {

    /** The repository's suite files: Maven runs the tests in the project's base directory, where {@link Suite#load} looks first. */
    private static final Path SUITES = Path.of("benchmarks");

    /** Every {@code benchmarks/*.properties}, so a suite added there is tested without naming it here. */
    static List<String> suiteFiles() throws IOException {
        return suiteNames(SUITES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suiteFiles")
    void everySuiteFileLoadsAndSelectsABenchmark(String name) {
        Suite suite = Suite.load(name);
        assertThat(suite.params()).as(name).containsKeys("model", "batchSize", "provider");
        assertThat(benchmarks(suite.include())).as("benchmarks %s's include=%s selects", name, suite.include()).isNotEmpty();
    }

    /** The jar runs from any folder on its own copies, and names the suites in its error messages. */
    @Test
    void theJarCarriesEverySuiteFileAsItIsAndListsIt() throws IOException, URISyntaxException {
        URL copies = Suite.class.getResource("/benchmarks");
        assertThat(copies).as("benchmarks/ on the class path").isNotNull();
        Path classPath = Path.of(copies.toURI());
        List<String> names = suiteFiles();
        assertThat(suiteNames(classPath)).isEqualTo(names);
        for (String name : names) {
            String file = name + ".properties";
            assertThat(Files.mismatch(SUITES.resolve(file), classPath.resolve(file))).as(file).isEqualTo(-1);
        }
        assertThat(Suite.available()).containsExactlyInAnyOrderElementsOf(names);
    }

    @Test
    void theDefaultSuiteIsTheLabsRun() {
        Suite suite = Suite.load("default");
        assertThat(suite.params().get("batchSize")).containsExactly("1", "8", "32");
        assertThat(suite.params().get("provider")).containsExactly("CPU", "XNNPACK");
        assertThat(suite.params().get("dims")).containsExactly("");
        assertThat(suite.forks()).contains(2);
    }

    @Test
    void theCiSuiteHasForksToCount() {
        assertThat(Suite.load("ci").forks()).hasValueSatisfying(f -> assertThat(f).isGreaterThanOrEqualTo(5));
    }

    @Test
    void threadCountsExpandToTheCores() {
        int cores = Runtime.getRuntime().availableProcessors();
        List<String> threads = Suite.expand("1..cores");
        assertThat(threads).startsWith("1").endsWith(Integer.toString(cores)).doesNotHaveDuplicates();
        assertThat(Suite.expand("4")).containsExactly("4");
    }

    @Test
    void typosAndBadValuesAreRefused() {
        Properties p = new Properties();
        p.setProperty("batchsize", "1");
        assertThatThrownBy(() -> Suite.parse("mine", p)).isInstanceOf(BadInputException.class).hasMessageContaining("'batchsize'");
        Properties q = new Properties();
        q.setProperty("forks", "two");
        assertThatThrownBy(() -> Suite.parse("mine", q)).isInstanceOf(BadInputException.class).hasMessageContaining("forks");
        Properties r = new Properties();
        r.setProperty("warmupTime", "soon");
        assertThatThrownBy(() -> Suite.parse("mine", r)).isInstanceOf(BadInputException.class).hasMessageContaining("warmupTime");
    }

    @Test
    void runSettingsApplyOnlyToTheBenchmarksTheSuiteSelects() {
        Suite suite = Suite.load("default");
        assertThat(suite.forBenchmark(onlyBenchmark("OrtSessionRunBenchmark")).forks()).contains(2);
        Suite cold = suite.forBenchmark(onlyBenchmark("SessionColdStartBenchmark"));
        assertThat(cold.forks()).isEmpty();
        assertThat(cold.warmupIterations()).isEmpty();
        assertThat(cold.measurementIterations()).isEmpty();
        assertThat(cold.params()).isEqualTo(suite.params());
    }

    private static List<String> suiteNames(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".properties"))
                    .map(f -> f.substring(0, f.length() - ".properties".length())).sorted().toList();
        }
    }

    /** The benchmarks a regexp selects from the compiled ones, as the launcher finds them. */
    private static List<String> benchmarks(String include) {
        return BenchmarkList.defaultList()
                .find(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), List.of(include), List.of())
                .stream().map(BenchmarkListEntry::getUsername).distinct().toList();
    }

    /** The one benchmark method of a class, by its current name, so a renamed method cannot leave a stale one here. */
    private static String onlyBenchmark(String benchmarkClass) {
        List<String> found = benchmarks(benchmarkClass);
        assertThat(found).as(benchmarkClass).hasSize(1);
        return found.get(0);
    }
}
