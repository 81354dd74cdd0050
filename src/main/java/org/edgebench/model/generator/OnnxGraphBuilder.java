package org.edgebench.model.generator;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.Set;

/**
 * A small fluent builder over the ONNX protobuf classes: initializers, nodes, graph inputs and
 * outputs, and the final {@link ModelProto} bytes.
 *
 * <p>Everything is appended in call order and tensors are stored as little-endian
 * {@code raw_data}, so the same calls always serialize to the same bytes.
 */
final class OnnxGraphBuilder {

    static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;
    static final int UINT8 = TensorProto.DataType.UINT8_VALUE;
    static final int INT8 = TensorProto.DataType.INT8_VALUE;
    static final int INT32 = TensorProto.DataType.INT32_VALUE;

    private final GraphProto.Builder graph;
    /** Guards against two tensors or nodes sharing a name; only looked up, never iterated. */
    private final Set<String> usedNames = new HashSet<>();

    OnnxGraphBuilder(String graphName) {
        graph = GraphProto.newBuilder().setName(graphName);
    }

    /**
     * Declares a graph input. Each dimension is either a {@link Number} (a fixed size) or a
     * {@link String} (a symbolic dimension such as {@code "batch_size"}).
     */
    OnnxGraphBuilder input(String name, int elementType, Object... dims) {
        graph.addInput(valueInfo(claim(name), elementType, dims));
        return this;
    }

    /** Declares a graph output; dimensions as in {@link #input}. */
    OnnxGraphBuilder output(String name, int elementType, Object... dims) {
        graph.addOutput(valueInfo(name, elementType, dims));
        return this;
    }

    /** A float tensor initializer; returns its name. */
    String floats(String name, float[] values, long... dims) {
        ByteBuffer raw = littleEndian(Float.BYTES * values.length);
        raw.asFloatBuffer().put(values);
        return initializer(name, FLOAT, raw.array(), dims);
    }

    /** An int8 tensor initializer; returns its name. */
    String int8s(String name, byte[] values, long... dims) {
        return initializer(name, INT8, values.clone(), dims);
    }

    /** An int32 tensor initializer; returns its name. */
    String int32s(String name, int[] values, long... dims) {
        ByteBuffer raw = littleEndian(Integer.BYTES * values.length);
        raw.asIntBuffer().put(values);
        return initializer(name, INT32, raw.array(), dims);
    }

    /** An int64 tensor initializer (shapes for Reshape); returns its name. */
    String int64s(String name, long[] values, long... dims) {
        ByteBuffer raw = littleEndian(Long.BYTES * values.length);
        raw.asLongBuffer().put(values);
        return initializer(name, TensorProto.DataType.INT64_VALUE, raw.array(), dims);
    }

    /** A rank-0 float initializer (Clip bounds, quantization scales); returns its name. */
    String scalar(String name, float value) {
        return floats(name, new float[] {value});
    }

    /** A rank-0 uint8 initializer (an activation zero point); returns its name. */
    String uint8Scalar(String name, int value) {
        return initializer(name, UINT8, new byte[] {(byte) value});
    }

    /** Starts a node; finish it with {@link Node#output()} or {@link Node#output(String)}. */
    Node node(String opType, String name, String... inputs) {
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(opType).setName(claim(name));
        for (String input : inputs) {
            node.addInput(input);
        }
        return new Node(node);
    }

    /** The serialized model. */
    byte[] toModelBytes(String producer, String docString, long opset, long irVersion) {
        return ModelProto.newBuilder()
                .setIrVersion(irVersion)
                .setProducerName(producer)
                .setDocString(docString)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                .setGraph(graph)
                .build()
                .toByteArray();
    }

    /** A node under construction. */
    final class Node {
        private final NodeProto.Builder node;

        private Node(NodeProto.Builder node) {
            this.node = node;
        }

        Node attr(String name, long value) {
            node.addAttribute(AttributeProto.newBuilder()
                    .setName(name).setType(AttributeType.INT).setI(value));
            return this;
        }

        Node attr(String name, float value) {
            node.addAttribute(AttributeProto.newBuilder()
                    .setName(name).setType(AttributeType.FLOAT).setF(value));
            return this;
        }

        Node ints(String name, long... values) {
            AttributeProto.Builder attribute =
                    AttributeProto.newBuilder().setName(name).setType(AttributeType.INTS);
            for (long value : values) {
                attribute.addInts(value);
            }
            node.addAttribute(attribute);
            return this;
        }

        /** Adds the node with one output named after the node; returns the output's name. */
        String output() {
            return output(node.getName() + "_output_0");
        }

        /** Adds the node with one output of the given name; returns that name. */
        String output(String outputName) {
            graph.addNode(node.addOutput(claim(outputName)));
            return outputName;
        }
    }

    private String initializer(String name, int dataType, byte[] raw, long... dims) {
        TensorProto.Builder tensor = TensorProto.newBuilder()
                .setName(claim(name))
                .setDataType(dataType)
                .setRawData(ByteString.copyFrom(raw));
        for (long dim : dims) {
            tensor.addDims(dim);
        }
        graph.addInitializer(tensor);
        return name;
    }

    private String claim(String name) {
        if (!usedNames.add(name)) {
            throw new IllegalArgumentException("Duplicate name in ONNX graph: " + name);
        }
        return name;
    }

    private static ValueInfoProto valueInfo(String name, int elementType, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object dim : dims) {
            TensorShapeProto.Dimension.Builder dimension = TensorShapeProto.Dimension.newBuilder();
            if (dim instanceof String param) {
                dimension.setDimParam(param);
            } else if (dim instanceof Number value) {
                dimension.setDimValue(value.longValue());
            } else {
                throw new IllegalArgumentException("Dimension must be a String or a Number: " + dim);
            }
            shape.addDim(dimension);
        }
        TypeProto type = TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(elementType).setShape(shape))
                .build();
        return ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }

    private static ByteBuffer littleEndian(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
