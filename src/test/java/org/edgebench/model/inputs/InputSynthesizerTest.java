package org.edgebench.model.inputs;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo.OnnxTensorType;
import org.edgebench.BadInputException;
import org.edgebench.model.Dims;
import org.edgebench.model.generator.TestModels;
import org.edgebench.runtime.Provider;
import org.edgebench.runtime.Sessions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InputSynthesizerTest {

    private static final OrtEnvironment ENV = Sessions.environment();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "float32, 1", "float16, 10", "bfloat16, 16", "float64, 11", "int8, 3", "uint8, 2",
            "int16, 5", "int32, 6", "int64, 7", "bool, 9"})
    void synthesizesEveryFixedWidthElementTypeTheJavaApiCreates(String typeName, int onnxType) throws Exception {
        Path model = TestModels.identity(dir, "identity_" + typeName, onnxType, "batch_size", 5, 2);
        try (OrtSession session = Sessions.openForMetadata(ENV, model)) {
            List<InputPlan> plans = InputSynthesizer.plan("m", session.getInputInfo(), 3, Map.of());
            assertThat(plans).singleElement().satisfies(p -> {
                assertThat(p.shape()).containsExactly(3, 5, 2);
                assertThat(ElementTypes.name(p.elementType())).isEqualTo(typeName);
            });
            Map<String, OnnxTensor> first = InputSynthesizer.create(ENV, plans, 7);
            Map<String, OnnxTensor> second = InputSynthesizer.create(ENV, plans, 7);
            try (OrtSession.Result result = session.run(first)) {
                OnnxValue y = result.get(0);
                assertThat(((OnnxTensor) y).getInfo().getShape()).containsExactly(3, 5, 2);
            }
            assertThat(bytes(first.get("x"))).as("same seed, same bytes").isEqualTo(bytes(second.get("x")));
            first.values().forEach(OnnxTensor::close);
            second.values().forEach(OnnxTensor::close);
        }
    }

    @Test
    void resolvesSymbolicDimensionsByNameAndTheBatchFirst() throws Exception {
        Path model = TestModels.twoInputs(dir, "two");
        try (OrtSession session = Sessions.openForMetadata(ENV, model)) {
            List<InputPlan> plans = InputSynthesizer.plan(
                    "two", session.getInputInfo(), 4, Dims.parse("sequence_length=16"));
            assertThat(plans).extracting(InputPlan::name).containsExactly("pixels", "ids");
            assertThat(plans.get(0).shape()).containsExactly(4, 3, 4, 4);
            assertThat(plans.get(1).shape()).containsExactly(4, 16);
            assertThat(plans.get(1).bytes()).isEqualTo(4 * 16 * 8);
        }
    }

    @Test
    void namesUnresolvedSymbolicDimensions() throws Exception {
        Path model = TestModels.twoInputs(dir, "two");
        try (OrtSession session = Sessions.openForMetadata(ENV, model)) {
            assertThatThrownBy(() -> InputSynthesizer.plan("two", session.getInputInfo(), 1, Map.of()))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining("'sequence_length'")
                    .hasMessageContaining("-p dims=");
        }
    }

    /** As Silero VAD declares its audio input: {@code [?, (unnamed)]}, neither dimension named. */
    @Test
    void anUnnamedDimensionIsSetByPositionAndItsMessageShowsThatSpelling() throws Exception {
        Path model = TestModels.identity(dir, "unnamed", TestModels.FLOAT, "", "");
        try (OrtSession session = Sessions.openForMetadata(ENV, model)) {
            assertThatThrownBy(() -> InputSynthesizer.plan("unnamed", session.getInputInfo(), 1, Map.of()))
                    .isInstanceOf(BadInputException.class)
                    .hasMessage("unnamed: unresolved symbolic dimensions x[1] (unnamed); give each by name or by position,"
                            + " e.g. -p dims=x[1]=VALUE (several joined with ';')");

            List<InputPlan> plans = InputSynthesizer.plan("unnamed", session.getInputInfo(), 2, Dims.parse("x[1]=512"));

            assertThat(plans.get(0).shape()).containsExactly(2, 512);
            Map<String, OnnxTensor> tensors = InputSynthesizer.create(ENV, plans, 7);
            try (OrtSession.SessionOptions options = Sessions.options(Provider.CPU, 1, Dims.parse("x[1]=512"));
                 OrtSession measured = Sessions.open(ENV, model, options);
                 OrtSession.Result result = measured.run(tensors)) {
                assertThat(((OnnxTensor) result.get(0)).getInfo().getShape()).containsExactly(2, 512);
            } finally {
                tensors.values().forEach(OnnxTensor::close);
            }
        }
    }

    @Test
    void aPositionOverridesTheNameAndANamedDimensionsMessageShowsItsName() throws Exception {
        Path model = TestModels.twoInputs(dir, "two");
        try (OrtSession session = Sessions.openForMetadata(ENV, model)) {
            assertThatThrownBy(() -> InputSynthesizer.plan("two", session.getInputInfo(), 1, Map.of()))
                    .hasMessageEndingWith("give each by name or by position, e.g. -p dims=sequence_length=VALUE"
                            + " (several joined with ';')");
            List<InputPlan> plans = InputSynthesizer.plan("two", session.getInputInfo(), 4,
                    Dims.parse("sequence_length=16;ids[1]=8"));
            assertThat(plans.get(1).shape()).containsExactly(4, 8);
        }
    }

    @Test
    void synthesizesStringsAsSeededWords() throws Exception {
        Path model = TestModels.identity(dir, "strings", TestModels.STRING, "batch_size", 2);
        try (OrtSession session = Sessions.openForMetadata(ENV, model)) {
            List<InputPlan> plans = InputSynthesizer.plan("strings", session.getInputInfo(), 3, Map.of());
            Map<String, OnnxTensor> tensors = InputSynthesizer.create(ENV, plans, 7);
            try (OrtSession.Result result = session.run(tensors)) {
                String[][] words = (String[][]) result.get(0).getValue();
                assertThat(words).hasDimensions(3, 2);
                assertThat(words[0][0]).matches("[a-z]{3,8}");
                assertThat(InputSynthesizer.values(plans, 7).get(0).strings())
                        .containsExactly(InputSynthesizer.values(plans, 7).get(0).strings());
            } finally {
                tensors.values().forEach(OnnxTensor::close);
            }
        }
    }

    @Test
    void refusesTypesTheJavaApiCannotCreateNamingInputAndType() throws Exception {
        Path model = TestModels.identity(dir, "unsigned", TestModels.UINT32, "batch_size", 2);
        try (OrtSession session = Sessions.openForMetadata(ENV, model)) {
            assertThatThrownBy(() -> InputSynthesizer.plan("unsigned", session.getInputInfo(), 1, Map.of()))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageStartingWith("unsigned: input 'x' is uint32, which ONNX Runtime's Java API cannot create (")
                    .hasMessageNotContaining("\n");
        }
    }

    /**
     * What a uint32 refusal rests on: the signed Java type of the same width makes a signed tensor,
     * which ONNX Runtime refuses for a uint32 input. If a later Java API makes unsigned tensors, this
     * fails, and the refusal should go.
     */
    @Test
    void theSignedJavaTypeMakesNoUnsignedTensor() throws Exception {
        Path model = TestModels.identity(dir, "unsigned", TestModels.UINT32, 3);
        ByteBuffer data = ByteBuffer.allocateDirect(12).order(ByteOrder.nativeOrder());
        try (OrtSession session = Sessions.openForMetadata(ENV, model);
             OnnxTensor x = OnnxTensor.createTensor(ENV, data, new long[] {3},
                     OnnxJavaType.mapFromOnnxTensorType(OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT32))) {
            assertThat(x.getInfo().onnxType).isEqualTo(OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32);
            assertThatThrownBy(() -> session.run(Map.of("x", x))).isInstanceOf(OrtException.class)
                    .hasMessageContaining("tensor(int32)");
        }
    }

    @Test
    void integersAreOnesExceptTextModelInputsByName() {
        List<InputPlan> plans = List.of(
                new InputPlan("axes", OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64, new long[] {2, 50}),
                new InputPlan("attention_mask", OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64, new long[] {2, 50}),
                new InputPlan("token_type_ids", OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32, new long[] {2, 50}),
                new InputPlan("input_ids", OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64, new long[] {2, 50}),
                new InputPlan("k", OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8, new long[] {4}));
        List<TensorValues> values = InputSynthesizer.values(plans, InputSynthesizer.SEED);
        assertThat(longs(values.get(0))).containsOnly(1L);
        assertThat(longs(values.get(1))).containsOnly(1L);
        ByteBuffer typeIds = values.get(2).data();
        while (typeIds.hasRemaining()) {
            assertThat(typeIds.getInt()).isZero();
        }
        long[] ids = longs(values.get(3));
        assertThat(Arrays.stream(ids).allMatch(id -> id >= 0 && id < 100)).as("ids in [0, 100)").isTrue();
        assertThat(Arrays.stream(ids).distinct().count()).as("input_ids vary").isGreaterThan(20);
        ByteBuffer k = values.get(4).data();
        assertThat(k.get(0)).isEqualTo((byte) 1);
    }

    private static long[] longs(TensorValues values) {
        return LongStream.range(0, values.elements()).map(i -> values.data().getLong((int) i * 8)).toArray();
    }

    @Test
    void aFixedShapeModelOnlyTakesItsOwnBatch() throws Exception {
        Path model = TestModels.identity(dir, "fixed", TestModels.FLOAT, 1, 3);
        try (OrtSession session = Sessions.openForMetadata(ENV, model)) {
            assertThat(InputSynthesizer.plan("fixed", session.getInputInfo(), 1, Map.of()).get(0).shape())
                    .containsExactly(1, 3);
            assertThatThrownBy(() -> InputSynthesizer.plan("fixed", session.getInputInfo(), 8, Map.of()))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining("batchSize=8");
        }
    }

    @Test
    void textModelInputsGetValidMasksAndTypeIds() throws Exception {
        Path model = TestModels.identity(dir, "attention_mask_model", TestModels.INT64, "batch_size", 8);
        try (OrtSession session = Sessions.openForMetadata(ENV, model)) {
            List<InputPlan> plans = List.of(new InputPlan("attention_mask",
                    InputSynthesizer.plan("m", session.getInputInfo(), 2, Map.of()).get(0).elementType(), new long[] {2, 8}));
            try (OnnxTensor mask = InputSynthesizer.create(ENV, plans, 1).get("attention_mask")) {
                long[][] values = (long[][]) mask.getValue();
                assertThat(values[0]).containsOnly(1L);
                assertThat(values[1]).containsOnly(1L);
            }
        }
    }

    @Test
    void dimsRejectsMalformedEntries() {
        assertThat(Dims.parse("")).isEmpty();
        assertThat(Dims.parse("a=1,b=2")).containsExactly(Map.entry("a", 1L), Map.entry("b", 2L));
        assertThatThrownBy(() -> Dims.parse("sequence_length")).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> Dims.parse("n=x")).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> Dims.parse("n=0")).isInstanceOf(BadInputException.class);
        assertThat(Dims.parse("input[1]=512+sequence_length=3"))
                .containsExactly(Map.entry("input[1]", 512L), Map.entry("sequence_length", 3L));
        assertThatThrownBy(() -> Dims.parse("input[x]=5")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("input[index]=value, the index from 0, e.g. -p dims=input[1]=512");
        assertThat(Dims.byPosition("input[1]")).isTrue();
        assertThat(Dims.byPosition("sequence_length")).isFalse();
    }

    private static byte[] bytes(OnnxTensor tensor) {
        ByteBuffer buffer = tensor.getByteBuffer();
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }
}
