package org.edgebench.runtime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import org.edgebench.BadInputException;
import org.edgebench.model.Sha256;
import org.edgebench.model.inputs.ElementTypes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads what a model file is: size, checksum, inputs and outputs, or why ONNX Runtime rejects it. */
public final class ModelInspector {

    /** One input or output: name, element type, shape with symbolic dimensions by name. */
    public record TensorDescription(String name, String type, String shape) {

        @Override
        public String toString() {
            return name + " " + type + shape;
        }
    }

    /** A model file; {@code error} is non-null (and inputs/outputs empty) when it cannot be loaded. */
    public record ModelDescription(String name, Path file, long bytes, String sha256,
                                   List<TensorDescription> inputs, List<TensorDescription> outputs, String error) {
    }

    private ModelInspector() {
    }

    /** Describes {@code file}; never throws for a broken model, it says so in {@code error}. */
    public static ModelDescription describe(String name, Path file) {
        long bytes;
        String sha256;
        try {
            bytes = Files.size(file);
            sha256 = Sha256.of(file);
        } catch (IOException e) {
            return new ModelDescription(name, file, -1, null, List.of(), List.of(), "cannot read: " + e.getMessage());
        }
        OrtEnvironment env = Sessions.environment();
        try (OrtSession session = Sessions.openForMetadata(env, file)) {
            return new ModelDescription(name, file, bytes, sha256,
                    describe(session.getInputInfo()), describe(session.getOutputInfo()), null);
        } catch (BadInputException e) {
            return new ModelDescription(name, file, bytes, sha256, List.of(), List.of(), e.getMessage());
        } catch (OrtException e) {
            // ONNX Runtime loads the model but its Java API cannot describe an input or output (an optional type, say).
            return new ModelDescription(name, file, bytes, sha256, List.of(), List.of(), file
                    + ": ONNX Runtime's Java API cannot read its inputs and outputs: " + e.getMessage());
        }
    }

    private static List<TensorDescription> describe(Map<String, NodeInfo> nodes) {
        List<TensorDescription> out = new ArrayList<>();
        for (NodeInfo node : nodes.values()) {
            if (node.getInfo() instanceof TensorInfo info) {
                out.add(new TensorDescription(node.getName(), ElementTypes.name(info.onnxType),
                        ElementTypes.shape(info.getShape(), info.getDimensionNames())));
            } else {
                out.add(new TensorDescription(node.getName(), node.getInfo().getClass().getSimpleName(), ""));
            }
        }
        return List.copyOf(out);
    }
}

