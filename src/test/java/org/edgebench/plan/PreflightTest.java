package org.edgebench.plan;

import ai.onnxruntime.OrtProvider;
import org.edgebench.BadInputException;
import org.edgebench.model.ModelCatalog;
import org.edgebench.model.generator.TestModels;
import org.edgebench.run.Configuration;
import org.edgebench.runtime.Provider;
import org.edgebench.runtime.ProviderCheck;
import org.edgebench.runtime.ThisMachine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * What the launcher refuses before any fork starts, each time in one line, and what it lets through:
 * on a catalog of tiny models, against a build assumed to offer CPU only.
 */
class PreflightTest {

    private static final ProviderCheck CPU_ONLY = ProviderCheck.assuming(EnumSet.of(OrtProvider.CPU));
    /** Floats per item of the wide model's input (and of its output): 4 MB each way. */
    private static final int WIDTH = 1_000_000;

    @TempDir
    Path dir;

    private ModelCatalog catalog;

    @BeforeEach
    void models() throws IOException {
        TestModels.identity(dir, "tiny", TestModels.FLOAT, "batch", 4);
        TestModels.identity(dir, "wide", TestModels.FLOAT, "batch", WIDTH);
        catalog = new ModelCatalog(dir);
    }

    private static Map<String, List<String>> request(String model, String batchSizes, String providers) {
        Map<String, List<String>> requested = new LinkedHashMap<>();
        requested.put(Configuration.MODEL, List.of(model.split(",")));
        requested.put(Configuration.BATCH_SIZE, List.of(batchSizes.split(",")));
        requested.put(Configuration.PROVIDER, List.of(providers.split(",")));
        requested.put(Configuration.INTRA_OP_THREADS, List.of("0"));
        requested.put(Configuration.DIMS, List.of(""));
        return requested;
    }

    private Preflight.Checked check(Map<String, List<String>> requested) {
        return Preflight.check(requested, catalog, CPU_ONLY, 1);
    }

    private void refused(Map<String, List<String>> requested, int callers, String... parts) {
        assertThatThrownBy(() -> Preflight.check(requested, catalog, CPU_ONLY, callers))
                .isInstanceOf(BadInputException.class)
                .hasMessageContainingAll(parts)
                .message().doesNotContain("\n");
    }

    @Test
    void aGoodRequestPassesWithTheProvidersThisBuildLacksSkippedWithTheirReason() {
        Map<String, List<String>> requested = request("tiny,wide", "1,8", "CPU,XNNPACK");

        Preflight.Checked checked = check(requested);

        assertThat(checked.params().get(Configuration.PROVIDER)).containsExactly("CPU");
        assertThat(checked.skipped()).singleElement().satisfies(s -> {
            assertThat(s.provider()).isEqualTo(Provider.XNNPACK);
            assertThat(s.reason()).contains("not in this ONNX Runtime build");
        });
        assertThat(checked.params()).containsEntry(Configuration.BATCH_SIZE, List.of("1", "8"))
                .containsEntry(Configuration.MODEL, List.of("tiny", "wide"));
        assertThat(checked.models()).extracting(m -> m.name()).containsExactly("tiny", "wide");
        assertThat(requested.get(Configuration.PROVIDER)).as("the request is left as asked").containsExactly("CPU", "XNNPACK");
    }

    @Test
    void noProviderLeftStopsTheRunNamingTheBuildsProvidersAndHowToLoadAnother() {
        refused(request("tiny", "1", "XNNPACK"), 1, "no provider left to run: XNNPACK: not in this ONNX Runtime build",
                "Providers in this ONNX Runtime build: ", "CPU", "-Donnxruntime.native.path=DIR");
    }

    @Test
    void anUnknownProviderIsRefusedWithTheValidOnes() {
        refused(request("tiny", "1", "CPU,TPU"), 1, "unknown provider 'TPU'", "valid providers", "XNNPACK");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "batchSize      | 0   | batchSize must be >= 1, was 0",
            "batchSize      | one | batchSize must be a whole number >= 1, was 'one'",
            "intraOpThreads | -1  | intraOpThreads must be >= 0, was -1",
            "intraOpThreads | 1.5 | intraOpThreads must be a whole number >= 0, was '1.5'",
            "dims           | sequence_length | bad dims entry 'sequence_length': write name=value"})
    void badNumbersAndDimsAreRefusedNamingTheParameterAndTheValue(String param, String value, String line) {
        Map<String, List<String>> requested = request("tiny", "1", "CPU");
        requested.put(param, List.of(value));

        refused(requested, 1, line);
    }

    @Test
    void anUnknownModelIsRefusedWithTheKnownOnes() {
        refused(request("tiny,nope", "1", "CPU"), 1, "unknown model 'nope'", "known models: ", "tiny", "wide");
    }

    @Test
    void aFileThatIsNotAModelIsRefusedInOneLine() throws IOException {
        Files.writeString(dir.resolve("broken.onnx"), "not a protobuf");

        assertThatThrownBy(() -> check(request("broken", "1", "CPU"))).isInstanceOf(BadInputException.class)
                .message().contains("broken").doesNotContain("\n");
    }

    @Test
    void aMissingInputsFolderIsRefused() {
        Map<String, List<String>> requested = request("tiny", "1", "CPU");
        Path missing = dir.resolve("no-such-inputs");
        requested.put(Configuration.INPUTS, List.of(missing.toString()));

        refused(requested, 1, "-p inputs=" + missing, "no folder");
    }

    @Test
    void aBatchWhoseTensorsExceedTheAvailableMemoryIsRefusedWithTheSizes() {
        long available = ThisMachine.availableMemoryBytes();
        assumeThat(available).as("this machine tells its available memory").isPositive();
        long perItem = 2L * 4 * WIDTH;
        // Twice what is available, so memory freed meanwhile by other processes cannot make it fit.
        int tooBig = (int) Math.min(Integer.MAX_VALUE, 2 * available / perItem + 1);

        refused(request("wide", "1," + tooBig, "CPU"), 1, "wide at batchSize=" + tooBig
                        + " needs ", " GiB for its input and output tensors alone, more than the ",
                " GiB this machine has available; use a smaller batchSize");
    }

    /** Each caller holds its own tensors: a batch that fits once is refused for four callers, who need four times as much. */
    @Test
    void everyCallersTensorsCountAgainstTheMemory() {
        long available = ThisMachine.availableMemoryBytes();
        long perItem = 2L * 4 * WIDTH;
        assumeThat(available).as("memory for a batch of the wide model").isGreaterThan(10 * perItem);
        int batch = (int) Math.min(Integer.MAX_VALUE, available * 3 / 10 / perItem);
        Map<String, List<String>> requested = request("wide", Integer.toString(batch), "CPU");

        assertThat(Preflight.check(requested, catalog, CPU_ONLY, 1).models()).hasSize(1);
        refused(requested, 4, "wide at batchSize=" + batch + " with 4 callers needs ",
                "(each caller holds its own)", "use a smaller batchSize or fewer callers");
    }

    @Test
    void benchmarksOfOneCallerRefuseMore() {
        String cold = "org.edgebench.bench.SessionColdStartBenchmark.createSessionAndRunFirst";
        String ort = "org.edgebench.bench.OrtSessionRunBenchmark.run";
        Map<String, String> params = Map.of(Configuration.BATCH_SIZE, "1");

        Preflight.checkCallers(List.of(Configuration.planned(cold, 1, params), Configuration.planned(ort, 4, params)));
        assertThatThrownBy(() -> Preflight.checkCallers(List.of(Configuration.planned(ort, 4, params),
                Configuration.planned(cold, 2, params))))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("SessionColdStartBenchmark runs with one caller only, not 2: ")
                .message().doesNotContain("\n");
    }
}
