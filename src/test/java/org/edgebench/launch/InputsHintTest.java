package org.edgebench.launch;

import org.edgebench.model.ModelCatalog;
import org.edgebench.model.generator.TestModels;
import org.edgebench.run.Configuration;
import org.edgebench.runtime.OperatorFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InputsHintTest {

    private static final String ORT = "org.edgebench.bench.OrtSessionRunBenchmark.run";
    private static final OperatorFailure GATHER = new OperatorFailure("Gather", "/Gather", "indices element out of data bounds");

    @TempDir
    Path dir;

    private static Configuration configuration(Path model, String inputs) {
        Map<String, String> params = new LinkedHashMap<>(Map.of("model", model.toString(), "provider", "CPU",
                "batchSize", "1", "intraOpThreads", "0", "dims", ""));
        params.put("inputs", inputs);
        return Configuration.planned(ORT, 1, params);
    }

    @Test
    void synthesizedInputsGetTheAdviceToGiveRealOnes() throws Exception {
        Path model = TestModels.gather(dir, "m");
        assertThat(InputsHint.line(configuration(model, ""), GATHER, new ModelCatalog(dir))).isEqualTo("EdgeBench:"
                + " OrtSessionRunBenchmark.run " + model + " CPU b1 t0 failed in a Gather node ('/Gather'): indices element"
                + " out of data bounds; its synthesized input values may not suit the model: try -p inputs=DIR (a folder of"
                + " input_N.pb TensorProtos or <input name>.npy files; -p inputs=auto for a model with test_data_set_0 beside it)");
        Files.createDirectories(dir.resolve("test_data_set_0"));
        assertThat(InputsHint.line(configuration(model, ""), GATHER, new ModelCatalog(dir)))
                .endsWith("; its synthesized input values may not suit the model: try -p inputs=auto (it has test_data_set_0)"
                        + " or -p inputs=DIR");
    }

    @Test
    void inputsFromFilesGetTheOperatorOnly() throws Exception {
        Path model = TestModels.gather(dir, "m");
        assertThat(InputsHint.line(configuration(model, "auto"), GATHER, new ModelCatalog(dir))).isEqualTo("EdgeBench:"
                + " OrtSessionRunBenchmark.run " + model + " CPU b1 t0 inputs=auto failed in a Gather node ('/Gather'): indices"
                + " element out of data bounds");
    }

    @Test
    void findsTheFailureInTheForkOutputOrTheException() {
        String thrown = "ai.onnxruntime.OrtException: Non-zero status code returned while running Gather node."
                + " Name:'/Gather' Status Message: indices element out of data bounds";
        assertThat(InputsHint.find("# Fork: 1 of 1\n<failure>\n", thrown)).contains(GATHER);
        assertThat(InputsHint.find("# Fork: 1 of 1\nXNNPACK: not in this build", "")).isEmpty();
        assertThat(InputsHint.reason(GATHER)).isEqualTo("failed in a Gather node ('/Gather'): indices element out of data bounds");
    }
}
