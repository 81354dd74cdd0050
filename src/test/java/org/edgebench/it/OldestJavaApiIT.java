package org.edgebench.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sources compile against the oldest ONNX Runtime Java API the project supports (1.21.0,
 * Debian 13's {@code libonnxruntime1.21}): the same class path as the tests, with ONNX Runtime's
 * jar swapped for that version's, which the pom copies from Maven Central.
 */
class OldestJavaApiIT {

    private static final Pattern ONNXRUNTIME_JAR = Pattern.compile(".*[/\\\\]onnxruntime-[0-9][^/\\\\]*\\.jar");

    @TempDir
    Path out;

    @Test
    void theSourcesCompileAgainstTheOldestJavaApi() throws Exception {
        Path oldest = Path.of(System.getProperty("edgebench.oldestJavaApi", "target/oldest-java-api/onnxruntime-1.21.0.jar"));
        assertThat(oldest).as("the pom copies it in pre-integration-test").isRegularFile();
        List<String> testPath = Arrays.asList(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                .split(File.pathSeparator));
        assertThat(testPath).as("the test class path holds ONNX Runtime's jar").anyMatch(e -> ONNXRUNTIME_JAR.matcher(e).matches());
        String classPath = Stream.concat(
                        testPath.stream().filter(e -> !ONNXRUNTIME_JAR.matcher(e).matches() && e.endsWith(".jar") && !e.contains("benchmarks")),
                        Stream.of(oldest.toString()))
                .collect(Collectors.joining(File.pathSeparator));
        List<Path> sources;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            sources = files.filter(f -> f.toString().endsWith(".java")).toList();
        }

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        boolean compiled;
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
            compiled = javac.getTask(null, files, diagnostics,
                    List.of("--release", "17", "-proc:none", "-cp", classPath, "-d", out.toString()),
                    null, files.getJavaFileObjectsFromPaths(sources)).call();
        }
        assertThat(compiled).as("javac against %s:%n%s", oldest, diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR).map(Object::toString)
                .collect(Collectors.joining("\n"))).isTrue();
    }
}
