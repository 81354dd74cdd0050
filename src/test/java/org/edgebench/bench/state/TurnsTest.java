package org.edgebench.bench.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisabledOnOs(OS.WINDOWS)
class TurnsTest {

    private static Path fifo(Path dir, String name) throws Exception {
        Path path = dir.resolve(name);
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor(), "mkfifo " + path);
        return path;
    }

    /** Two sides, each with its own thread, never run at once and strictly alternate, as two forks would. */
    @Test
    @Timeout(30)
    void twoSidesAlternateOneTurnAtATime(@TempDir Path dir) throws Exception {
        Path a = fifo(dir, "a");
        Path b = fifo(dir, "b");
        // Held open by a third party, as the script holds them, so no open blocks and no token is lost.
        try (RandomAccessFile holdA = new RandomAccessFile(a.toFile(), "rw");
             RandomAccessFile holdB = new RandomAccessFile(b.toFile(), "rw")) {
            Turns sideA = Turns.of(a + "," + b);
            Turns sideB = Turns.of(b + "," + a);
            holdA.write('t');
            List<String> log = Collections.synchronizedList(new ArrayList<>());
            int[] inside = {0};
            int turns = 200;
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<?> fa = pool.submit(() -> takeTurns(sideA, "A", turns, log, inside));
                Future<?> fb = pool.submit(() -> takeTurns(sideB, "B", turns, log, inside));
                fa.get();
                fb.get();
            } finally {
                pool.shutdownNow();
            }
            assertEquals(2 * turns, log.size());
            for (int i = 0; i < log.size(); i++) {
                assertEquals((i % 2 == 0 ? "A" : "B") + (i / 2), log.get(i), "turn " + i);
            }
            // The last pass left one token for A, the side that started.
            assertEquals('t', holdA.read());
        }
    }

    private static Void takeTurns(Turns side, String name, int turns, List<String> log, int[] inside) {
        for (int i = 0; i < turns; i++) {
            side.take();
            synchronized (inside) {
                inside[0]++;
                assertEquals(1, inside[0], "both sides inside a turn at once");
            }
            log.add(name + i);
            Thread.onSpinWait();
            synchronized (inside) {
                inside[0]--;
            }
            side.pass();
        }
        return null;
    }

    /** When every writer of the pipe a side waits on has gone, its wait ends with an error instead of hanging. */
    @Test
    @Timeout(30)
    void aWaitWhoseOtherSideHasGoneFails(@TempDir Path dir) throws Exception {
        Path a = fifo(dir, "a");
        Path b = fifo(dir, "b");
        Turns side;
        try (RandomAccessFile holdA = new RandomAccessFile(a.toFile(), "rw");
             RandomAccessFile holdB = new RandomAccessFile(b.toFile(), "rw")) {
            side = Turns.of(a + "," + b);
        }
        IllegalStateException gone = assertThrows(IllegalStateException.class, side::take);
        assertTrue(gone.getMessage().contains("has gone"), gone.getMessage());
    }

    @Test
    void aValueThatIsNotTwoPipesIsRefusedByName() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Turns.of("/tmp/only-one"));
        assertEquals("EDGEBENCH_TURNS must be WAIT,PASS (two named pipes), was '/tmp/only-one'", e.getMessage());
    }
}
