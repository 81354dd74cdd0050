package org.edgebench.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The committed JMH JSON fixtures (see src/test/resources/report/README.md). */
public final class Fixtures {

    public static final String SAMPLE = "sample.json";
    static final String SAMPLE_GC = "sample-gc.json";
    public static final String THRPT = "thrpt.json";
    public static final String AVGT_GC = "avgt-gc.json";
    public static final String SS = "ss.json";
    static final String FOREIGN = "foreign.json";

    private Fixtures() {
    }

    /** Copies a fixture into {@code dir} under {@code name}. */
    public static Path copy(String fixture, Path dir, String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/report/" + fixture)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + fixture);
            }
            Files.createDirectories(dir);
            Path target = dir.resolve(name);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A run folder: the fixture as jmh.json, plus the example env.json when {@code withEnv}. */
    public static Path runFolder(String fixture, Path dir, boolean withEnv) {
        copy(fixture, dir, "jmh.json");
        if (withEnv) {
            copy("env.json", dir, "env.json");
        }
        return dir;
    }

    /**
     * A run folder holding a recorded run of this suite: {@code jmh.json} and {@code env.json} of
     * {@code fixtures/<name>/}, or of {@code cases/<name>/} for the variants made from them.
     */
    static Path recordedRun(String folder, Path dir) {
        copy(folder + "/jmh.json", dir, "jmh.json");
        copy(folder + "/env.json", dir, "env.json");
        return dir;
    }

    public static String text(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/report/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
