package org.edgebench.turns;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine with fake sides: small shell scripts that behave as a benchmark run's forks do
 * ({@code Turns}: a token before every iteration, one back after it, one more turn at the end of the
 * trial), in milliseconds.
 */
@DisabledOnOs(OS.WINDOWS)
class TurnTakingTest {

    /**
     * A fake run: FORKS forks one after another, each logging "NAME start", opening the pipes as a
     * fork does and taking ITERATIONS turns plus its trial's last, ended with LAST (default e, as
     * Turns.passLast does), then logging "NAME exit"; each iteration logs "NAME in" and "NAME out".
     * CRASH_AT makes the first fork die holding its token at that iteration; FAIL_AT makes the run exit 1 there.
     */
    private static final String FAKE_RUN = """
            IFS=, read -r wait pass <<< "$EDGEBENCH_TURNS"
            for ((f = 1; f <= FORKS; f++)); do
              echo "$NAME start" >> "$LOG"
              (
                exec 3< "$wait" 4> "$pass"
                for ((i = 1; i <= ITERATIONS; i++)); do
                  IFS= read -r -n1 -u3 token || exit 3
                  [ "$f" = 1 ] && [ "$i" = "${CRASH_AT:-0}" ] && exit 0
                  [ "$i" = "${FAIL_AT:-0}" ] && exit 1
                  echo "$NAME in" >> "$LOG"
                  echo "$NAME out" >> "$LOG"
                  printf t >&4
                done
                IFS= read -r -n1 -u3 token || exit 3
                printf "${LAST:-e}" >&4
                echo "$NAME exit" >> "$LOG"
              ) || exit $?
            done
            """;

    @TempDir
    Path dir;

    private Side side(String name, int forks, int iterations, Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>(extra);
        env.put("NAME", name);
        env.put("LOG", dir.resolve("iterations.log").toString());
        String script = FAKE_RUN.replace("FORKS", Integer.toString(forks)).replace("ITERATIONS", Integer.toString(iterations));
        return new Side(name, List.of("bash", "-c", script), dir, env, dir.resolve(name + ".log"));
    }

    /** The iterations' lines, in order (forks' start and exit lines left out). */
    private List<String> iterations() throws Exception {
        return log().stream().filter(l -> l.endsWith(" in") || l.endsWith(" out")).toList();
    }

    private List<String> log() throws Exception {
        Path log = dir.resolve("iterations.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    /** Every "in" is followed by the same side's "out": no two sides were ever inside an iteration at once. */
    private static void assertOneAtATime(List<String> lines) {
        assertThat(lines.size() % 2).isZero();
        for (int i = 0; i < lines.size(); i += 2) {
            String name = lines.get(i).split(" ")[0];
            assertThat(lines.get(i)).as("line %d", i).isEqualTo(name + " in");
            assertThat(lines.get(i + 1)).as("line %d", i + 1).isEqualTo(name + " out");
        }
    }

    private static long count(List<String> lines, String name) {
        return lines.stream().filter(l -> l.equals(name + " in")).count();
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void threeSidesTakeOneTurnEachPerRoundInAShuffledOrder() throws Exception {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        List<TurnTaking.Ending> endings = TurnTaking.run(List.of(side("a", 2, 6, Map.of()), side("b", 2, 6, Map.of()),
                side("c", 2, 6, Map.of())), true, 42, order::add);

        assertThat(endings).extracting(TurnTaking.Ending::exit).containsExactly(0, 0, 0);
        List<String> lines = iterations();
        assertOneAtATime(lines);
        assertThat(List.of(count(lines, "a"), count(lines, "b"), count(lines, "c"))).containsExactly(12L, 12L, 12L);
        // Each round gives every side one turn; the rounds' orders are not all the same.
        Map<String, List<String>> rounds = order.stream().collect(Collectors.groupingBy(l -> l.split(",")[0],
                LinkedHashMap::new, Collectors.mapping(l -> l.split(",")[1], Collectors.toList())));
        assertThat(rounds.get("1")).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(rounds.values().stream().filter(r -> r.size() == 3).distinct().count()).isGreaterThan(1);
    }

    /** From a fork's exit to its build's next iteration (the next fork's start in between), no other build runs. */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void forksExitAndStartInsideTheirOwnBuildsTurn() throws Exception {
        List<TurnTaking.Ending> endings = TurnTaking.run(List.of(side("a", 4, 3, Map.of()), side("b", 4, 3, Map.of())),
                true, 11, line -> { });
        assertThat(endings).extracting(TurnTaking.Ending::exit).containsExactly(0, 0);
        List<String> lines = log();
        for (int i = 0; i < lines.size(); i++) {
            String name = lines.get(i).split(" ")[0];
            if (lines.get(i).endsWith(" exit") && lines.subList(i, lines.size()).contains(name + " in")) {
                for (int j = i + 1; j < lines.size() && !lines.get(j).equals(name + " in"); j++) {
                    assertThat(lines.get(j)).as("line %d, after %s's fork exited at line %d", j, name, i).startsWith(name + " ");
                }
            }
        }
        assertOneAtATime(iterations());
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aSideThatEndsReleasesTheOthersWithNoCapOnTheirTurns() throws Exception {
        List<TurnTaking.Ending> endings = TurnTaking.run(List.of(side("short", 1, 2, Map.of()), side("long", 3, 700, Map.of())),
                true, 1, line -> { });
        assertThat(endings).extracting(TurnTaking.Ending::exit).containsExactly(0, 0);
        List<String> lines = iterations();
        assertOneAtATime(lines);
        assertThat(count(lines, "short")).isEqualTo(2);
        assertThat(count(lines, "long")).isEqualTo(2100);
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aForkThatDiesHoldingItsTokenEndsItsTurnAndTheSideGoesOn() throws Exception {
        List<TurnTaking.Ending> endings = TurnTaking.run(List.of(side("crashy", 2, 5, Map.of("CRASH_AT", "3")),
                side("steady", 2, 5, Map.of())), true, 7, line -> { });
        assertThat(endings).extracting(TurnTaking.Ending::exit).containsExactly(0, 0);
        List<String> lines = iterations();
        assertOneAtATime(lines);
        // The first fork measured 2 iterations before it died; the second all 5.
        assertThat(count(lines, "crashy")).isEqualTo(7);
        assertThat(count(lines, "steady")).isEqualTo(10);
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aSideThatFailsStopsTheOthersAndRemovesThePipes() throws Exception {
        List<TurnTaking.Ending> endings = TurnTaking.run(List.of(side("failing", 1, 100_000, Map.of("FAIL_AT", "3")),
                side("other", 1, 100_000, Map.of())), true, 3, line -> { });
        assertThat(endings.get(0).exit()).isEqualTo(1);
        assertThat(endings.get(1).stopped()).isTrue();
        assertThat(count(iterations(), "other")).isLessThan(100);
        try (var left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("edgebench-turns"))
                    .filter(p -> Files.exists(p.resolve("failing.go")))).isEmpty();
        }
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void withoutTurnsTheSidesRunWholeOneAfterAnother() throws Exception {
        List<String> order = new ArrayList<>();
        // Without pipes a side runs free: the fake run then reads nothing, so give it no iterations.
        List<TurnTaking.Ending> endings = TurnTaking.run(List.of(
                new Side("x", List.of("bash", "-c", "echo x >> iterations.log; sleep 0.2; echo x >> iterations.log"), dir, Map.of(), dir.resolve("x.log")),
                new Side("y", List.of("bash", "-c", "echo y >> iterations.log; sleep 0.2; echo y >> iterations.log"), dir, Map.of(), dir.resolve("y.log"))),
                false, 5, order::add);
        assertThat(endings).extracting(TurnTaking.Ending::side).containsExactly("x", "y");
        assertThat(endings).extracting(TurnTaking.Ending::exit).containsExactly(0, 0);
        List<String> lines = log();
        assertThat(lines.get(0)).isEqualTo(lines.get(1));
        assertThat(lines.get(2)).isEqualTo(lines.get(3));
        assertThat(order).hasSize(2);
    }

    /** A task, as a run's configuration is: its body runs the fake run's forks with the pipes it is given. */
    private TurnTaking.Task task(String name, int forks, int iterations, Map<String, String> extra, List<Integer> exits) {
        Side side = side(name, forks, iterations, extra);
        return new TurnTaking.Task(name, pipes -> {
            ProcessBuilder builder = new ProcessBuilder(side.command()).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(side.log().toFile());
            builder.environment().putAll(side.env());
            builder.environment().put("EDGEBENCH_TURNS", pipes);
            try {
                exits.add(builder.start().waitFor());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void tasksOfOneRunTakeTurnsOneIterationAtATime() throws Exception {
        List<Integer> exits = Collections.synchronizedList(new ArrayList<>());
        List<String> order = new ArrayList<>();
        TurnTaking.runTasks(List.of(task("cpu", 2, 4, Map.of(), exits), task("xnnpack", 2, 4, Map.of(), exits)), 11, order::add);
        assertThat(exits).containsExactly(0, 0);
        List<String> lines = iterations();
        assertOneAtATime(lines);
        assertThat(count(lines, "cpu")).isEqualTo(2 * 4);
        assertThat(count(lines, "xnnpack")).isEqualTo(2 * 4);
        // Each round gives each task one turn: 2 forks x (4 iterations + the trial's last turn), the first
        // fork's last turn going on into the second fork's first iteration.
        assertThat(order).hasSize(2 * (2 * 5 - 1));
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aTaskThatFailsLeavesTheRotationAndTheOthersFinish() throws Exception {
        List<Integer> exits = Collections.synchronizedList(new ArrayList<>());
        TurnTaking.runTasks(List.of(task("failing", 1, 50, Map.of("FAIL_AT", "3"), exits), task("other", 2, 30, Map.of(), exits)),
                5, line -> { });
        assertThat(exits).containsExactlyInAnyOrder(1, 0);
        assertThat(count(iterations(), "failing")).isEqualTo(2);
        assertThat(count(iterations(), "other")).isEqualTo(2 * 30);
        assertOneAtATime(iterations());
    }
}
