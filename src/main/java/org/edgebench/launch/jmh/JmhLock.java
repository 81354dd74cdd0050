package org.edgebench.launch.jmh;

import org.edgebench.BadInputException;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * JMH's lock file, which keeps two JMH runs on one machine apart. JMH takes it for each of the
 * launcher's configurations and, when another run holds it, fails at once; so the launcher looks
 * before each configuration, waits (up to {@code --lock-wait}, saying so) while another run holds
 * it, or refuses in one line when asked not to wait. A configuration JMH refused for the lock is
 * started again, never recorded as failed.
 */
public final class JmhLock {

    /** How long a run waits for another run's lock unless {@code --lock-wait} says otherwise. */
    public static final Duration DEFAULT_WAIT = Duration.ofMinutes(30);

    private static final Duration POLL = Duration.ofMillis(200);
    private static final String JMH_REFUSAL = "Another JMH instance might be running";

    private final Path file;
    private final Duration limit;
    private final PrintStream out;

    JmhLock(Path file, Duration limit, PrintStream out) {
        this.file = file;
        this.limit = limit;
        this.out = out;
    }

    /** The lock JMH's runner takes in this JVM: {@code <java.io.tmpdir>/jmh.lock}, unless {@code -Djmh.ignoreLock=true}. */
    public static Optional<JmhLock> ofThisJvm(Duration limit, PrintStream out) {
        if (Boolean.getBoolean("jmh.ignoreLock")) {
            return Optional.empty();
        }
        return Optional.of(new JmhLock(Paths.get(System.getProperty("java.io.tmpdir") + "/jmh.lock"), limit, out));
    }

    /** True when JMH's runner gave up on a configuration because another run held the lock. */
    public static boolean refusedByJmh(String failure) {
        return failure != null && failure.contains(JMH_REFUSAL);
    }

    /**
     * {@code 90}, {@code 90s}, {@code 15m}, {@code 2h}: how long to wait for the lock; 0 refuses at once.
     *
     * @throws BadInputException for anything else
     */
    public static Duration parseWait(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        long unit = v.endsWith("h") ? 3600 : v.endsWith("m") ? 60 : 1;
        String number = v.endsWith("h") || v.endsWith("m") || v.endsWith("s") ? v.substring(0, v.length() - 1) : v;
        try {
            long n = Long.parseLong(number);
            if (n >= 0 && n <= Long.MAX_VALUE / 3600) {
                return Duration.ofSeconds(n * unit);
            }
        } catch (NumberFormatException e) {
            // Reported below with the accepted forms.
        }
        throw new BadInputException("--lock-wait takes how long to wait for another JMH run's lock, e.g. 90s, 15m or 2h"
                + " (0 refuses at once), was '" + value + "'");
    }

    /**
     * Returns at once when the lock is free; otherwise, unless the limit is 0, says who holds it
     * and waits up to the limit.
     *
     * @return true when the lock is free, false when it is still held at the limit ({@link #stillHeld()} says why)
     */
    public boolean awaitFree() {
        if (isFree()) {
            return true;
        }
        if (limit.isZero()) {
            return false;
        }
        out.println("EdgeBench: " + heldBy() + "; waiting up to " + format(limit) + " for it (--lock-wait sets the limit,"
                + " --lock-wait 0 refuses at once)");
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            while (System.nanoTime() - deadline < 0) {
                Thread.sleep(POLL.toMillis());
                if (isFree()) {
                    out.println("EdgeBench: JMH's lock " + file + " is free; going on");
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /**
     * Waits like {@link #awaitFree()}, then takes the lock and holds it until the returned handle
     * is closed: for a run whose JMH runners run at once and so cannot each take it
     * ({@link #runnersIgnoreIt()}). Empty when it is still held by another run at the limit.
     */
    public Optional<AutoCloseable> take() {
        while (awaitFree()) {
            try {
                if (file.toFile().createNewFile()) {
                    // As JMH makes it: another user's run must be able to take it too.
                    file.toFile().setWritable(true, false);
                }
                RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw");
                FileLock lock;
                try {
                    lock = raf.getChannel().tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock != null) {
                    FileLock held = lock;
                    return Optional.of(() -> {
                        held.release();
                        raf.close();
                    });
                }
                raf.close();
            } catch (IOException e) {
                // JMH could not take it either; its own error then names the file.
                return Optional.of(() -> { });
            }
        }
        return Optional.empty();
    }

    /**
     * Makes the JMH runners of this JVM leave the lock to the launcher ({@code -Djmh.ignoreLock=true},
     * which JMH reads once, when its runner class is first used); false when that happened before.
     */
    public static boolean runnersIgnoreIt() {
        String before = System.getProperty("jmh.ignoreLock");
        System.setProperty("jmh.ignoreLock", "true");
        try {
            java.lang.reflect.Field ignore = org.openjdk.jmh.runner.Runner.class.getDeclaredField("JMH_LOCK_IGNORE");
            ignore.setAccessible(true);
            return Boolean.TRUE.equals(ignore.get(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        } finally {
            if (before == null) {
                System.clearProperty("jmh.ignoreLock");
            } else {
                System.setProperty("jmh.ignoreLock", before);
            }
        }
    }

    /** The line JMH prints for each run when its lock is left to the launcher, which holds it. */
    static final String IGNORED_LOCK_WARNING = "# WARNING: JMH lock is ignored by user request";

    /** Why {@link #awaitFree()} gave up, in one line. */
    public String stillHeld() {
        return limit.isZero()
                ? heldBy() + " (--lock-wait 0 refuses at once; a longer --lock-wait waits for it)"
                : heldBy() + " after waiting " + format(limit) + " (--lock-wait sets the limit)";
    }

    /* Taking the lock and letting it go at once is the only sure test; JMH takes it again right after. */
    private boolean isFree() {
        if (!Files.exists(file)) {
            // Only JMH creates it, world-writable, so that another user's run can take it too.
            return true;
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw");
             FileChannel channel = raf.getChannel();
             FileLock lock = channel.tryLock()) {
            return lock != null;
        } catch (OverlappingFileLockException e) {
            return false;
        } catch (IOException e) {
            // JMH cannot take it either; its own error then names the file.
            return true;
        }
    }

    private String heldBy() {
        return "another JMH run holds JMH's lock " + file + holder().map(h -> " (" + h + ")").orElse("");
    }

    /** The process holding the lock, from Linux's /proc/locks: its pid and, when it may be read, its command. */
    Optional<String> holder() {
        try {
            Object inode = Files.getAttribute(file, "unix:ino");
            Path locks = Paths.get("/proc/locks");
            if (!Files.isReadable(locks)) {
                return Optional.empty();
            }
            for (String line : Files.readAllLines(locks)) {
                String[] f = line.trim().split("\\s+");
                // "1: POSIX  ADVISORY  WRITE 1234 08:01:5678 0 EOF"; a waiting lock's line has "->" after the number.
                int at = f.length > 1 && f[1].equals("->") ? 1 : 0;
                if (f.length < at + 6 || !f[at + 5].endsWith(":" + inode)) {
                    continue;
                }
                long pid = Long.parseLong(f[at + 4]);
                if (pid <= 0 || pid == ProcessHandle.current().pid()) {
                    continue;
                }
                String command = ProcessHandle.of(pid).flatMap(p -> p.info().commandLine()).map(JmhLock::shorten).orElse("");
                return Optional.of("pid " + pid + (command.isEmpty() ? "" : ": " + command));
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // Who holds it is a courtesy; the wait does not depend on it.
        }
        return Optional.empty();
    }

    private static String shorten(String command) {
        return command.length() <= 120 ? command : command.substring(0, 117) + "...";
    }

    static String format(Duration d) {
        long s = d.toSeconds();
        return s % 3600 == 0 && s > 0 ? s / 3600 + " h" : s % 60 == 0 && s > 0 ? s / 60 + " min" : s + " s";
    }
}
