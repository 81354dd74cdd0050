package org.edgebench.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Configurations of one run that the summary compares (a model and its int8 twin here, providers
 * alike) are measured in turns by the packaged jar: one iteration each per round, in a shuffled
 * order written to turns.csv, their forks marked with their group in jmh.json, and the launcher
 * holding JMH's lock for its runners meanwhile.
 */
class TurnsInRunIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] TWINS = {"-f", "2", "-wi", "1", "-i", "2", "-w", "100ms", "-r", "100ms",
            "-p", "model=student,student-int8", "-p", "provider=CPU", "-p", "batchSize=1", "-p", "intraOpThreads=1",
            "OrtSessionRunBenchmark"};

    @TempDir
    Path dir;

    private String[] twins(String... more) {
        List<String> args = new ArrayList<>(List.of(TWINS));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void twinsTakeTurnsPairTheirRatiosAndTheRunHoldsJmhsLockMeanwhile() throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Path runDir = dir.resolve("run");
        JarProcess jar = JarProcess.startWithLock(tmp, dir.resolve("log.txt"), twins("--out", runDir.toString()));
        assertThat(jar.awaitOutput("[2] ", 120)).as(jar.output()).isTrue();
        // Another run on the machine finds JMH's lock taken while the two take turns.
        JarProcess other = JarProcess.startWithLock(tmp, dir.resolve("other.txt"), twins("--lock-wait", "0",
                "--out", dir.resolve("other").toString()));
        assertThat(other.waitFor()).as(other.output()).isEqualTo(2);
        assertThat(other.output()).contains("another JMH run holds JMH's lock");

        int exit = jar.waitFor();
        String output = jar.output();
        assertThat(exit).as(output).isZero();
        assertThat(output).contains("EdgeBench: configurations 1 to 2 of 2 in turns")
                .doesNotContain("JMH lock is ignored")
                .contains("EdgeBench: wrote " + runDir + " (2 of 2 configurations)");
        // Every line JMH printed for a configuration came whole, after its number.
        assertThat(output.lines().filter(l -> l.contains("Iteration   1:"))).allMatch(l -> l.matches("\\[[12]] .*ms/op"));

        List<String> turns = Files.readAllLines(runDir.resolve("turns.csv"));
        assertThat(turns.get(0)).isEqualTo("group,round,configuration");
        Map<String, List<String>> byRound = new TreeMap<>();
        turns.subList(1, turns.size()).forEach(l -> byRound.computeIfAbsent(l.split(",")[1], r -> new ArrayList<>())
                .add(l.substring(l.indexOf(',', l.indexOf(',') + 1) + 1)));
        // 2 forks x (1 warm-up + 2 measured iterations), the first fork's last turn going on into the second's first.
        assertThat(byRound).hasSize(5);
        assertThat(byRound.values()).allSatisfy(names -> assertThat(names).hasSize(2)
                .containsExactlyInAnyOrder("OrtSessionRunBenchmark.run student CPU b1 t1", "OrtSessionRunBenchmark.run student-int8 CPU b1 t1"));

        JsonNode results = JSON.readTree(runDir.resolve("jmh.json").toFile());
        assertThat(results).hasSize(2).allSatisfy(r -> assertThat(r.path("jvmArgs").toString()).contains("-Dedgebench.turnGroup=1"));
        assertThat(Files.readString(runDir.resolve("summary.txt"))).contains("Pairs measured in turns (turns.csv");
    }

    @Test
    void noTurnsRunsThemOneAfterAnotherAsBefore() throws Exception {
        Path runDir = dir.resolve("run");
        JarProcess jar = JarProcess.start(dir.resolve("log.txt"), twins("--no-turns", "--out", runDir.toString()));
        int exit = jar.waitFor();
        String output = jar.output();

        assertThat(exit).as(output).isZero();
        assertThat(output).contains("EdgeBench: configuration 1 of 2").contains("EdgeBench: configuration 2 of 2")
                .doesNotContain("in turns");
        assertThat(runDir.resolve("turns.csv")).doesNotExist();
        assertThat(JSON.readTree(runDir.resolve("jmh.json").toFile()).toString()).doesNotContain("turnGroup");
        assertThat(Files.readString(runDir.resolve("summary.txt"))).doesNotContain("Pairs measured in turns");
    }
}
