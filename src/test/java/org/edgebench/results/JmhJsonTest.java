package org.edgebench.results;

import org.edgebench.BadInputException;
import org.edgebench.report.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class JmhJsonTest {

    @TempDir
    Path dir;

    @Test
    void readsSampleTimeWithHistogramsPerForkAndIteration() {
        List<JmhResult> results = JmhJson.read(Fixtures.copy(Fixtures.SAMPLE, dir, "x.json"));

        assertThat(results).hasSize(6);
        JmhResult first = results.get(0);
        assertThat(first.benchmark()).isEqualTo("fixture.SimulatedInferenceBenchmark.run");
        assertThat(first.mode()).isEqualTo("sample");
        assertThat(first.forks()).isEqualTo(2);
        assertThat(first.params()).containsExactly(
                org.assertj.core.api.Assertions.entry("batchSize", "1"),
                org.assertj.core.api.Assertions.entry("intraOpThreads", "0"),
                org.assertj.core.api.Assertions.entry("model", "student"),
                org.assertj.core.api.Assertions.entry("provider", "CPU"));
        assertThat(first.scoreUnit()).isEqualTo("ms/op");
        assertThat(first.scorePercentiles()).containsKeys(0.0, 50.0, 99.9, 100.0);
        assertThat(first.rawDataHistogram()).hasSize(2).allSatisfy(fork -> assertThat(fork).hasSize(3));
        assertThat(first.rawData()).isEmpty();
        assertThat(first.secondaryMetrics()).containsKey("p0.50");
    }

    @Test
    void readsOtherModesRawDataAndGcProfiler() {
        JmhResult thrpt = JmhJson.read(Fixtures.copy(Fixtures.THRPT, dir, "t.json")).get(0);
        assertThat(thrpt.mode()).isEqualTo("thrpt");
        assertThat(thrpt.isRate()).isTrue();
        assertThat(thrpt.rawData()).hasSize(2).allSatisfy(fork -> assertThat(fork).hasSize(3));
        assertThat(thrpt.rawDataHistogram()).isEmpty();
        assertThat(thrpt.toMillis(4.0)).isCloseTo(0.25, within(1e-12));

        JmhResult avgt = JmhJson.read(Fixtures.copy(Fixtures.AVGT_GC, dir, "a.json")).get(0);
        assertThat(avgt.secondaryMetrics().get("gc.alloc.rate.norm").scoreUnit()).isEqualTo("B/op");
    }

    @Test
    void stripsTheMiddleDotOfOldJmhAndReadsNanAndInfinityStrings() throws IOException {
        Path file = dir.resolve("old.json");
        Files.writeString(file, """
                [{"benchmark":"a.B.m","mode":"avgt","threads":1,"forks":1,"params":{},
                  "primaryMetric":{"score":"NaN","scoreError":"+INF","scoreUnit":"us/op","rawData":[["-INF",2.0]]},
                  "secondaryMetrics":{"\u00b7gc.alloc.rate.norm":{"score":16.0,"scoreError":"NaN","scoreUnit":"B/op","rawData":[[16.0]]}}}]
                """);

        JmhResult result = JmhJson.read(file).get(0);

        assertThat(result.score()).isNaN();
        assertThat(result.scoreError()).isInfinite().isPositive();
        assertThat(result.rawData().get(0)).containsExactly(Double.NEGATIVE_INFINITY, 2.0);
        assertThat(result.secondaryMetrics()).containsOnlyKeys("gc.alloc.rate.norm");
        assertThat(result.params()).isEmpty();
        assertThat(result.toMillis(2000.0)).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void readsTheTurnGroupFromTheForksJvmOptions() throws IOException {
        Path file = dir.resolve("turns.json");
        Files.writeString(file, """
                [{"benchmark":"a.B.m","mode":"avgt","threads":1,"forks":1,"params":{"provider":"CPU"},
                  "jvmArgs":["-Xmx1g","-Dedgebench.turns=/tmp/t/c1.go,/tmp/t/c1.done","-Dedgebench.turnGroup=3"],
                  "primaryMetric":{"score":1.0,"scoreError":0.1,"scoreUnit":"ms/op","rawData":[[1.0]]}},
                 {"benchmark":"a.B.m","mode":"avgt","threads":1,"forks":1,"params":{"provider":"XNNPACK"},
                  "jvmArgs":["-Dedgebench.turnGroup=3"],
                  "primaryMetric":{"score":1.0,"scoreError":0.1,"scoreUnit":"ms/op","rawData":[[1.0]]}},
                 {"benchmark":"a.B.m","mode":"avgt","threads":1,"forks":1,"params":{"provider":"ACL"},
                  "jvmArgs":["-Xmx1g"],
                  "primaryMetric":{"score":1.0,"scoreError":0.1,"scoreUnit":"ms/op","rawData":[[1.0]]}}]
                """);

        List<JmhResult> results = JmhJson.read(file);

        assertThat(results).extracting(JmhResult::turnGroup).containsExactly("3", "3", "");
        assertThat(results.get(0).measuredInTurnsWith(results.get(1))).isTrue();
        assertThat(results.get(2).measuredInTurnsWith(results.get(2))).isFalse();
    }

    @Test
    void acceptsARunFolder() {
        Fixtures.runFolder(Fixtures.SS, dir, false);
        assertThat(JmhJson.read(dir)).hasSize(3).allSatisfy(r -> assertThat(r.mode()).isEqualTo("ss"));
    }

    @Test
    void missingFile() {
        assertThatThrownBy(() -> JmhJson.read(dir.resolve("nope.json")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("nope.json not found");
    }

    @Test
    void folderWithoutJmhJson() {
        assertThatThrownBy(() -> JmhJson.read(dir))
                .isInstanceOf(BadInputException.class).hasMessageContaining("is a folder without jmh.json");
    }

    @Test
    void malformedJsonNamesLineAndColumn() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "[\n  {\"benchmark\": \"a.B.m\",, }\n]");
        assertThatThrownBy(() -> JmhJson.read(file))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("bad.json is not valid JSON at line 2, column")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void truncatedJson() throws IOException {
        Path file = dir.resolve("cut.json");
        String whole = Fixtures.text(Fixtures.THRPT);
        Files.writeString(file, whole.substring(0, whole.length() / 2));
        assertThatThrownBy(() -> JmhJson.read(file))
                .isInstanceOf(BadInputException.class).hasMessageContaining("cut.json is not valid JSON");
    }

    @Test
    void emptyArrayAndEmptyFile() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.json"), " [ ] ");
        Path nothing = Files.writeString(dir.resolve("nothing.json"), "");
        assertThatThrownBy(() -> JmhJson.read(empty))
                .isInstanceOf(BadInputException.class).hasMessageContaining("empty.json holds an empty array");
        assertThatThrownBy(() -> JmhJson.read(nothing))
                .isInstanceOf(BadInputException.class).hasMessageContaining("nothing.json is empty");
    }

    @Test
    void jsonThatIsNotJmhs() throws IOException {
        Path object = Files.writeString(dir.resolve("object.json"), "{\"benchmark\": \"x\"}");
        Path other = Files.writeString(dir.resolve("other.json"), "[{\"name\": \"x\", \"value\": 1}]");
        Path unit = Files.writeString(dir.resolve("unit.json"),
                "[{\"benchmark\":\"a.B.m\",\"mode\":\"avgt\",\"primaryMetric\":{\"score\":1,\"scoreUnit\":\"furlongs\"}}]");
        for (Path file : List.of(object, other)) {
            assertThatThrownBy(() -> JmhJson.read(file))
                    .isInstanceOf(BadInputException.class)
                    .hasMessage(file + " is not JMH JSON: expected an array of results with 'benchmark', 'mode' and 'primaryMetric'");
        }
        assertThatThrownBy(() -> JmhJson.read(unit))
                .isInstanceOf(BadInputException.class).hasMessageContaining("score unit 'furlongs'");
    }
}
