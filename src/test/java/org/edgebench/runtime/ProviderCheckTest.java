package org.edgebench.runtime;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession.SessionOptions;
import org.edgebench.BadInputException;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProviderCheckTest {

    @Test
    void runsAvailableProvidersAndSkipsMissingOnesWithTheReason() {
        ProviderCheck.Resolution r = ProviderCheck.assuming(EnumSet.of(OrtProvider.CPU)).resolve(List.of("CPU", "XNNPACK"));
        assertThat(r.run()).containsExactly(Provider.CPU);
        assertThat(r.skipped()).singleElement().satisfies(s -> {
            assertThat(s.provider()).isEqualTo(Provider.XNNPACK);
            assertThat(s.line()).isEqualTo("XNNPACK: not in this ONNX Runtime build (available: CPU); skipped");
        });
    }

    @Test
    void aProviderTheBuildListsButCannotAttachIsSkippedNotReplaced() {
        // This jar's ONNX Runtime is a CPU build: attaching XNNPACK fails even when told it is there.
        ProviderCheck.Resolution r = ProviderCheck.assuming(EnumSet.of(OrtProvider.CPU, OrtProvider.XNNPACK))
                .resolve(List.of("xnnpack"));
        assertThat(r.run()).isEmpty();
        assertThat(r.skipped()).singleElement().satisfies(s ->
                assertThat(s.reason()).startsWith("listed by this ONNX Runtime build but could not be attached"));
    }

    @Test
    void theRealBuildRunsCpu() {
        assertThat(ProviderCheck.forThisBuild().resolve(List.of("CPU")).run()).containsExactly(Provider.CPU);
    }

    @Test
    void unknownNamesAreBadInputListingTheValidOnes() {
        assertThatThrownBy(() -> ProviderCheck.forThisBuild().resolve(List.of("GPU")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("unknown provider 'GPU'")
                .hasMessageContaining("CPU, XNNPACK, CUDA");
    }

    @Test
    void acceptsOnnxRuntimeSpellings() {
        assertThat(Provider.parse("XnnpackExecutionProvider")).isEqualTo(Provider.XNNPACK);
        assertThat(Provider.parse("CPUExecutionProvider")).isEqualTo(Provider.CPU);
        assertThat(Provider.parse("TENSOR_RT")).isEqualTo(Provider.TENSORRT);
        assertThat(Provider.parse("open_vino")).isEqualTo(Provider.OPENVINO);
    }

    @Test
    void aProviderMethodThisJavaApiLacksIsRefusedInOneLine() throws Exception {
        try (SessionOptions options = new SessionOptions()) {
            assertThatThrownBy(() -> Provider.attachByName(options, "addNoSuchProvider"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("this jar's ONNX Runtime Java API (")
                    .hasMessageContaining("has no SessionOptions.addNoSuchProvider; build the jar against a newer one")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void aProviderAttachedByNameReachesTheNativeLibrary() throws Exception {
        // This jar's ONNX Runtime is a CPU build: the call by name arrives and the library answers for itself.
        try (SessionOptions options = new SessionOptions()) {
            assertThatThrownBy(() -> Provider.attachByName(options, "addWebGPU")).isInstanceOf(OrtException.class);
        }
    }
}
