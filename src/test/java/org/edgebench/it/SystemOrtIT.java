package org.edgebench.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The distribution's ONNX Runtime as a real second build, through {@code scripts/system-ort.sh}:
 * Debian 13's {@code libonnxruntime1.21} (CPU, XNNPACK and DNNL), in a Debian 13 root under
 * {@code target/system-ort/} on an older Debian, with the JNI layer built from Debian's source
 * package and this checkout built against Java API 1.21.0. Making the root and the builds is the
 * script's (cached in target/ after the first time; .ci/run starts it before the tests). It needs
 * root and debootstrap (or Debian 13 itself), and is skipped elsewhere, saying why; with
 * {@code CI=true} it fails instead.
 */
class SystemOrtIT {

    @TempDir
    Path dir;

    @BeforeAll
    static void canRun() {
        boolean possible = System.getProperty("os.name").startsWith("Linux") && Files.isExecutable(Path.of("/usr/bin/dpkg"))
                && (isRoot() || Files.exists(Path.of("/usr/share/doc/libonnxruntime1.21")));
        if (!"true".equals(System.getenv("CI"))) {
            assumeTrue(possible, "needs root and debootstrap for a Debian 13 root, or Debian 13 with libonnxruntime1.21");
        }
    }

    @Test
    void xnnpackRunsOnTheDistributionsBuildAndItsPlacementIsRecorded() throws Exception {
        Path runDir = dir.resolve("run");
        Script script = Script.run(dir, "--suite", "quick", "-f", "1", "-wi", "1", "-i", "1", "-w", "200ms", "-r", "300ms",
                "-p", "provider=CPU,XNNPACK", "-p", "intraOpThreads=1", "--out", runDir.toString());
        assertThat(script.exit).as("exit code; output:%n%s", script.output).isZero();
        assertThat(script.output).doesNotContainPattern("(?m)^Schema error: ").doesNotContainPattern("\\n{10}")
                .containsPattern("EdgeBench: held back [0-9,]+ \"Schema error: Trying to register schema ... but it is already"
                        + " registered\" line\\(s\\) that ONNX Runtime printed in the forks")
                .containsPattern("EdgeBench: placement: student/XNNPACK: [1-9][0-9]* of [0-9]+ nodes on XNNPACK");

        JsonNode env = new ObjectMapper().readTree(runDir.resolve("env.json").toFile());
        JsonNode ort = env.path("onnxRuntime");
        assertThat(ort.path("version").asText()).isEqualTo("1.21.0");
        assertThat(ort.path("javaApiVersion").asText()).isEqualTo("1.21.0");
        assertThat(ort.path("build").asText()).startsWith("ONNX Runtime 1.21.0 from Debian's libonnxruntime1.21 (")
                .endsWith("JNI built from its source");
        assertThat(ort.path("availableProviders").toString()).contains("\"CPU\"", "\"XNNPACK\"", "\"DNNL\"");
        assertThat(env.path("providers").path("run").toString()).isEqualTo("[\"CPU\",\"XNNPACK\"]");
        assertThat(env.path("warnings").toString()).doesNotContain("Java classes are");

        List<String> placement = Files.readAllLines(runDir.resolve("placement.csv"));
        assertThat(placement.get(0)).startsWith("model,provider,dims,nodes,nodes_on_cpu,nodes_by_provider,cpu_operators,");
        assertThat(placement).anySatisfy(row -> assertThat(row).startsWith("student,CPU,,").contains("CPU "));
        assertThat(placement).anySatisfy(row -> assertThat(row).startsWith("student,XNNPACK,,").containsPattern("XNNPACK [1-9]"));
        assertThat(Files.readString(runDir.resolve("summary.txt"))).contains("== Node placement ==")
                .containsPattern("student/XNNPACK: [1-9][0-9]* of [0-9]+ nodes on XNNPACK")
                .contains("ONNX Runtime 1.21.0");
        assertThat(new ObjectMapper().readTree(runDir.resolve("jmh.json").toFile())).hasSize(2);
    }

    @Test
    void requireFullDelegationFailsUnrunAConfigurationWhoseProviderLeftNodesToCpu() throws Exception {
        // XNNPACK leaves the student's Add and Transpose nodes to CPU: nothing is measured, the run says why.
        Path runDir = dir.resolve("run");
        Script script = Script.run(dir, "--suite", "quick", "-f", "1", "-wi", "1", "-i", "1", "-w", "200ms", "-r", "300ms",
                "-p", "provider=XNNPACK", "--require-full-delegation", "--out", runDir.toString());
        assertThat(script.exit).as("exit code; output:%n%s", script.output).isEqualTo(1);
        assertThat(script.output).containsPattern("EdgeBench: --require-full-delegation: student/XNNPACK: [0-9]+ of [0-9]+ nodes"
                + " on XNNPACK; on CPU: .*; not run").doesNotContain("# Fork:");
        assertThat(new ObjectMapper().readTree(runDir.resolve("env.json").toFile()).path("run").path("failed").toString())
                .contains("--require-full-delegation");
    }

    private static boolean isRoot() {
        try {
            Process id = new ProcessBuilder("id", "-u").start();
            return id.waitFor(10, TimeUnit.SECONDS) && new String(id.getInputStream().readAllBytes()).strip().equals("0");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private record Script(int exit, String output) {

        /** Runs the script (which makes or reuses the root and builds: up to several minutes the first time). */
        static Script run(Path dir, String... args) throws Exception {
            Path log = dir.resolve("log.txt");
            ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of("bash", "scripts/system-ort.sh"), Stream.of(args)).toList())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            // It checks the build, not timings: another JMH on the machine must not fail it.
            builder.environment().put("EDGEBENCH_JAVA_OPTS", "-Djmh.ignoreLock=true");
            Process process = builder.start();
            if (!process.waitFor(20, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("scripts/system-ort.sh did not finish within 20 minutes; log " + log);
            }
            return new Script(process.exitValue(), Files.readString(log));
        }
    }
}
