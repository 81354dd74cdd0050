package org.edgebench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reviewed report outputs in {@code src/test/resources/report/golden}. A test compares its
 * output with one; with {@code -Dedgebench.regenerateGolden=true} it rewrites the source tree's
 * copy instead and passes, so a deliberate change to the report is reviewed as a diff before it
 * is committed (src/test/resources/report/README.md).
 */
final class Golden {

    static final String REGENERATE = "edgebench.regenerateGolden";

    /** Relative to the project's base directory, where Maven runs the tests. */
    private static final Path SOURCE = Path.of("src", "test", "resources", "report", "golden");

    private Golden() {
    }

    /** {@code actual} equals {@code golden/<file>}, or, when regenerating, becomes it. */
    static void assertMatches(String actual, String file) {
        if (Boolean.getBoolean(REGENERATE)) {
            rewrite(actual, file);
        } else {
            assertThat(actual).as("golden/%s (if the change is deliberate, regenerate with -D%s=true and review the diff)",
                    file, REGENERATE).isEqualTo(Fixtures.text("golden/" + file));
        }
    }

    private static void rewrite(String actual, String file) {
        if (!Files.isDirectory(SOURCE)) {
            throw new IllegalStateException("no " + SOURCE + " in " + Path.of("").toAbsolutePath()
                    + ": regenerate from the project's base directory");
        }
        Path target = SOURCE.resolve(file);
        try {
            if (Files.isRegularFile(target) && Files.readString(target, StandardCharsets.UTF_8).equals(actual)) {
                return;
            }
            Files.writeString(target, actual, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("golden file rewritten: " + target.toAbsolutePath());
    }
}
