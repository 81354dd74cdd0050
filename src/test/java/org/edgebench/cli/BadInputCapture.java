package org.edgebench.cli;

import org.edgebench.launch.ExitCodes;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Captures stderr around each test and runs the launcher on bad input: exit code 2 and exactly
 * one line, without a stack trace. Register with {@code @RegisterExtension}.
 */
final class BadInputCapture implements BeforeEachCallback, AfterEachCallback {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @Override
    public void beforeEach(ExtensionContext context) {
        originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.setErr(originalErr);
    }

    /** Runs {@code Launcher.run(args)} and returns its one line on stderr. */
    String failsWithOneLine(String... args) {
        err.reset();
        int code = Launcher.run(args);
        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(code).as("exit code of %s, stderr: %s", Arrays.toString(args), text).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(text.lines().toList()).as("stderr of %s", Arrays.toString(args)).hasSize(1);
        assertThat(text).startsWith("edgebench: ").doesNotContain("Exception").doesNotContain("\tat ");
        return text;
    }
}
