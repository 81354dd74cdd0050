package org.edgebench.cli;

import org.edgebench.BadInputException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SuiteTest {

    @Test
    void everyShippedSuiteLoads() {
        for (String name : Suite.available()) {
            Suite suite = Suite.load(name);
            assertThat(suite.params()).as(name).containsKeys("model", "batchSize", "provider");
        }
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
        assertThat(suite.forBenchmark("org.edgebench.bench.OrtSessionRunBenchmark.run").forks()).contains(2);
        Suite cold = suite.forBenchmark("org.edgebench.bench.SessionColdStartBenchmark.createAndInfer");
        assertThat(cold.forks()).isEmpty();
        assertThat(cold.warmupIterations()).isEmpty();
        assertThat(cold.measurementIterations()).isEmpty();
        assertThat(cold.params()).isEqualTo(suite.params());
    }
}
