package org.edgebench.model.inputs;

import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo.OnnxTensorType;
import com.google.protobuf.ByteString;
import org.edgebench.BadInputException;
import org.edgebench.model.Dims;
import org.edgebench.model.generator.TestModels;
import org.edgebench.runtime.Sessions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Input files as {@code -p inputs=DIR} and {@code -p inputs=auto} read them: TensorProtos and
 * .npy files of every element type, written here by the test, matched to a model's inputs,
 * repeated along the batch, and each way a folder can fail to fit the model refused in one line.
 */
class InputFilesTest {

    private static final OrtEnvironment ENV = Sessions.environment();
    private static final long[] SHAPE = {2, 3};
    private static final long[] VALUES = {1, 0, 3, 4, 5, 6};

    @TempDir
    Path dir;

    /** {@link #VALUES} as little-endian elements of {@code size} bytes (floats as their bits). */
    private static byte[] littleEndian(String type) {
        int size = size(type);
        ByteBuffer out = ByteBuffer.allocate(VALUES.length * size).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : VALUES) {
            switch (type) {
                case "float32" -> out.putFloat(v);
                case "float64" -> out.putDouble(v);
                case "float16" -> out.putShort(ai.onnxruntime.platform.Fp16Conversions.floatToFp16(v));
                case "bfloat16" -> out.putShort(ai.onnxruntime.platform.Fp16Conversions.floatToBf16(v));
                case "bool" -> out.put((byte) (v == 0 ? 0 : 1));
                default -> {
                    switch (size) {
                        case 1 -> out.put((byte) v);
                        case 2 -> out.putShort((short) v);
                        case 4 -> out.putInt((int) v);
                        default -> out.putLong(v);
                    }
                }
            }
        }
        return out.array();
    }

    private static int size(String type) {
        return switch (type) {
            case "float64", "int64", "uint64" -> 8;
            case "float32", "int32", "uint32" -> 4;
            case "float16", "bfloat16", "int16", "uint16" -> 2;
            default -> 1;
        };
    }

    private static byte[] bigEndian(String type) {
        byte[] little = littleEndian(type);
        int size = size(type);
        byte[] big = new byte[little.length];
        for (int i = 0; i < little.length; i += size) {
            for (int b = 0; b < size; b++) {
                big[i + b] = little[i + size - 1 - b];
            }
        }
        return big;
    }

    /** What the values look like once read: the machine's byte order. */
    private static byte[] expected(String type) {
        return ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? littleEndian(type) : bigEndian(type);
    }

    private static byte[] bytes(TensorValues values) {
        ByteBuffer data = values.data();
        byte[] out = new byte[data.remaining()];
        data.get(out);
        return out;
    }

    private static OnnxTensorType onnxType(int dataType) {
        return ElementTypes.fromTensorProto(dataType).orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"float32, 1", "uint8, 2", "int8, 3", "uint16, 4", "int16, 5", "int32, 6", "int64, 7", "bool, 9",
            "float16, 10", "float64, 11", "uint32, 12", "uint64, 13", "bfloat16, 16"})
    void readsTensorProtosOfEveryTypeFromRawDataAndFromTheTypedField(String type, int dataType) {
        TensorProto raw = TensorProto.newBuilder().setName("x").setDataType(dataType).addDims(2).addDims(3)
                .setRawData(ByteString.copyFrom(littleEndian(type))).build();
        TensorValues fromRaw = TensorProtoReader.fromProto(raw, "raw.pb");
        assertThat(fromRaw.name()).isEqualTo("x");
        assertThat(fromRaw.type()).isEqualTo(onnxType(dataType));
        assertThat(fromRaw.description()).isEqualTo(type + "[2, 3]");
        assertThat(bytes(fromRaw)).isEqualTo(expected(type));

        TensorProto.Builder typed = TensorProto.newBuilder().setDataType(dataType).addDims(2).addDims(3);
        ByteBuffer little = ByteBuffer.wrap(littleEndian(type)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < VALUES.length; i++) {
            switch (type) {
                case "float32" -> typed.addFloatData(little.getFloat());
                case "float64" -> typed.addDoubleData(little.getDouble());
                case "int64" -> typed.addInt64Data(little.getLong());
                case "uint32" -> typed.addUint64Data(little.getInt());
                case "uint64" -> typed.addUint64Data(little.getLong());
                case "int32" -> typed.addInt32Data(little.getInt());
                case "float16", "bfloat16", "int16", "uint16" -> typed.addInt32Data(Short.toUnsignedInt(little.getShort()));
                default -> typed.addInt32Data(little.get());
            }
        }
        TensorValues fromTyped = TensorProtoReader.fromProto(typed.build(), "typed.pb");
        assertThat(fromTyped.name()).isEmpty();
        assertThat(bytes(fromTyped)).isEqualTo(expected(type));
    }

    @Test
    void readsStringTensorProtos() {
        TensorProto proto = TensorProto.newBuilder().setDataType(TensorProto.DataType.STRING_VALUE).addDims(2)
                .addStringData(ByteString.copyFromUtf8("Grüße")).addStringData(ByteString.copyFromUtf8("monday")).build();
        assertThat(TensorProtoReader.fromProto(proto, "s.pb").strings()).containsExactly("Grüße", "monday");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"float32, f4", "float64, f8", "float16, f2", "int8, i1", "int16, i2", "int32, i4", "int64, i8",
            "uint8, u1", "uint16, u2", "uint32, u4", "uint64, u8", "bool, b1", "bfloat16, V2"})
    void readsNpyOfEveryTypeInEitherByteOrderAndEveryVersion(String type, String kind) {
        for (int version = 1; version <= 3; version++) {
            TensorValues little = NpyReader.parse(NpyFiles.npy(version, "<" + kind, false, SHAPE, littleEndian(type)), "x", "l.npy");
            assertThat(little.description()).isEqualTo(type + "[2, 3]");
            assertThat(little.name()).isEqualTo("x");
            assertThat(bytes(little)).as("version %d, little-endian", version).isEqualTo(expected(type));
            String big = (size(type) == 1 ? "|" : ">") + kind;
            assertThat(bytes(NpyReader.parse(NpyFiles.npy(version, big, false, SHAPE, bigEndian(type)), "x", "b.npy")))
                    .as("version %d, %s", version, big).isEqualTo(expected(type));
        }
    }

    @Test
    void readsNpyStringsScalarsAndVectors() {
        byte[] bytes = "ab\0\0cdef".getBytes(StandardCharsets.US_ASCII);
        assertThat(NpyReader.parse(NpyFiles.npy("|S4", new long[] {2}, bytes), "s", "s.npy").strings()).containsExactly("ab", "cdef");
        ByteBuffer utf32 = ByteBuffer.allocate(24).order(ByteOrder.BIG_ENDIAN);
        "Grü".codePoints().forEach(utf32::putInt);
        utf32.putInt('x').putInt(0).putInt(0);
        assertThat(NpyReader.parse(NpyFiles.npy(">U3", new long[] {2}, utf32.array()), "u", "u.npy").strings())
                .containsExactly("Grü", "x");
        TensorValues scalar = NpyReader.parse(NpyFiles.npy("<f8", new long[0], new byte[8]), "s", "scalar.npy");
        assertThat(scalar.description()).isEqualTo("float64[]");
        assertThat(NpyReader.parse(NpyFiles.npy("<i8", new long[] {3}, new byte[24]), "v", "v.npy").shape()).containsExactly(3);
    }

    @Test
    void refusesFortranOrderBadMagicAndTruncatedData() {
        assertThatThrownBy(() -> NpyReader.parse(NpyFiles.npy(1, "<f4", true, SHAPE, littleEndian("float32")), "x", "f.npy"))
                .isInstanceOf(BadInputException.class).hasMessage(
                        "f.npy is in Fortran order; save it in C order (numpy.save(path, numpy.ascontiguousarray(a)))");
        assertThatThrownBy(() -> NpyReader.parse("PK\3\4 not numpy at all".getBytes(StandardCharsets.US_ASCII), "x", "z.npy"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("z.npy is not a NumPy .npy file");
        assertThatThrownBy(() -> NpyReader.parse(NpyFiles.npy("<f4", SHAPE, new byte[20]), "x", "t.npy"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("holds 20 bytes").hasMessageContaining("needs 24");
        assertThatThrownBy(() -> NpyReader.parse(NpyFiles.npy("|O", new long[] {1}, new byte[8]), "x", "o.npy"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("Python objects");
        byte[] future = NpyFiles.npy("<f4", SHAPE, littleEndian("float32"));
        future[6] = 4;
        assertThatThrownBy(() -> NpyReader.parse(future, "x", "v4.npy"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("version 4.0");
    }

    /** Every element type the Java API creates, from a file beside the model, through the model and back. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"float32, 1", "uint8, 2", "int8, 3", "int16, 5", "int32, 6", "int64, 7", "bool, 9", "float16, 10",
            "float64, 11", "bfloat16, 16"})
    void autoFeedsTheModelItsTestDataSetRepeatedAlongTheBatch(String type, int dataType) throws Exception {
        Path model = TestModels.identity(dir.resolve(type), "model", dataType, "batch", 3);
        Path data = Files.createDirectories(dir.resolve(type).resolve("test_data_set_0"));
        Files.write(data.resolve("input_0.pb"), TensorProto.newBuilder().setName("x").setDataType(dataType)
                .addDims(2).addDims(3).setRawData(ByteString.copyFrom(littleEndian(type))).build().toByteArray());
        InputSource source = InputSource.of("auto", model);
        try (OrtSession session = Sessions.openForMetadata(ENV, model)) {
            assertThat(source.plan("m", session.getInputInfo(), 5, Map.of())).singleElement()
                    .satisfies(p -> assertThat(p.shape()).containsExactly(5, 3));
            Map<String, OnnxTensor> tensors = source.tensors(ENV, "m", session.getInputInfo(), 5, Map.of());
            try (OrtSession.Result result = session.run(tensors)) {
                OnnxTensor y = (OnnxTensor) result.get(0);
                assertThat(y.getInfo().getShape()).containsExactly(5, 3);
                byte[] record = Arrays.copyOf(expected(type), 3 * size(type));
                byte[] other = Arrays.copyOfRange(expected(type), 3 * size(type), 6 * size(type));
                assertThat(toArray(y.getByteBuffer())).as("records 0, 1, 0, 1, 0")
                        .isEqualTo(concat(record, other, record, other, record));
            } finally {
                tensors.values().forEach(OnnxTensor::close);
            }
        }
    }

    @Test
    void aBfloat16InputTakesTheUint16BitsOnnxTestDataStoresItAs() throws Exception {
        Path model = TestModels.identity(dir, "bf16", TestModels.BFLOAT16, "batch", 3);
        Path inputs = write("bf16", "input_0.pb", TensorProto.newBuilder().setDataType(TensorProto.DataType.UINT16_VALUE)
                .addDims(2).addDims(3).setRawData(ByteString.copyFrom(littleEndian("bfloat16"))).build().toByteArray());
        try (OrtSession session = Sessions.openForMetadata(ENV, model)) {
            TensorValues x = InputSource.of(inputs.toString(), model).values("bf16", session.getInputInfo(), 2, Map.of()).get(0);
            assertThat(x.description()).isEqualTo("bfloat16[2, 3]");
            assertThat(bytes(x)).isEqualTo(expected("bfloat16"));
        }
    }

    @Test
    void aFileWithMoreRecordsThanTheBatchGivesItsFirstOnes() {
        Path inputs = write("more", "x.npy", NpyFiles.npy("<i8", SHAPE, littleEndian("int64")));
        TensorValues one = InputSource.of(inputs.toString(), dir.resolve("m.onnx"))
                .values("m", Map.of("x", node("x")), 1, Map.of()).get(0);
        assertThat(one.description()).isEqualTo("int64[1, 3]");
        assertThat(one.data().order(ByteOrder.nativeOrder()).getLong(0)).isEqualTo(1);
        assertThat(one.data().order(ByteOrder.nativeOrder()).getLong(16)).isEqualTo(3);
    }

    @Test
    void tensorProtosMatchInputsByNameWhenTheyHaveOneElseByIndex() throws Exception {
        Path model = TestModels.twoInputs(dir, "two");
        Path inputs = Files.createDirectories(dir.resolve("named"));
        Files.write(inputs.resolve("input_0.pb"), TensorProto.newBuilder().setName("ids").setDataType(7).addDims(1).addDims(5)
                .setRawData(ByteString.copyFrom(new byte[40])).build().toByteArray());
        Files.write(inputs.resolve("input_1.pb"), TensorProto.newBuilder().setName("pixels").setDataType(1).addDims(1)
                .addDims(3).addDims(4).addDims(4).setRawData(ByteString.copyFrom(new byte[192])).build().toByteArray());
        try (OrtSession session = Sessions.openForMetadata(ENV, model)) {
            List<InputPlan> plans = InputSource.of(inputs.toString(), model).plan("two", session.getInputInfo(), 2, Map.of());
            assertThat(plans).extracting(InputPlan::toString).containsExactly("pixels float32[2, 3, 4, 4]", "ids int64[2, 5]");
        }
        Files.write(inputs.resolve("input_0.pb"), TensorProto.newBuilder().setDataType(1).addDims(1).addDims(3).addDims(4)
                .addDims(4).setRawData(ByteString.copyFrom(new byte[192])).build().toByteArray());
        Files.write(inputs.resolve("input_1.pb"), TensorProto.newBuilder().setDataType(7).addDims(1).addDims(5)
                .setRawData(ByteString.copyFrom(new byte[40])).build().toByteArray());
        try (OrtSession session = Sessions.openForMetadata(ENV, model)) {
            assertThat(InputSource.of(inputs.toString(), model).plan("two", session.getInputInfo(), 1, Map.of()))
                    .extracting(InputPlan::toString).containsExactly("pixels float32[1, 3, 4, 4]", "ids int64[1, 5]");
        }
    }

    @Test
    void refusesAFileOfTheWrongShapeOrTypeNamingInputExpectedAndFound() throws Exception {
        Path model = TestModels.identity(dir, "images", TestModels.FLOAT, "batch", 3, 4, 4);
        Path wrongShape = write("shape", "x.npy", NpyFiles.npy("<f4", new long[] {1, 3, 5, 5}, new byte[300]));
        Path wrongType = write("type", "x.npy", NpyFiles.npy("<f8", new long[] {1, 3, 4, 4}, new byte[384]));
        try (OrtSession session = Sessions.openForMetadata(ENV, model)) {
            assertThatThrownBy(() -> InputSource.of(wrongShape.toString(), model).plan("images", session.getInputInfo(), 1, Map.of()))
                    .isInstanceOf(BadInputException.class)
                    .hasMessage("images: input 'x' expects float32[batch, 3, 4, 4] (batchSize=1), but "
                            + wrongShape.resolve("x.npy") + " holds float32[1, 3, 5, 5]");
            assertThatThrownBy(() -> InputSource.of(wrongType.toString(), model).plan("images", session.getInputInfo(), 1, Map.of()))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining("input 'x' expects float32[batch, 3, 4, 4]").hasMessageContaining("holds float64[1, 3, 4, 4]");
        }
    }

    @Test
    void aFixedFirstDimensionMustMatchAndTakesNoOtherBatch() throws Exception {
        Path model = TestModels.identity(dir, "fixed", TestModels.FLOAT, 2, 3);
        Path fits = write("fits", "x.npy", NpyFiles.npy("<f4", SHAPE, littleEndian("float32")));
        Path oneRecord = write("one", "x.npy", NpyFiles.npy("<f4", new long[] {1, 3}, new byte[12]));
        try (OrtSession session = Sessions.openForMetadata(ENV, model)) {
            assertThat(InputSource.of(fits.toString(), model).plan("fixed", session.getInputInfo(), 1, Map.of()).get(0).shape())
                    .containsExactly(2, 3);
            assertThatThrownBy(() -> InputSource.of(fits.toString(), model).plan("fixed", session.getInputInfo(), 4, Map.of()))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("batchSize=4").hasMessageContaining("-p batchSize=1");
            assertThatThrownBy(() -> InputSource.of(oneRecord.toString(), model).plan("fixed", session.getInputInfo(), 1, Map.of()))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("expects float32[2, 3]");
        }
    }

    @Test
    void aSymbolicDimensionSetByDimsMustMatchTheFile() throws Exception {
        Path model = TestModels.twoInputs(dir, "two");
        Path inputs = write("dims", "ids.npy", NpyFiles.npy("<i8", new long[] {1, 5}, new byte[40]));
        Files.write(inputs.resolve("pixels.npy"), NpyFiles.npy("<f4", new long[] {1, 3, 4, 4}, new byte[192]));
        try (OrtSession session = Sessions.openForMetadata(ENV, model)) {
            InputSource source = InputSource.of(inputs.toString(), model);
            assertThat(source.plan("two", session.getInputInfo(), 1, Map.of()).get(1).shape()).containsExactly(1, 5);
            assertThatThrownBy(() -> source.plan("two", session.getInputInfo(), 1, Dims.parse("sequence_length=8")))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("-p dims sets sequence_length=8");
        }
    }

    @Test
    void refusesMissingExtraAndMixedFiles() throws Exception {
        Path model = TestModels.twoInputs(dir, "two");
        Path onlyPixels = write("only", "pixels.npy", NpyFiles.npy("<f4", new long[] {1, 3, 4, 4}, new byte[192]));
        Path extra = write("extra", "pixels.npy", NpyFiles.npy("<f4", new long[] {1, 3, 4, 4}, new byte[192]));
        Files.write(extra.resolve("ids.npy"), NpyFiles.npy("<i8", new long[] {1, 5}, new byte[40]));
        Files.write(extra.resolve("labels.npy"), NpyFiles.npy("<i8", new long[] {1}, new byte[8]));
        Path onePb = write("pb", "input_0.pb", TensorProto.newBuilder().setDataType(1).addDims(1).addDims(3).addDims(4)
                .addDims(4).setRawData(ByteString.copyFrom(new byte[192])).build().toByteArray());
        Path mixed = write("mixed", "input_0.pb", new byte[0]);
        Files.write(mixed.resolve("ids.npy"), new byte[0]);
        try (OrtSession session = Sessions.openForMetadata(ENV, model)) {
            assertThatThrownBy(() -> InputSource.of(onlyPixels.toString(), model).plan("two", session.getInputInfo(), 1, Map.of()))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("has no ids.npy for input 'ids' of two");
            assertThatThrownBy(() -> InputSource.of(extra.toString(), model).plan("two", session.getInputInfo(), 1, Map.of()))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("labels.npy is for no input of two");
            assertThatThrownBy(() -> InputSource.of(onePb.toString(), model).plan("two", session.getInputInfo(), 1, Map.of()))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("has no input_1.pb").hasMessageContaining("'ids'");
        }
        assertThatThrownBy(() -> InputSource.of(mixed.toString(), model))
                .isInstanceOf(BadInputException.class).hasMessageContaining("both input_N.pb and .npy files");
        InputSource empty = InputSource.of(Files.createDirectories(dir.resolve("empty")).toString(), model);
        try (OrtSession session = Sessions.openForMetadata(ENV, model)) {
            assertThatThrownBy(() -> empty.plan("two", session.getInputInfo(), 1, Map.of())).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("holds no input_N.pb or <input name>.npy files for the 2 input(s) of two (pixels, ids)");
        }
        assertThat(empty.plan("no inputs", Map.of(), 1, Map.of())).as("a model without inputs needs no files").isEmpty();
        assertThatThrownBy(() -> InputSource.of(dir.resolve("nowhere").toString(), model))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("-p inputs=" + dir.resolve("nowhere") + ": no folder");
    }

    @Test
    void autoWithoutATestDataSetIsOneLine() throws Exception {
        Path model = TestModels.identity(dir, "plain", TestModels.FLOAT, "batch", 3);
        assertThatThrownBy(() -> InputSource.of("auto", model))
                .isInstanceOf(BadInputException.class)
                .hasMessage("-p inputs=auto: " + model + " has no test_data_set_0 folder beside it ("
                        + dir.toAbsolutePath().resolve("test_data_set_0") + "); give a folder of input files with -p inputs=DIR");
    }

    @Test
    void anUnreadableFileIsRefusedOnlyWhenAnInputNeedsIt() throws Exception {
        Path model = TestModels.identity(dir, "one", TestModels.FLOAT, "batch", 3);
        Path inputs = write("broken", "input_0.pb", "\u0008\u0002 not a tensor".getBytes(StandardCharsets.ISO_8859_1));
        InputSource source = InputSource.of(inputs.toString(), model);
        try (OrtSession session = Sessions.openForMetadata(ENV, model)) {
            assertThatThrownBy(() -> source.plan("one", session.getInputInfo(), 1, Map.of()))
                    .isInstanceOf(BadInputException.class).hasMessageContaining(inputs.resolve("input_0.pb").toString());
        }
    }

    private Path write(String folder, String file, byte[] bytes) {
        try {
            Path inputs = Files.createDirectories(dir.resolve(folder));
            Files.write(inputs.resolve(file), bytes);
            return inputs;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The metadata of an int64 {@code [batch, 3]} input, read from a model written for it. */
    private ai.onnxruntime.NodeInfo node(String name) {
        try {
            Path model = TestModels.identity(dir.resolve("node"), "int64_" + name, TestModels.INT64, "batch", 3);
            try (OrtSession session = Sessions.openForMetadata(ENV, model)) {
                return session.getInputInfo().get("x");
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer out = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
        Arrays.stream(parts).forEach(out::put);
        return out.array();
    }
}
