package org.edgebench.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import org.edgebench.bench.state.InputBatchState;
import org.edgebench.bench.state.OrtSessionState;
import org.edgebench.runtime.Provider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Models whose output shape depends on the input values (ONNX's test models, whose declared output
 * shapes are those of their own test inputs), with synthesized inputs: the output ONNX Runtime would
 * refuse pinned ("Got invalid dimensions for output") is left to ONNX Runtime to allocate, found in
 * setup, so the measured call runs. Skipped without Debian's libonnx-testdata.
 */
class DataDependentOutputsTest {

    private static final Path NODE = Path.of("/usr/share/libonnx-testdata/data/node");

    @ParameterizedTest
    @CsvSource({"test_hannwindow,y", "test_nonmaxsuppression_two_batches,selected_indices", "test_slice_default_axes,y",
            "test_tile,z"})
    void anOutputWhoseShapeDependsOnTheValuesIsAllocatedByOnnxRuntime(String name, String output) throws Exception {
        Path model = NODE.resolve(name).resolve("model.onnx");
        assumeTrue(Files.isRegularFile(model) || "true".equals(System.getenv("CI")), "libonnx-testdata is not installed");
        OrtSessionState session = new OrtSessionState();
        session.model = model.toString();
        session.provider = Provider.CPU;
        session.intraOpThreads = 1;
        session.dims = "";
        session.inputs = "";
        InputBatchState batch = new InputBatchState();
        batch.batchSize = 1;
        session.open();
        try {
            batch.build(session);
            assertThat(batch.allocatedOutputs).containsExactly(output);
            assertThat(batch.pinnedOutputs).isEmpty();

            try (OrtSession.Result plain = session.session.run(batch.inputs)) {
                long[] computed = ((OnnxTensor) plain.get(output).orElseThrow()).getInfo().getShape();
                long[] declared = ((TensorInfo) session.session.getOutputInfo().get(output).getInfo()).getShape();
                assertThat(computed).as("the case this is about: a computed shape unlike the declared one").isNotEqualTo(declared);
            }

            OrtSession.Result measured = new OrtSessionRunBenchmark().run(session, batch);

            assertThat(measured.size()).isOne();
        } finally {
            batch.close();
            session.close();
        }
    }
}
