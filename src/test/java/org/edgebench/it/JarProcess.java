package org.edgebench.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** The packaged benchmarks.jar started as a user would, in the project folder, its output in a log file. */
final class JarProcess {

    static final Path JAR = Paths.get(System.getProperty("edgebench.jar", "target/benchmarks.jar"));

    final Process process;
    final Path log;

    private JarProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static JarProcess start(Path log, String... args) throws IOException {
        return startWith(List.of(), log, args);
    }

    /** Starts the jar with JVM options (such as {@code -D...}) before {@code -jar}. */
    static JarProcess startWith(List<String> jvmOptions, Path log, String... args) throws IOException {
        return startIn(List.of(), jvmOptions, true, log, args);
    }

    /**
     * Starts the jar honouring JMH's lock, with {@code tmpDir} as its temp folder so that the lock
     * file ({@code tmpDir/jmh.lock}) is the test's own, never another build's.
     */
    static JarProcess startWithLock(Path tmpDir, Path log, String... args) throws IOException {
        return startIn(List.of(), List.of("-Djava.io.tmpdir=" + tmpDir), false, log, args);
    }

    /** Starts the jar from a shell that first sets the file-creation mask, e.g. {@code "077"}. */
    static JarProcess startUnderUmask(String umask, Path log, String... args) throws IOException {
        return startIn(List.of("sh", "-c", "umask " + umask + " && exec \"$@\"", "sh"), List.of(), true, log, args);
    }

    /**
     * Starts the jar from a shell that first limits the size of any file it (or a fork) writes to
     * {@code kilobytes}: a write beyond fails with "File too large", as on a full disk. ONNX Runtime's
     * libraries, which the jar would otherwise unpack into the temp folder (and fail to), are
     * unpacked first into {@code nativeDir} and loaded from there.
     */
    static JarProcess startWithFileSizeLimit(int kilobytes, Path nativeDir, Path log, String... args) throws IOException {
        // The limit is the JVM's alone: its output goes through a pipe to cat, which writes the log unlimited.
        return startIn(List.of("bash", "-c", "set -o pipefail; (ulimit -f " + kilobytes + " && exec \"$@\") 2>&1 | cat", "bash"),
                List.of("-Donnxruntime.native.path=" + unpackNativeLibraries(nativeDir)), true, log, args);
    }

    /** The jar's ONNX Runtime libraries for this platform, unpacked into {@code dir}. */
    private static Path unpackNativeLibraries(Path dir) throws IOException {
        String platform = "linux-" + ("aarch64".equals(System.getProperty("os.arch")) ? "aarch64" : "x64");
        String prefix = "ai/onnxruntime/native/" + platform + "/";
        Files.createDirectories(dir);
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            for (ZipEntry entry : Collections.list(jar.entries())) {
                if (!entry.isDirectory() && entry.getName().startsWith(prefix)) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        Files.copy(in, dir.resolve(entry.getName().substring(prefix.length())));
                    }
                }
            }
        }
        return dir;
    }

    /** Starts the jar with another {@code java} (such as a JDK without font support). */
    static JarProcess startWithJava(Path java, Path log, String... args) throws IOException {
        return startIn(List.of(java.toString()), List.of(), true, log, args);
    }

    /** {@code prefix} is what runs java (a shell setting the umask), or another java itself. */
    private static JarProcess startIn(List<String> prefix, List<String> jvmOptions, boolean ignoreLock, Path log,
                                      String... args) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        if (prefix.isEmpty() || !prefix.get(0).endsWith("java")) {
            command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        }
        if (ignoreLock) {
            // These runs check behaviour, not timings, so another JMH on the machine (a parallel build) must not fail them.
            command.add("-Djmh.ignoreLock=true");
        }
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new JarProcess(process, log);
    }

    /** Waits for the end (at most five minutes) and returns the exit code. */
    int waitFor() throws InterruptedException {
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("benchmarks.jar did not finish within five minutes; log " + log);
        }
        return process.exitValue();
    }

    String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** Waits until the output contains {@code text}, at most {@code seconds}. */
    boolean awaitOutput(String text, int seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (output().contains(text)) {
                return true;
            }
            Thread.sleep(100);
        }
        return output().contains(text);
    }
}
