package org.edgebench.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The suite on a second, independently built ONNX Runtime: JavaCPP's Linux x64 build (with DNNL
 * and OpenVINO compiled in), loaded through {@code -Donnxruntime.native.path} with Microsoft's JNI
 * layer of the same version. The pom assembles the folder from Maven Central; this test adds the
 * {@code libonnxruntime.so} name the Java classes load, as a user of that build would.
 */
class NativeBuildIT {

    private static final Path BUILD = Path.of(System.getProperty("edgebench.nativeBuild", "target/native/javacpp-onnxruntime-1.28.0"));
    private static final String VERSION = System.getProperty("edgebench.nativeBuild.version", "1.28.0");

    @TempDir
    Path dir;

    @BeforeAll
    static void assemble() throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux") && System.getProperty("os.arch").equals("amd64"),
                "JavaCPP's build in the pom is linux-x86_64");
        Path library = BUILD.resolve("libonnxruntime.so");
        if (!Files.exists(library)) {
            Files.copy(BUILD.resolve("libonnxruntime.so.1"), library, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void theSuiteRunsOnTheForeignBuildAndSaysWhatItsProvidersAre() throws Exception {
        Path runDir = dir.resolve("run");
        JarProcess jar = JarProcess.startWith(List.of("-Donnxruntime.native.path=" + BUILD.toAbsolutePath()), dir.resolve("log.txt"),
                "--suite", "quick", "-f", "1", "-wi", "1", "-i", "1", "-w", "200ms", "-r", "300ms",
                "-p", "provider=CPU,DNNL,OPENVINO", "--out", runDir.toString());
        int exit = jar.waitFor();
        String output = jar.output();
        assertThat(exit).as("exit code; output:%n%s", output).isZero();
        assertThat(output).contains("DNNL: listed by the native library but not attachable through this Java binding"
                        + " (its JNI layer was built without DNNL)")
                .contains("EdgeBench: warning: ONNX Runtime's Java classes are ")
                .contains("but its native libraries are " + VERSION);

        JsonNode env = new ObjectMapper().readTree(runDir.resolve("env.json").toFile());
        JsonNode ort = env.path("onnxRuntime");
        assertThat(ort.path("version").asText()).isEqualTo(VERSION);
        assertThat(ort.path("nativePath").asText()).isEqualTo(BUILD.toAbsolutePath().toString());
        assertThat(ort.path("availableProviders").toString()).contains("\"CPU\"", "\"DNNL\"", "\"OPENVINO\"");
        assertThat(env.path("providers").path("run").toString()).isEqualTo("[\"CPU\"]");
        assertThat(env.path("providers").path("skipped").findValuesAsText("provider")).containsExactly("DNNL", "OPENVINO");
        assertThat(env.path("warnings").toString()).contains("-Donnxruntime.version=" + VERSION);

        String summary = Files.readString(runDir.resolve("summary.txt"));
        assertThat(summary).contains("ONNX Runtime " + VERSION)
                .contains("OPENVINO: listed by the native library but not attachable through this Java binding")
                .contains("build the jar against the native version with mvn package -Donnxruntime.version=" + VERSION);
    }

    @Test
    void aFolderWithoutTheJniLibraryIsOneLineBeforeAnyFork() throws Exception {
        Path partial = dir.resolve("partial");
        Files.createDirectories(partial);
        Files.copy(BUILD.resolve("libonnxruntime.so"), partial.resolve("libonnxruntime.so"));
        JarProcess jar = JarProcess.startWith(List.of("-Donnxruntime.native.path=" + partial), dir.resolve("log.txt"),
                "--suite", "quick", "--out", dir.resolve("run").toString());
        int exit = jar.waitFor();
        String output = jar.output();
        assertThat(exit).as(output).isEqualTo(2);
        assertThat(output.strip()).isEqualTo("edgebench: -Donnxruntime.native.path=" + partial
                + " has no libonnxruntime4j_jni.so; the folder needs libonnxruntime.so and libonnxruntime4j_jni.so of one ONNX Runtime build");
        assertThat(dir.resolve("run")).doesNotExist();
    }
}
