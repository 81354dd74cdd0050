package org.edgebench.launch.jmh;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Another process holding a lock file as JMH does (a POSIX record lock through {@code FileChannel}):
 * prints {@code locked} once it holds it, and lets it go when its standard input closes.
 */
public final class LockHolder {

    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(args[0], "rw");
             FileLock lock = raf.getChannel().lock()) {
            System.out.println(lock.isValid() ? "locked" : "not locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // Holds the lock until the test closes the pipe.
            }
        }
    }

    /** Starts a JVM on the test classes that holds {@code file}'s lock; returns once it holds it. */
    public static Process hold(Path file) throws IOException {
        Process p = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String first = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (!"locked".equals(first)) {
            p.destroyForcibly();
            throw new IllegalStateException("the lock holder said " + first);
        }
        return p;
    }
}
