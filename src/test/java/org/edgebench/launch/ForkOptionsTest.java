package org.edgebench.launch;

import org.edgebench.plan.Suite;
import org.edgebench.run.Configuration;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What each configuration's JMH run gets from the command line and the launcher. */
class ForkOptionsTest {

    @Test
    void theUsersJvmArgsAppendReachTheForksBesideTheLaunchersOwn() throws Exception {
        CommandLineOptions jmh = new CommandLineOptions("-jvmArgsAppend", "-Dmine=1 -Xss2m");
        Configuration configuration = Configuration.planned("org.edgebench.bench.OrtSessionRunBenchmark.run", 1,
                Map.of("model", "student", "batchSize", "1"));

        var options = BenchmarkRun.options(jmh, Suite.load("quick"), configuration, Path.of("results/x"), "-Dextra=2").build();

        assertThat(options.getJvmArgsAppend().get()).containsSubsequence("-Dmine=1", "-Xss2m", "-Dextra=2")
                .anyMatch(a -> a.startsWith("-Dedgebench.models="));
    }
}
