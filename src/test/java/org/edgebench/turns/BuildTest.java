package org.edgebench.turns;

import org.edgebench.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BuildTest {

    @TempDir
    Path dir;

    @Test
    void aJarRunsHereAndASourceTreeRunsInItself() throws Exception {
        Path jar = Files.writeString(dir.resolve("b.jar"), "");
        Build here = Build.parse("a=b.jar", dir);
        assertThat(here.jar()).isEqualTo(jar);
        assertThat(here.dir()).isEqualTo(dir);

        Path tree = Files.createDirectories(dir.resolve("tree/target"));
        Files.writeString(tree.resolve("benchmarks.jar"), "");
        Build inTree = Build.parse("base=tree", dir);
        assertThat(inTree.dir()).isEqualTo(dir.resolve("tree"));
        assertThat(inTree.jar()).isEqualTo(tree.resolve("benchmarks.jar"));
        assertThat(inTree.java(List.of("-Dx=1"))).endsWith("-Dx=1").first().asString().endsWith("java");
    }

    @Test
    void badBuildsAreOneLineEach() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> Build.parse("b.jar", dir)).isInstanceOf(BadInputException.class).hasMessageContaining("expected NAME=BUILD");
        assertThatThrownBy(() -> Build.parse("a b=x.jar", dir)).hasMessageContaining("'a b': a name may hold letters");
        assertThatThrownBy(() -> Build.parse("a=none.jar", dir)).hasMessageContaining("'none.jar': no such jar or folder");
        assertThatThrownBy(() -> Build.parse("a=empty", dir)).hasMessageContaining("holds no target/benchmarks.jar");
        assertThatThrownBy(() -> Build.parse("a=native:none", dir)).hasMessageContaining("'native:none': no folder");
        assertThatThrownBy(() -> Build.parse("a=native:empty", dir)).hasMessageContaining("has no libonnxruntime.so");
    }

    @Test
    void theSuiteSettingsLeaveCommentsAside() throws Exception {
        Files.createDirectories(dir.resolve("benchmarks"));
        Files.writeString(dir.resolve("benchmarks/ci.properties"), "# why\nforks=5\n\n  # more\nmodel=student\n");
        Files.writeString(dir.resolve("x.jar"), "");
        assertThat(Build.parse("a=x.jar", dir).suiteSettings("ci")).isEqualTo("forks=5\nmodel=student");
        assertThat(Build.parse("a=x.jar", dir).suiteSettings("none")).isEmpty();
    }

    @Test
    void capabilitiesAreVersionedAndAnythingElseIsNone() {
        Capabilities read = Capabilities.parse(Capabilities.THIS_BUILD.toJson());
        assertThat(read).isEqualTo(Capabilities.THIS_BUILD);
        assertThat(read.takesTurns()).isTrue();
        assertThat(read.has("count")).isTrue();
        assertThat(Capabilities.parse("{\"version\": 2, \"turns\": [\"fifo\"], \"future\": true}").takesTurns()).isTrue();
        assertThat(Capabilities.parse("Unknown option: --json")).isEqualTo(Capabilities.NONE);
        assertThat(Capabilities.parse("{\"version\": 0}")).isEqualTo(Capabilities.NONE);
    }

    @Test
    void cpuListsAreRead() {
        assertThat(Cpus.parseList("0-2,5")).containsExactly(0, 1, 2, 5);
        assertThat(Cpus.parseList("3")).containsExactly(3);
        assertThat(Cpus.plan("all", true, false).runPrefix()).isEmpty();
        assertThat(Cpus.plan(null, false, false).runPrefix()).isEmpty();
        assertThat(Cpus.plan(null, true, true).runPrefix()).isEmpty();
    }
}
