package org.edgebench.runtime;

import org.edgebench.BadInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The ONNX Runtime native libraries this process loads: from the jar, or from the folder that
 * {@code -Donnxruntime.native.path=DIR} names (another build: XNNPACK from source, another
 * version, another vendor's build). A folder that lacks a library, or whose libraries cannot load,
 * is bad input before any fork starts; Java classes of one version over native libraries of
 * another is a warning, because it usually works and sometimes does not.
 */
public final class NativeBuild {

    /** What ONNX Runtime's Java classes load from the folder, by these names. */
    static final List<String> LIBRARIES = List.of("libonnxruntime.so", "libonnxruntime4j_jni.so");
    private static final String PROPERTY = "onnxruntime.native.path";
    private static final String DESCRIPTION = "build.txt";

    private NativeBuild() {
    }

    /** The folder named by {@code -Donnxruntime.native.path}, or empty for the jar's own libraries. */
    public static Optional<Path> folder() {
        return Optional.ofNullable(System.getProperty(PROPERTY)).filter(p -> !p.isBlank()).map(Path::of);
    }

    /**
     * Loads the native libraries and returns their version.
     *
     * @throws BadInputException when the folder is missing a library or the libraries cannot load
     */
    public static String load() {
        Optional<Path> folder = folder();
        if (folder.isPresent()) {
            Path dir = folder.get();
            if (!Files.isDirectory(dir)) {
                throw new BadInputException("-D" + PROPERTY + "=" + dir + ": no such folder");
            }
            for (String library : LIBRARIES) {
                if (!Files.isRegularFile(dir.resolve(library))) {
                    throw new BadInputException("-D" + PROPERTY + "=" + dir + " has no " + library + "; the folder needs "
                            + String.join(" and ", LIBRARIES) + " of one ONNX Runtime build");
                }
            }
        }
        try {
            return Sessions.environment().getVersion();
        } catch (UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError e) {
            String where = folder.map(d -> "from " + d).orElse("from the jar");
            throw new BadInputException("cannot load ONNX Runtime's native libraries " + where + ": "
                    + Sessions.oneLine(String.valueOf(e.getMessage() != null ? e.getMessage() : e.getCause())));
        }
    }

    /**
     * What the native folder says its build is: the first line of {@code build.txt} beside the
     * libraries (scripts/system-ort.sh writes "ONNX Runtime 1.21.0 from Debian's libonnxruntime1.21,
     * JNI built from its source"); empty for the jar's own libraries or a folder without one.
     */
    public static Optional<String> description() {
        return folder().map(dir -> dir.resolve(DESCRIPTION)).filter(Files::isRegularFile).flatMap(file -> {
            try (var lines = Files.lines(file)) {
                return lines.map(String::strip).filter(line -> !line.isEmpty()).findFirst();
            } catch (IOException | java.io.UncheckedIOException e) {
                return Optional.empty();
            }
        });
    }

    /** The ONNX Runtime version the jar's Java classes were built with; empty outside a build (an IDE). */
    public static Optional<String> javaApiVersion() {
        try (InputStream in = NativeBuild.class.getResourceAsStream("/org/edgebench/build.properties")) {
            if (in == null) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            properties.load(in);
            return Optional.ofNullable(properties.getProperty("onnxruntime.version")).filter(v -> !v.startsWith("${"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The warning when the Java classes and the native libraries differ in version; empty when they agree. */
    public static Optional<String> versionWarning(String javaApi, String nativeVersion) {
        if (javaApi == null || nativeVersion == null || javaApi.equals(nativeVersion)) {
            return Optional.empty();
        }
        return Optional.of("ONNX Runtime's Java classes are " + javaApi + " but its native libraries are " + nativeVersion
                + "; a mismatch can fail or misbehave: build the jar against the native version with"
                + " mvn package -Donnxruntime.version=" + nativeVersion);
    }
}
