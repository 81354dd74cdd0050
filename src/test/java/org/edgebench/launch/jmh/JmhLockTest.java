package org.edgebench.launch.jmh;

import org.edgebench.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JmhLockTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void waitLimitsAreSecondsMinutesOrHours() {
        assertThat(JmhLock.parseWait("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(JmhLock.parseWait("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(JmhLock.parseWait("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(JmhLock.parseWait("2H")).isEqualTo(Duration.ofHours(2));
        assertThat(JmhLock.parseWait("0")).isZero();
        for (String bad : new String[]{"", "-1", "soon", "5d", "1.5m"}) {
            assertThatThrownBy(() -> JmhLock.parseWait(bad)).as(bad).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("--lock-wait takes").hasMessageContaining("'" + bad + "'");
        }
        assertThat(JmhLock.format(Duration.ofMinutes(30))).isEqualTo("30 min");
        assertThat(JmhLock.format(Duration.ofSeconds(90))).isEqualTo("90 s");
    }

    @Test
    void aMissingOrUnheldLockIsFreeWithoutALine() throws Exception {
        Path file = dir.resolve("jmh.lock");
        assertThat(new JmhLock(file, Duration.ZERO, out).awaitFree()).isTrue();
        assertThat(file).as("left for JMH to create, world-writable").doesNotExist();
        Files.createFile(file);
        assertThat(new JmhLock(file, Duration.ZERO, out).awaitFree()).isTrue();
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aRunWhoseRunnersTakeTurnsHoldsTheLockItselfUntilItLetsGo() throws Exception {
        Path file = dir.resolve("jmh.lock");
        try (AutoCloseable held = new JmhLock(file, Duration.ZERO, out).take().orElseThrow()) {
            assertThat(file).exists();
            assertThat(new JmhLock(file, Duration.ZERO, out).awaitFree()).as("held while the runners run").isFalse();
        }
        assertThat(new JmhLock(file, Duration.ZERO, out).awaitFree()).as("free once let go").isTrue();

        Process holder = LockHolder.hold(file);
        try {
            assertThat(new JmhLock(file, Duration.ZERO, out).take()).as("another run holds it").isEmpty();
        } finally {
            holder.getOutputStream().close();
            holder.waitFor();
        }
    }

    @Test
    void aLockHeldByAnotherProcessIsRefusedAtOnceWithItsHolder() throws Exception {
        Path file = dir.resolve("jmh.lock");
        Process holder = LockHolder.hold(file);
        try {
            JmhLock lock = new JmhLock(file, Duration.ZERO, out);

            assertThat(lock.awaitFree()).isFalse();
            assertThat(lock.stillHeld()).startsWith("another JMH run holds JMH's lock " + file)
                    .contains("(pid " + holder.pid() + ": ").contains("java")
                    .contains("--lock-wait 0 refuses at once").doesNotContain("\n");
            assertThat(printed.toString(StandardCharsets.UTF_8)).as("no waiting line when not waiting").isEmpty();
        } finally {
            holder.getOutputStream().close();
            holder.waitFor();
        }
        assertThat(new JmhLock(file, Duration.ZERO, out).awaitFree()).as("free once the holder let go").isTrue();
    }

    @Test
    void aRunWaitsWithALineNamingTheLimitAndGoesOnOnceTheLockIsFree() throws Exception {
        Path file = dir.resolve("jmh.lock");
        Process holder = LockHolder.hold(file);
        JmhLock lock = new JmhLock(file, Duration.ofHours(1), out);
        Thread release = new Thread(() -> {
            try {
                while (!printed.toString(StandardCharsets.UTF_8).contains("waiting up to")) {
                    Thread.sleep(20);
                }
                holder.getOutputStream().close();
            } catch (Exception e) {
                holder.destroyForcibly();
            }
        });
        release.start();

        assertThat(lock.awaitFree()).isTrue();

        release.join();
        holder.waitFor();
        assertThat(printed.toString(StandardCharsets.UTF_8).lines().toList()).satisfiesExactly(
                waiting -> assertThat(waiting).startsWith("EdgeBench: another JMH run holds JMH's lock " + file
                        + " (pid " + holder.pid() + ": ").endsWith("; waiting up to 1 h for it (--lock-wait sets the limit,"
                        + " --lock-wait 0 refuses at once)"),
                free -> assertThat(free).isEqualTo("EdgeBench: JMH's lock " + file + " is free; going on"));
    }

    @Test
    void jmhsOwnRefusalIsRecognised() {
        assertThat(JmhLock.refusedByJmh("ERROR: Another JMH instance might be running. Unable to acquire the JMH lock"
                + " (/tmp/jmh.lock), exiting. Use -Djmh.ignoreLock=true to forcefully continue.")).isTrue();
        assertThat(JmhLock.refusedByJmh("ERROR: Unexpected exception while trying to acquire the JMH lock")).isFalse();
        assertThat(JmhLock.refusedByJmh(null)).isFalse();
    }
}
