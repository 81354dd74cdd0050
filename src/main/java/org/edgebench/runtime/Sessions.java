package org.edgebench.runtime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import org.edgebench.BadInputException;
import org.edgebench.model.Dims;

import java.nio.file.Path;
import java.util.Map;

/** Opens ONNX Runtime sessions and turns a file ONNX Runtime rejects into one line of bad input. */
public final class Sessions {

    private Sessions() {
    }

    /**
     * The process-wide environment, logging errors only: ONNX Runtime's warnings would otherwise
     * interleave with JMH's output on every session.
     */
    public static OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "edgebench");
    }

    /**
     * Creates a session on {@code model}.
     *
     * @throws BadInputException when ONNX Runtime cannot load the file as a model
     */
    public static OrtSession open(OrtEnvironment env, Path model, SessionOptions options) {
        try {
            return env.createSession(model.toString(), options);
        } catch (OrtException e) {
            throw new BadInputException(model + " is not a model ONNX Runtime can load: " + oneLine(e.getMessage()), e);
        }
    }

    /**
     * Fresh options with {@code provider} attached at {@code intraOpThreads} and the symbolic
     * dimensions set, as every measured session is made; closed again if attaching fails.
     */
    public static SessionOptions options(Provider provider, int intraOpThreads, Map<String, Long> dims) throws OrtException {
        SessionOptions options = new SessionOptions();
        try {
            provider.configureSession(options, intraOpThreads);
            for (Map.Entry<String, Long> dim : dims.entrySet()) {
                // A dimension by position (input[1]) has no name to give ONNX Runtime; the input tensors carry its size.
                if (!Dims.byPosition(dim.getKey())) {
                    options.setSymbolicDimensionValue(dim.getKey(), dim.getValue());
                }
            }
            return options;
        } catch (OrtException | RuntimeException e) {
            options.close();
            throw e;
        }
    }

    /** Creates a session with default CPU options, to read a model's metadata. */
    public static OrtSession openForMetadata(OrtEnvironment env, Path model) {
        try (SessionOptions options = new SessionOptions()) {
            options.setIntraOpNumThreads(1);
            return open(env, model, options);
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String oneLine(String message) {
        return message == null ? "unknown error" : message.replaceAll("\\s+", " ").strip();
    }
}
