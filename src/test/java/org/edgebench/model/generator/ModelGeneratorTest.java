package org.edgebench.model.generator;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.google.protobuf.InvalidProtocolBufferException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelGeneratorTest {

    /** name, image size, classes. */
    private static final String SHAPES = """
            student,          64,    2
            student-int8,     64,    2
            mobilenetv2-224, 224, 1000
            """;

    static List<String> names() {
        return ModelGenerator.names();
    }

    @Test
    void namesAreStableAndKnown() {
        assertThat(ModelGenerator.names()).containsExactly("student", "student-int8", "mobilenetv2-224");
        assertThat(ModelGenerator.generates("student")).isTrue();
        assertThat(ModelGenerator.generates("all-minilm-l6-v2")).isFalse();
        assertThatThrownBy(() -> ModelGenerator.build("resnet50"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("student");
    }

    @ParameterizedTest
    @CsvSource({
        "student,         54d4a364e7adab86f7ef572ed081cb2adb49110a792ccd80980c20e06a16d104",
        "student-int8,    7e49e01dcf97d3a2ede15306ca6560c0c7a0dd4532e96b3f676741f659e4ad3d",
        "mobilenetv2-224, 22920b35fc366bb7d57ea6c7eed77a6edf470bf81700421ef7497ad349bdbfc4",
    })
    void buildIsDeterministic(String name, String sha256) {
        byte[] first = ModelGenerator.build(name);
        assertThat(ModelGenerator.build(name)).isEqualTo(first);
        assertThat(sha256(first))
                .as("SHA-256 of %s changed. If the generator was changed on purpose, update the constant"
                        + " in this test and the model's section (checksum, size) in models/README.md.", name)
                .isEqualTo(sha256);
    }

    @ParameterizedTest
    @MethodSource("names")
    void modelMetadataSaysWhatItIs(String name) throws InvalidProtocolBufferException {
        ModelProto model = ModelProto.parseFrom(ModelGenerator.build(name));
        assertThat(model.getProducerName()).isEqualTo("edgebench");
        assertThat(model.getDocString()).contains("seeded stand-in");
        assertThat(model.getIrVersion()).isEqualTo(8);
        assertThat(model.getOpsetImportList()).singleElement()
                .satisfies(opset -> assertThat(opset.getVersion()).isEqualTo(17));
    }

    @ParameterizedTest
    @CsvSource(textBlock = SHAPES)
    void loadsAndRunsInOnnxRuntime(String name, int size, int classes) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                OrtSession session = env.createSession(ModelGenerator.build(name), options)) {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            assertThat(inputs).containsOnlyKeys("input");
            TensorInfo input = (TensorInfo) inputs.get("input").getInfo();
            assertThat(input.type).isEqualTo(OnnxJavaType.FLOAT);
            assertThat(input.getShape()).containsExactly(-1, 3, size, size);
            assertThat(input.getDimensionNames()[0]).isEqualTo("batch_size");

            Map<String, NodeInfo> outputs = session.getOutputInfo();
            assertThat(outputs).containsOnlyKeys("output");
            TensorInfo output = (TensorInfo) outputs.get("output").getInfo();
            assertThat(output.type).isEqualTo(OnnxJavaType.FLOAT);
            assertThat(output.getShape()).containsExactly(-1, classes);
            assertThat(output.getDimensionNames()[0]).isEqualTo("batch_size");

            for (int batch : new int[] {1, 3}) {
                float[][] result = run(env, session, batch, size);
                assertThat(result).hasNumberOfRows(batch);
                for (float[] row : result) {
                    assertThat(row).hasSize(classes);
                    for (float value : row) {
                        assertThat(Float.isFinite(value)).as("finite output of %s", name).isTrue();
                    }
                }
                float[] first = result[0];
                assertThat(IntStream.range(0, classes).mapToDouble(i -> first[i]).distinct().count())
                        .as("distinct outputs of %s (weights not degenerate)", name)
                        .isGreaterThan(1);
            }
        }
    }

    @Test
    void int8ModelIsQdqWithInt8Weights() throws InvalidProtocolBufferException {
        ModelProto model = ModelProto.parseFrom(ModelGenerator.build("student-int8"));
        List<String> ops = model.getGraph().getNodeList().stream().map(NodeProto::getOpType).toList();
        assertThat(ops).contains("QuantizeLinear", "DequantizeLinear", "Conv", "Gemm").doesNotContain("Clip");
        assertThat(model.getGraph().getInitializerList())
                .filteredOn(tensor -> tensor.getDataType() == TensorProto.DataType.INT8_VALUE
                        && tensor.getDimsCount() == 4)
                .hasSize(52);
        assertThat(storedParameters(model, TensorProto.DataType.INT8_VALUE, TensorProto.DataType.INT32_VALUE))
                .isEqualTo(ModelGenerator.stats("student-int8").parameters());
    }

    @Test
    void floatModelHasFoldedBatchNormsAndClipAsRelu6() throws InvalidProtocolBufferException {
        ModelProto model = ModelProto.parseFrom(ModelGenerator.build("student"));
        List<String> ops = model.getGraph().getNodeList().stream().map(NodeProto::getOpType).toList();
        assertThat(ops).doesNotContain("BatchNormalization", "Dropout", "QuantizeLinear");
        assertThat(ops).filteredOn("Conv"::equals).hasSize(52);
        assertThat(ops).filteredOn("Clip"::equals).hasSize(35);
        assertThat(ops).filteredOn("Add"::equals).hasSize(10);
        assertThat(storedParameters(model, TensorProto.DataType.FLOAT_VALUE))
                .isEqualTo(ModelGenerator.stats("student").parameters());
    }

    @Test
    void parameterCountsMatchTorchvision() {
        // torchvision's mobilenet_v2 documents 3,504,872 parameters; the 2-class head replaces
        // Linear(1280 -> 1000) by Linear(1280 -> 2): 3,504,872 - 1,281,000 + 2,562.
        assertThat(ModelGenerator.stats("mobilenetv2-224").pytorchParameters()).isEqualTo(3_504_872L);
        ModelStats student = ModelGenerator.stats("student");
        assertThat(student.pytorchParameters()).isEqualTo(2_226_434L);
        // Folding drops one of each batch norm's two per-channel parameters: 17,056 channels.
        assertThat(student.parameters()).isEqualTo(2_209_378L);
        assertThat(student.macs()).isEqualTo(24_451_072L);
        assertThat(ModelGenerator.stats("mobilenetv2-224").macs()).isEqualTo(300_774_272L);
    }

    @Test
    void generateWritesOnceAndLeavesIdenticalFilesAlone(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("nested/folder/student.onnx");
        ModelGenerator.generate("student", target);
        assertThat(target).hasBinaryContent(ModelGenerator.build("student"));

        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(target, old);
        ModelGenerator.generate("student", target);
        assertThat(Files.getLastModifiedTime(target)).isEqualTo(old);

        Files.write(target, new byte[] {1, 2, 3});
        ModelGenerator.generate("student", target);
        assertThat(target).hasBinaryContent(ModelGenerator.build("student"));
        try (var files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }

    private static float[][] run(OrtEnvironment env, OrtSession session, int batch, int size)
            throws OrtException {
        SplittableRandom random = new SplittableRandom(7);
        float[] pixels = new float[batch * 3 * size * size];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) (2 * random.nextDouble() - 1);
        }
        try (OnnxTensor tensor = OnnxTensor.createTensor(
                        env, FloatBuffer.wrap(pixels), new long[] {batch, 3, size, size});
                OrtSession.Result result = session.run(Map.of("input", tensor))) {
            return (float[][]) result.get(0).getValue();
        }
    }

    /** Elements of the non-scalar initializers of the given types: weights and biases. */
    private static long storedParameters(ModelProto model, int... dataTypes) {
        return model.getGraph().getInitializerList().stream()
                .filter(tensor -> Arrays.stream(dataTypes).anyMatch(type -> type == tensor.getDataType()))
                .filter(tensor -> tensor.getDimsCount() > 0)
                .filter(tensor -> !tensor.getName().endsWith("_scale") && !tensor.getName().endsWith("_zero_point"))
                .mapToLong(tensor -> tensor.getDimsList().stream().mapToLong(Long::longValue).reduce(1, (a, b) -> a * b))
                .sum();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JVM has SHA-256", e);
        }
    }
}
