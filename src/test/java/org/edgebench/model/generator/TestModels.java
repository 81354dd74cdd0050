package org.edgebench.model.generator;

import ai.onnx.proto.OnnxMl.TensorProto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Tiny ONNX models for tests, written with the project's own graph builder. */
public final class TestModels {

    public static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;
    public static final int FLOAT16 = TensorProto.DataType.FLOAT16_VALUE;
    public static final int BFLOAT16 = TensorProto.DataType.BFLOAT16_VALUE;
    public static final int DOUBLE = TensorProto.DataType.DOUBLE_VALUE;
    public static final int INT8 = TensorProto.DataType.INT8_VALUE;
    public static final int UINT8 = TensorProto.DataType.UINT8_VALUE;
    public static final int INT16 = TensorProto.DataType.INT16_VALUE;
    public static final int INT32 = TensorProto.DataType.INT32_VALUE;
    public static final int INT64 = TensorProto.DataType.INT64_VALUE;
    public static final int BOOL = TensorProto.DataType.BOOL_VALUE;
    public static final int STRING = TensorProto.DataType.STRING_VALUE;
    public static final int UINT32 = TensorProto.DataType.UINT32_VALUE;

    private TestModels() {
    }

    /**
     * {@code y = Identity(x)} with {@code x} and {@code y} of one element type and shape; each
     * dimension a Number (fixed) or a String (symbolic).
     */
    public static Path identity(Path dir, String name, int elementType, Object... dims) throws IOException {
        OnnxGraphBuilder graph = new OnnxGraphBuilder(name).input("x", elementType, dims);
        graph.node("Identity", "identity", "x").output("y");
        graph.output("y", elementType, dims);
        return write(dir, name, graph);
    }

    /**
     * Two inputs of different types and ranks, each passed through: {@code pixels} float32
     * {@code [batch, 3, 4, 4]} and {@code ids} int64 {@code [batch, sequence_length]}.
     */
    public static Path twoInputs(Path dir, String name) throws IOException {
        OnnxGraphBuilder graph = new OnnxGraphBuilder(name)
                .input("pixels", FLOAT, "batch", 3, 4, 4)
                .input("ids", INT64, "batch", "sequence_length");
        graph.node("Identity", "pass_pixels", "pixels").output("pixels_out");
        graph.node("Identity", "pass_ids", "ids").output("ids_out");
        graph.output("pixels_out", FLOAT, "batch", 3, 4, 4);
        graph.output("ids_out", INT64, "batch", "sequence_length");
        return write(dir, name, graph);
    }

    /**
     * Runs at batch 1 only: {@code x [batch, 4]} is reshaped to a fixed {@code [1, 4]}, so any
     * other batch loads fine and fails at its first inference, inside the fork.
     */
    public static Path batchOneOnly(Path dir, String name) throws IOException {
        OnnxGraphBuilder graph = new OnnxGraphBuilder(name).input("x", FLOAT, "batch", 4);
        String shape = graph.int64s("shape", new long[] {1, 4}, 2);
        graph.node("Reshape", "reshape", "x", shape).output("y");
        graph.output("y", FLOAT, 1, 4);
        return write(dir, name, graph);
    }

    /**
     * {@code y = Gather(data, indices)} on a fixed {@code data [1, 4]} with {@code indices}
     * int64 {@code [n]}, in a node named {@code /Gather}: every index but 0 (and -1) is out of
     * bounds, so the model loads and fails at its first inference on any other index.
     */
    public static Path gather(Path dir, String name) throws IOException {
        OnnxGraphBuilder graph = new OnnxGraphBuilder(name)
                .input("data", FLOAT, 1, 4)
                .input("indices", INT64, "n");
        graph.node("Gather", "/Gather", "data", "indices").output("y");
        graph.output("y", FLOAT, "n", 4);
        return write(dir, name, graph);
    }

    /** A node of an operator no ONNX Runtime knows: loading the model fails. */
    public static Path unknownOperator(Path dir, String name) throws IOException {
        OnnxGraphBuilder graph = new OnnxGraphBuilder(name).input("x", FLOAT, "batch", 4);
        graph.node("NoSuchOperator", "mystery", "x").output("y");
        graph.output("y", FLOAT, "batch", 4);
        return write(dir, name, graph);
    }

    /** Several inputs of several types and ranks, added into one float output and passed through. */
    public static Path mixed(Path dir, String name) throws IOException {
        OnnxGraphBuilder graph = new OnnxGraphBuilder(name)
                .input("a", FLOAT, "n", 8)
                .input("b", FLOAT, "n", 8)
                .input("flags", BOOL, "n")
                .input("scalar", DOUBLE);
        graph.node("Add", "add", "a", "b").output("sum");
        graph.node("Not", "not", "flags").output("not_flags");
        graph.node("Identity", "pass_scalar", "scalar").output("scalar_out");
        graph.output("sum", FLOAT, "n", 8);
        graph.output("not_flags", BOOL, "n");
        graph.output("scalar_out", DOUBLE);
        return write(dir, name, graph);
    }

    /**
     * {@code y = x + offsets}, {@code x} and {@code y} float32 {@code [batch, offsets.length]}: with
     * every offset 0 an identity, else a twin whose outputs differ from it by known amounts.
     */
    public static Path shifted(Path dir, String name, float... offsets) throws IOException {
        OnnxGraphBuilder graph = new OnnxGraphBuilder(name).input("x", FLOAT, "batch", offsets.length);
        String shift = graph.floats("offsets", offsets, offsets.length);
        graph.node("Add", "add", "x", shift).output("y");
        graph.output("y", FLOAT, "batch", offsets.length);
        return write(dir, name, graph);
    }

    /** {@code y = x . W}, W all ones: {@code x} float32 {@code [batch, in]}, {@code y} {@code [batch, out]}. */
    public static Path widened(Path dir, String name, int in, int out) throws IOException {
        OnnxGraphBuilder graph = new OnnxGraphBuilder(name).input("x", FLOAT, "batch", in);
        float[] ones = new float[in * out];
        Arrays.fill(ones, 1f);
        String weights = graph.floats("w", ones, in, out);
        graph.node("MatMul", "matmul", "x", weights).output("y");
        graph.output("y", FLOAT, "batch", out);
        return write(dir, name, graph);
    }

    private static Path write(Path dir, String name, OnnxGraphBuilder graph) throws IOException {
        Files.createDirectories(dir);
        return Files.write(dir.resolve(name + ".onnx"), graph.toModelBytes("edgebench-test", name, 17, 8));
    }
}
