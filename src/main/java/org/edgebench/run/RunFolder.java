package org.edgebench.run;

import org.edgebench.BadInputException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Where a run writes: {@code results/<yyyyMMdd-HHmmss>[-label]/}, or the folder {@code --out}
 * names. An earlier run is never overwritten: a taken timestamp gets a {@code -2}, {@code -3}...
 * suffix, and an {@code --out} folder that already holds a run is refused.
 */
public final class RunFolder {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private RunFolder() {
    }

    /** Creates and returns the run folder, checking that it can be written. */
    public static Path create(Path out, String label, LocalDateTime now) {
        Path folder;
        if (out != null) {
            folder = out;
            if (Files.exists(folder.resolve(RunFiles.JMH_JSON))) {
                throw new BadInputException("--out " + out + " already holds a run (jmh.json); choose a new folder");
            }
        } else {
            String base = STAMP.format(now) + (label == null || label.isBlank() ? "" : "-" + safe(label));
            folder = Paths.get("results", base);
            for (int n = 2; Files.exists(folder); n++) {
                folder = Paths.get("results", base + "-" + n);
            }
        }
        try {
            Files.createDirectories(folder);
            Path probe = Files.createTempFile(folder, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            String why = e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : String.valueOf(e.getMessage());
            throw new BadInputException("cannot write to " + folder + " (" + why + "); pass --out with a writable folder");
        }
        return folder;
    }

    /** A label made safe for a folder name. */
    static String safe(String label) {
        return RunFiles.safeName(label.strip(), "_");
    }
}
