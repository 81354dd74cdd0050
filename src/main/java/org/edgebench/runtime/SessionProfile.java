package org.edgebench.runtime;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * ONNX Runtime's profiler on one session, its trace kept at a file name chosen in advance. ONNX
 * Runtime names the file itself ({@code <prefix>_<date>_<time>.json}) and returns the name only
 * when profiling ends, so the trace is written beside the target under a hidden prefix and then
 * moved there, unchanged.
 *
 * <p>The launcher asks a fork for a trace with {@code -Dedgebench.profile=<target>} rather than a
 * JMH parameter, so the profiled fork runs the very configuration the measured forks ran.
 */
public final class SessionProfile {

    /** The system property naming the trace file a fork should write. */
    public static final String PROPERTY = "edgebench.profile";

    private final Path target;

    public SessionProfile(Path target) {
        this.target = target.toAbsolutePath();
    }

    /** The profile the system property asks for; empty when it is unset or blank. */
    public static Optional<SessionProfile> requested() {
        String value = System.getProperty(PROPERTY, "");
        return value.isBlank() ? Optional.empty() : Optional.of(new SessionProfile(Path.of(value)));
    }

    public Path target() {
        return target;
    }

    /** Turns ONNX Runtime's profiler on for the sessions {@code options} will create. */
    public void enable(SessionOptions options) throws OrtException, IOException {
        Files.createDirectories(target.getParent());
        options.enableProfiling(target.resolveSibling("." + stem()).toString());
    }

    /** Ends profiling, which writes the trace, and moves the trace to the target. */
    public Path end(OrtSession session) throws OrtException, IOException {
        Path written = Path.of(session.endProfiling());
        try {
            Files.move(written, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(written, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    private String stem() {
        String name = target.getFileName().toString();
        return name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
    }
}
