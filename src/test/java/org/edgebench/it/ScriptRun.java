package org.edgebench.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs one of scripts/ on the packaged jar and checks that bad input is one line and exit 2, with nothing run. */
final class ScriptRun {

    private ScriptRun() {
    }

    static void assertBadInput(String script, Path tmp, Map<String, String> env, String message, String... args) throws Exception {
        Path err = tmp.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of("bash", "scripts/" + script), Arrays.stream(args)).toList())
                .redirectOutput(tmp.resolve("stdout.txt").toFile()).redirectError(err.toFile());
        builder.environment().put("EDGEBENCH_JAR", JarProcess.JAR.toAbsolutePath().toString());
        builder.environment().put("EDGEBENCH_RUN_DIR", tmp.resolve("run").toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        String stderr = Files.readString(err, StandardCharsets.UTF_8).strip();
        assertThat(process.exitValue()).as(stderr).isEqualTo(2);
        assertThat(stderr).as(Arrays.toString(args)).contains(message).doesNotContain("\n");
        assertThat(tmp.resolve("run")).doesNotExist();
    }
}
