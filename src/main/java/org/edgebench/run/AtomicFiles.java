package org.edgebench.run;

import org.edgebench.BadInputException;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes a set of files so that a failure never leaves a half-written report: every file is
 * first written into a hidden staging folder inside the output folder (same file system), and
 * only when all of them are complete are they renamed into place, each with an atomic move.
 * Closing without {@link #commit()} deletes what was staged.
 */
public final class AtomicFiles implements Closeable {

    /** Writes one file's content. */
    @FunctionalInterface
    public interface Content<T> {
        void writeTo(T sink) throws IOException;
    }

    private final Path outDir;
    private final Path staging;
    private final List<String> names = new ArrayList<>();

    private AtomicFiles(Path outDir, Path staging) {
        this.outDir = outDir;
        this.staging = staging;
    }

    /**
     * Starts staging files for {@code outDir}, creating it when needed.
     *
     * @throws BadInputException when the folder cannot be created or written
     */
    public static AtomicFiles in(Path outDir) {
        try {
            Files.createDirectories(outDir);
            return new AtomicFiles(outDir, Files.createTempDirectory(outDir, ".edgebench-"));
        } catch (IOException | SecurityException e) {
            throw new BadInputException("cannot write to " + outDir + ": " + reason(e) + "; choose another folder with --out");
        }
    }

    /**
     * Writes one file in a single step: to a temporary name beside {@code target}, then renamed.
     * The temporary file is created as any other file is, so the result has the permissions the
     * umask gives ({@code createTempFile} would make it readable by its owner only).
     */
    public static void writeAtomically(Path target, Content<OutputStream> content) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = parent.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                content.writeTo(out);
            }
            move(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Stages {@code name} (a path relative to the output folder, e.g. {@code charts/x.png}) as bytes. */
    public void write(String name, Content<OutputStream> content) throws IOException {
        try (OutputStream out = Files.newOutputStream(prepare(name))) {
            content.writeTo(out);
        }
    }

    /** Stages {@code name} as UTF-8 text. */
    public void writeText(String name, Content<Writer> content) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(prepare(name), StandardCharsets.UTF_8)) {
            content.writeTo(out);
        }
    }

    /** Moves every staged file into the output folder and returns where they are now. */
    public List<Path> commit() throws IOException {
        List<Path> written = new ArrayList<>(names.size());
        for (String name : names) {
            Path target = outDir.resolve(name);
            Files.createDirectories(target.getParent());
            move(staging.resolve(name), target);
            written.add(target);
        }
        names.clear();
        return written;
    }

    /** Deletes the staging folder and anything left in it. */
    @Override
    public void close() throws IOException {
        if (!Files.exists(staging)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(staging)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private Path prepare(String name) throws IOException {
        Path file = staging.resolve(name);
        Files.createDirectories(file.getParent());
        names.add(name);
        return file;
    }

    /* Some file systems (certain network mounts) refuse an atomic rename; a plain replace is the best left. */
    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String reason(Exception e) {
        String message = e.getMessage();
        String kind = e instanceof AccessDeniedException ? "permission denied"
                : e instanceof FileAlreadyExistsException ? "a file is in the way"
                : e.getClass().getSimpleName();
        return message == null ? kind : kind + " (" + message + ")";
    }
}
