package org.edgebench.it;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * shellcheck on the shell scripts and action-validator on the workflows, failing with their
 * output. A missing tool skips the test on a developer's machine; with CI=true (set by .ci/run,
 * which installs both) it fails, so CI cannot pass without linting.
 */
class LintIT {

    private static final Path LINT_DIR = Path.of(System.getProperty("edgebench.lint.dir", "target/lint"));
    private static final String VALIDATOR_VERSION = System.getProperty("edgebench.actionValidator.version");

    @Test
    void shellScriptsPassShellcheck() throws Exception {
        List<String> command = new ArrayList<>(List.of(requireTool("shellcheck", onPath("shellcheck"), "apt-get install shellcheck")));
        command.addAll(files(Path.of("scripts"), ".sh"));
        command.add(".ci/run");
        assertClean(command);
    }

    @Test
    void workflowsPassActionValidator() throws Exception {
        Path validator = LINT_DIR.resolve("node_modules/.bin/action-validator");
        Path packageJson = LINT_DIR.resolve("node_modules/@action-validator/cli/package.json");
        boolean installed = Files.isExecutable(validator) && Files.isRegularFile(packageJson)
                && Files.readString(packageJson).contains("\"version\": \"" + VALIDATOR_VERSION + "\"");
        List<String> command = new ArrayList<>(List.of(requireTool("@action-validator/cli " + VALIDATOR_VERSION,
                installed ? validator.toString() : null,
                "npm install --prefix " + LINT_DIR + " @action-validator/cli@" + VALIDATOR_VERSION + ", or run .ci/run")));
        List<String> workflows = files(Path.of(".github/workflows"), ".yml");
        assertThat(workflows).isNotEmpty();
        command.addAll(workflows);
        assertClean(command);
    }

    private static String requireTool(String name, String executable, String install) {
        String message = name + " not found; install it: " + install;
        if ("true".equals(System.getenv("CI"))) {
            assertThat(executable).as(message).isNotNull();
        } else {
            assumeTrue(executable != null, message);
        }
        return executable;
    }

    private static String onPath(String name) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .findFirst().orElse(null);
    }

    private static List<String> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(Path::toString).filter(name -> name.endsWith(suffix)).sorted().toList();
        }
    }

    private static void assertClean(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in 2 minutes");
        }
        assertThat(process.exitValue()).as("%s:%n%s", String.join(" ", command), output).isZero();
    }
}
