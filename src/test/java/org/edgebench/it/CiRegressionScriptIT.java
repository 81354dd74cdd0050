package org.edgebench.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * scripts/ci-regression.sh refuses bad input with one line and exit 2 before it builds or runs
 * anything (the runs themselves are minutes long and measured by hand, docs/compare.md).
 */
class CiRegressionScriptIT {

    @TempDir
    Path tmp;

    @Test
    void unknownRevisionIsBadInput() throws Exception {
        assertBadInput(Map.of(), "unknown revision 'no-such-revision-here'", "--against", "no-such-revision-here");
    }

    @Test
    void againstWithoutARevisionIsBadInput() throws Exception {
        assertBadInput(Map.of(), "--against needs a revision", "--against");
    }

    @Test
    void roundsMustBeAWholeNumber() throws Exception {
        assertBadInput(Map.of("EDGEBENCH_ROUNDS", "0"), "EDGEBENCH_ROUNDS must be a whole number >= 1", "--against", "HEAD");
        assertBadInput(Map.of("EDGEBENCH_FORKS", "two"), "EDGEBENCH_FORKS must be a whole number >= 1", "--against", "HEAD");
    }

    @Test
    void missingBaselineNamesBothWaysOut() throws Exception {
        assertBadInput(Map.of(), "no baseline benchmarks/baselines/no-such-baseline.json", "no-such-baseline");
    }

    private void assertBadInput(Map<String, String> env, String message, String... args) throws Exception {
        Path err = tmp.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(concat(List.of("bash", "scripts/ci-regression.sh"), args))
                .redirectOutput(tmp.resolve("stdout.txt").toFile()).redirectError(err.toFile());
        builder.environment().put("EDGEBENCH_JAR", JarProcess.JAR.toAbsolutePath().toString());
        builder.environment().put("EDGEBENCH_RUN_DIR", tmp.resolve("run").toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        String stderr = Files.readString(err, StandardCharsets.UTF_8).strip();
        assertThat(process.exitValue()).as(stderr).isEqualTo(2);
        assertThat(stderr).contains(message).doesNotContain("\n");
        assertThat(tmp.resolve("run")).doesNotExist();
    }

    private static List<String> concat(List<String> head, String... tail) {
        return java.util.stream.Stream.concat(head.stream(), java.util.Arrays.stream(tail)).toList();
    }
}
