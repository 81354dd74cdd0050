package org.edgebench.report;

import org.junit.jupiter.api.Tag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.AnnotatedElement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reviewed report outputs in {@code src/test/resources/report/golden}. A test compares its
 * output with one; with {@code -Dedgebench.regenerateGolden=true} it rewrites the source tree's
 * copy instead and passes, so a deliberate change to the report is reviewed as a diff before it
 * is committed (src/test/resources/report/README.md). The regeneration command selects the tests
 * by their tag, {@code @Tag("golden")}, so a comparison from a test without it fails: regenerating
 * would leave its file behind.
 */
final class Golden {

    static final String REGENERATE = "edgebench.regenerateGolden";
    static final String TAG = "golden";
    static final String COMMAND = "mvn -o test -Dgroups=" + TAG + " -D" + REGENERATE + "=true";

    /** Relative to the project's base directory, where Maven runs the tests. */
    private static final Path SOURCE = Path.of("src", "test", "resources", "report", "golden");

    private Golden() {
    }

    /** {@code actual} equals {@code golden/<file>}, or, when regenerating, becomes it. */
    static void assertMatches(String actual, String file) {
        if (!calledFromTaggedTest()) {
            throw new IllegalStateException("golden/" + file + " is compared outside a test tagged @Tag(\"" + TAG
                    + "\"), so " + COMMAND + " would not rewrite it: tag the test");
        }
        if (Boolean.getBoolean(REGENERATE)) {
            rewrite(actual, file);
        } else {
            assertThat(actual).as("golden/%s (if the change is deliberate, regenerate with %s and review the diff)",
                    file, COMMAND).isEqualTo(Fixtures.text("golden/" + file));
        }
    }

    /** True when a method on the stack, or its class, carries the golden tag. */
    private static boolean calledFromTaggedTest() {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                .filter(f -> f.getDeclaringClass().getName().startsWith("org.edgebench."))
                .anyMatch(Golden::tagged));
    }

    private static boolean tagged(StackWalker.StackFrame frame) {
        Class<?> type = frame.getDeclaringClass();
        if (hasTag(type)) {
            return true;
        }
        try {
            return hasTag(type.getDeclaredMethod(frame.getMethodName(), frame.getMethodType().parameterArray()));
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static boolean hasTag(AnnotatedElement element) {
        return Arrays.stream(element.getAnnotationsByType(Tag.class)).anyMatch(tag -> tag.value().equals(TAG));
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
