package org.edgebench.runtime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** ONNX Runtime's own error texts, as JMH prints a fork's exception and as ONNX Runtime logs them. */
class OperatorFailureTest {

    @Test
    void readsOperatorNodeAndMessageFromAForksException() {
        String jmhOutput = """
                <failure>

                ai.onnxruntime.OrtException: Error code - ORT_INVALID_ARGUMENT - message: Non-zero status code returned \
                while running Gather node. Name:'/Gather' Status Message: indices element out of data bounds, idx=53 \
                must be within the inclusive range [-3,2]
                \tat ai.onnxruntime.OrtSession.run(Native Method)
                \tat ai.onnxruntime.OrtSession.run(OrtSession.java:395)
                """;
        OperatorFailure failure = OperatorFailure.find(jmhOutput).orElseThrow();
        assertThat(failure).isEqualTo(new OperatorFailure("Gather", "/Gather",
                "indices element out of data bounds, idx=53 must be within the inclusive range [-3,2]"));
        assertThat(failure.describe()).isEqualTo("a Gather node ('/Gather'): indices element out of data bounds, idx=53"
                + " must be within the inclusive range [-3,2]");
    }

    @Test
    void dropsTheSourceLocationAndTheCxxFunctionOfAnAssertion() {
        String unsqueeze = "Non-zero status code returned while running Unsqueeze node. Name:'' Status Message: "
                + "/onnxruntime_src/onnxruntime/core/providers/common.h:31 int64_t onnxruntime::HandleNegativeAxis(int64_t,"
                + " int64_t) IsAxisInRange(axis, tensor_rank) was false. axis 53 is not in valid range [-6,5]\n";
        assertThat(OperatorFailure.find(unsqueeze).orElseThrow().describe()).isEqualTo(
                "an Unsqueeze node: IsAxisInRange(axis, tensor_rank) was false. axis 53 is not in valid range [-6,5]");
        String gatherElements = "Non-zero status code returned while running GatherElements node. Name:'ge' Status Message:"
                + " /onnxruntime_src/onnxruntime/core/providers/cpu/tensor/gather_elements.cc:150 void onnxruntime::core_impl("
                + "const Tensor*, const Tensor*, Tensor*, int64_t, concurrency::ThreadPool*) [with Tin = long int; int64_t ="
                + " long int] GatherElements op: Out of range value in index tensor";
        assertThat(OperatorFailure.find(gatherElements).orElseThrow().message())
                .isEqualTo("GatherElements op: Out of range value in index tensor");
    }

    @Test
    void joinsAMessageOfSeveralLinesAndStripsTheLogsColours() {
        String log = "\u001B[1;31m2026-12-01 23:23:23.427 [E:onnxruntime:, sequential_executor.cc:671 ExecuteKernel]"
                + " Non-zero status code returned while running Resize node. Name:'' Status Message: upsamplebase.h:553"
                + " ScalesValidation 'Linear' mode only supports:\n  * 2-D inputs or\n  * 3-D inputs\u001B[m\n\nnext";
        assertThat(OperatorFailure.find(log).orElseThrow().message())
                .isEqualTo("ScalesValidation 'Linear' mode only supports: * 2-D inputs or * 3-D inputs");
    }

    @Test
    void otherErrorsAreNoOperatorFailure() {
        assertThat(OperatorFailure.find("ai.onnxruntime.OrtException: Error code - ORT_NOT_IMPLEMENTED - message:"
                + " Could not find an implementation for BitShift(11) node with name ''")).isEmpty();
        assertThat(OperatorFailure.find("java.lang.IllegalStateException: XNNPACK: not in this ONNX Runtime build")).isEmpty();
        assertThat(OperatorFailure.find(null)).isEmpty();
    }

    @Test
    void aVeryLongMessageIsCut() {
        String text = "Non-zero status code returned while running Add node. Name:'a' Status Message: " + "x ".repeat(300);
        assertThat(OperatorFailure.find(text).orElseThrow().message()).hasSizeLessThanOrEqualTo(240).endsWith("...");
    }
}
