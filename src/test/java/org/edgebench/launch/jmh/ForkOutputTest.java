package org.edgebench.launch.jmh;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ForkOutputTest {

    private static final String SCHEMA_LINE = "Schema error: Trying to register schema with name Abs (domain:  version: 1) from file"
            + " ./onnx/defs/math/old.cc line 2729, but it is already registered from file ./onnx/defs/math/old.cc line 2729\n";

    @TempDir
    Path dir;

    @Test
    void theForksKnownNoiseIsCountedNotShownAndEverythingElseIsShown() throws Exception {
        Path file = dir.resolve("out.txt");
        KnownNoise noise = new KnownNoise();
        ForkOutput output = ForkOutput.of(new OptionsBuilder().output(file.toString()).build(), noise);

        output.print("# Warmup Iteration   1: ");
        byte[] fork = (SCHEMA_LINE + "\n" + SCHEMA_LINE.replace("Abs", "Add") + "\n" + "a fork's own line\n" + "\n"
                + "no line break at the end")
                .getBytes(StandardCharsets.UTF_8);
        // JMH drains a fork's output in chunks that need not end at a line break.
        output.write(java.util.Arrays.copyOfRange(fork, 0, 50));
        output.write(java.util.Arrays.copyOfRange(fork, 50, fork.length));
        output.println("0.588 ms/op");
        output.endOfForks();
        output.close();

        assertThat(noise.hidden()).isEqualTo(2);
        assertThat(Files.readString(file)).isEqualTo("# Warmup Iteration   1: a fork's own line\n\n0.588 ms/op\nno line break at the end");
        assertThat(noise.summary()).startsWith("EdgeBench: held back 2 \"Schema error: Trying to register schema ... but it is"
                + " already registered\" line(s)").doesNotContain("\n");
    }

    @Test
    void withoutNoiseThereIsNothingToSay() {
        KnownNoise noise = new KnownNoise();
        assertThat(noise.hides("Schema error: something else")).isFalse();
        assertThat(noise.summary()).isEmpty();
    }
}
