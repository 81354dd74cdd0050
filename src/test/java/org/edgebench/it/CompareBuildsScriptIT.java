package org.edgebench.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;


/**
 * scripts/compare-builds.sh refuses bad input with one line and exit 2 before it builds or runs
 * anything (its alternated runs take minutes and are measured by hand, docs/compare.md).
 */
class CompareBuildsScriptIT {

    @TempDir
    Path tmp;

    @Test
    void twoBuildsAreNeeded() throws Exception {
        assertBadInput(Map.of(), "needs two builds: NAME=BUILD NAME=BUILD", "a=" + JarProcess.JAR);
    }

    @Test
    void eachBuildIsNameEqualsBuild() throws Exception {
        String jar = JarProcess.JAR.toAbsolutePath().toString();
        assertBadInput(Map.of(), "'" + jar + "': expected NAME=BUILD", jar, "b=" + jar);
        assertBadInput(Map.of(), "both builds are named 'a'", "a=" + jar, "a=" + jar);
        assertBadInput(Map.of(), "'a b': a name may hold letters", "a b=" + jar, "b=" + jar);
    }

    @Test
    void aMissingJarOrFolderIsBadInput() throws Exception {
        String jar = JarProcess.JAR.toAbsolutePath().toString();
        assertBadInput(Map.of(), "'" + tmp.resolve("none.jar") + "': no such jar", "a=" + jar, "b=" + tmp.resolve("none.jar"));
        assertBadInput(Map.of(), "'native:" + tmp.resolve("none") + "': no folder", "a=" + jar, "b=native:" + tmp.resolve("none"));
    }

    @Test
    void aNativeFolderNeedsBothLibraries() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("lib"));
        Files.writeString(folder.resolve("libonnxruntime.so"), "");
        assertBadInput(Map.of(), "has no libonnxruntime4j_jni.so (it needs libonnxruntime.so and libonnxruntime4j_jni.so)",
                "a=" + JarProcess.JAR.toAbsolutePath(), "b=native:" + folder);
    }

    @Test
    void aVersionLooksLikeOneAndSettingsAreNumbers() throws Exception {
        String jar = JarProcess.JAR.toAbsolutePath().toString();
        assertBadInput(Map.of(), "'ort:latest': expected ort:VERSION such as ort:1.22.0", "a=" + jar, "b=ort:latest");
        assertBadInput(Map.of("EDGEBENCH_ROUNDS", "0"), "EDGEBENCH_ROUNDS must be a whole number >= 1", "a=" + jar, "b=" + jar);
        assertBadInput(Map.of("EDGEBENCH_THRESHOLD", "five"), "EDGEBENCH_THRESHOLD must be a percentage", "a=" + jar, "b=" + jar);
    }

    private void assertBadInput(Map<String, String> env, String message, String... args) throws Exception {
        ScriptRun.assertBadInput("compare-builds.sh", tmp, env, message, args);
    }
}
