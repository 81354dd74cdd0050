package org.edgebench.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.edgebench.BadInputException;
import org.edgebench.runtime.Sessions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
    void synthesizesEveryNumericElementType(String typeName, int onnxType) throws Exception {
        Path model = TestModels.identity(dir, "identity_" + typeName, onnxType, "batch_size", 5, 2);
        try (OrtSession session = Sessions.openForMetadata(ENV, model)) {
            List<InputSynthesizer.InputPlan> plans = InputSynthesizer.plan("m", session.getInputInfo(), 3, Map.of());
            assertThat(plans).singleElement().satisfies(p -> {
                assertThat(p.shape()).containsExactly(3, 5, 2);
                assertThat(InputSynthesizer.typeName(p.elementType())).isEqualTo(typeName);
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
            List<InputSynthesizer.InputPlan> plans = InputSynthesizer.plan(
                    "two", session.getInputInfo(), 4, Dims.parse("sequence_length=16"));
            assertThat(plans).extracting(InputSynthesizer.InputPlan::name).containsExactly("pixels", "ids");
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

    @Test
    void refusesStringInputsNamingInputAndType() throws Exception {
        Path model = TestModels.identity(dir, "strings", TestModels.STRING, "batch_size", 2);
        try (OrtSession session = Sessions.openForMetadata(ENV, model)) {
            assertThatThrownBy(() -> InputSynthesizer.plan("strings", session.getInputInfo(), 1, Map.of()))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining("input 'x'")
                    .hasMessageContaining("string");
        }
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
            List<InputSynthesizer.InputPlan> plans = List.of(new InputSynthesizer.InputPlan("attention_mask",
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
    }

    private static byte[] bytes(OnnxTensor tensor) {
        ByteBuffer buffer = tensor.getByteBuffer();
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }
}
