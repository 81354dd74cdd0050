package org.edgebench.model;

import org.edgebench.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelDefaultsTest {

    @TempDir
    Path dir;

    @Test
    void aModelsDefaultsFileGivesItsDimsUnlessTheParameterIsSet() throws Exception {
        Path model = Files.writeString(dir.resolve("text.onnx"), "");
        Files.writeString(dir.resolve("text.properties"), "dims=sequence_length=128\n");
        assertThat(ModelDefaults.defaultDims(model)).isEqualTo("sequence_length=128");
        assertThat(Dims.forModel("", model, "")).containsExactly(Map.entry("sequence_length", 128L));
        assertThat(Dims.forModel("sequence_length=16", model, "")).containsExactly(Map.entry("sequence_length", 16L));
    }

    @Test
    void inputFilesBringTheirOwnShapesSoOnlyAGivenDimsApplies() throws Exception {
        Path model = Files.writeString(dir.resolve("text.onnx"), "");
        Files.writeString(dir.resolve("text.properties"), "dims=sequence_length=128\n");
        assertThat(Dims.forModel("", model, "auto")).isEmpty();
        assertThat(Dims.forModel("sequence_length=7", model, "auto")).containsExactly(Map.entry("sequence_length", 7L));
    }

    @Test
    void noDefaultsFileMeansNoDims() throws Exception {
        Path model = Files.writeString(dir.resolve("plain.onnx"), "");
        assertThat(ModelDefaults.defaultDims(model)).isEmpty();
        assertThat(Dims.forModel("", model, "")).isEmpty();
    }

    @Test
    void aBadDefaultsFileIsNamed() throws Exception {
        Path model = Files.writeString(dir.resolve("broken.onnx"), "");
        Files.writeString(dir.resolve("broken.properties"), "dims=sequence_length\n");
        assertThatThrownBy(() -> ModelDefaults.defaultDims(model))
                .isInstanceOf(BadInputException.class).hasMessageContaining("broken.properties");
    }
}
