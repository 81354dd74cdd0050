package org.edgebench.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.edgebench.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The trace reader and the per-operator arithmetic, on a trace ONNX Runtime 1.29.0 wrote for the
 * student model (src/test/resources/profile/README.md) and on small traces written here.
 */
class OperatorProfileTest {

    @TempDir
    Path dir;

    static Path recorded(Path dir) throws IOException {
        return TraceFixtures.writeRecorded(dir.resolve("student_CPU_b1_t1.json"));
    }

    @Test
    void theRecordedTraceHoldsFourRunsOfTheStudentModelsFiftySixNodes() throws IOException {
        OrtTrace trace = OrtTrace.read(recorded(dir));

        assertThat(trace.runs()).hasSize(4);
        assertThat(trace.kernels()).hasSize(4 * 56);
        assertThat(trace.kernels()).extracting(OrtTrace.Kernel::provider).containsOnly("CPUExecutionProvider");
        // ONNX Runtime's optimiser fused the Clip (ReLU6) and Add nodes into the NCHWc convolutions.
        assertThat(trace.kernels()).extracting(OrtTrace.Kernel::opType)
                .containsOnly("Conv", "ReorderOutput", "GlobalAveragePool", "Flatten", "Gemm");
        assertThat(trace.kernels().get(0).node()).isEqualTo("features.0/Clip_output_0_nchwc");
    }

    /** Computed here from the JSON tree, independently of the reader: the last two of four runs count. */
    @Test
    void aShortTraceCountsItsSecondHalfAndDividesEachTypesKernelTimeByTheRuns() throws IOException {
        Path file = recorded(dir);
        JsonNode events = JsonMapper.builder().build().readTree(file.toFile());
        List<JsonNode> runs = new ArrayList<>();
        events.forEach(e -> {
            if (e.path("name").asText().equals("model_run")) {
                runs.add(e);
            }
        });
        long cut = runs.get(2).path("ts").asLong();
        Map<String, Long> us = new HashMap<>();
        Map<String, Set<String>> nodes = new HashMap<>();
        for (JsonNode e : events) {
            if (e.path("cat").asText().equals("Node") && e.path("ts").asLong() >= cut) {
                String type = e.path("args").path("op_name").asText();
                us.merge(type, e.path("dur").asLong(), Long::sum);
                nodes.computeIfAbsent(type, t -> new HashSet<>()).add(e.path("name").asText());
            }
        }

        OperatorProfile profile = OperatorProfile.of(OrtTrace.read(file));

        assertThat(profile.runsInTrace()).isEqualTo(4);
        assertThat(profile.warmupRuns()).isEqualTo(2);
        assertThat(profile.inferences()).isEqualTo(2);
        assertThat(profile.modelRunUs()).isEqualTo((runs.get(2).path("dur").asLong() + runs.get(3).path("dur").asLong()) / 2.0);
        OperatorTime conv = profile.operators().get(0);
        assertThat(conv.opType()).isEqualTo("Conv");
        assertThat(conv.providerName()).isEqualTo("CPU");
        assertThat(conv.nodes()).isEqualTo(52).isEqualTo(nodes.get("Conv").size());
        assertThat(conv.usPerInference()).isEqualTo(us.get("Conv") / 2.0);
        assertThat(conv.usPerNode()).isCloseTo(us.get("Conv") / 2.0 / 52, within(1e-9));
        assertThat(profile.operators()).extracting(OperatorTime::opType).containsExactlyInAnyOrderElementsOf(us.keySet());
        assertThat(profile.operators()).extracting(OperatorTime::usPerInference).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(profile.kernelUs()).isEqualTo(us.values().stream().mapToLong(Long::longValue).sum() / 2.0);
        assertThat(profile.operators().stream().mapToDouble(profile::share).sum()).isCloseTo(1, within(1e-12));
        assertThat(profile.kernelShareOfRun()).isBetween(0.0, 1.0);
    }

    @Test
    void theWarmUpRuleDropsTwentyRunsOrTheFirstHalfOfAShortTrace() {
        assertThat(OperatorProfile.warmupRuns(50)).isEqualTo(20);
        assertThat(OperatorProfile.warmupRuns(41)).isEqualTo(20);
        assertThat(OperatorProfile.warmupRuns(40)).isEqualTo(20);
        assertThat(OperatorProfile.warmupRuns(39)).isEqualTo(19);
        assertThat(OperatorProfile.warmupRuns(3)).isEqualTo(1);
        assertThat(OperatorProfile.warmupRuns(1)).isZero();
    }

    /**
     * Kernels are grouped by provider and type; nodes are counted once however many runs they ran
     * in; a kernel before the first counted run is warm-up, whatever its type.
     */
    @Test
    void kernelsGroupByProviderAndTypeAndOnlyThoseFromTheFirstCountedRunOnCount() throws IOException {
        StringBuilder json = new StringBuilder("[\n");
        json.append(session("session_initialization", 0, 50));
        for (int run = 0; run < 4; run++) {
            long start = 100 + run * 100L;
            json.append(session("model_run", start, 90));
            json.append(node("conv_a", "Conv", "XnnpackExecutionProvider", start + 1, run < 2 ? 1000 : 10));
            json.append(node("conv_b", "Conv", "XnnpackExecutionProvider", start + 20, 20));
            json.append(node("conv_c", "Conv", "CPUExecutionProvider", start + 40, 30));
            json.append(node("gemm", "Gemm", "CPUExecutionProvider", start + 70, 5));
            // Older versions wrote these around each kernel: they are not kernel time.
            json.append(event("Node", "gemm_fence_before", start + 69, 1, "{\"op_name\" : \"Gemm\"}"));
        }
        json.append(session("SequentialExecutor::Execute", 400, 80).replace("},\n", "}\n"));
        json.append("]\n");
        Path file = Files.writeString(dir.resolve("constructed.json"), json);

        OperatorProfile profile = OperatorProfile.of(OrtTrace.read(file));

        assertThat(profile.inferences()).isEqualTo(2);
        assertThat(profile.operators()).containsExactly(
                new OperatorTime("CPUExecutionProvider", "Conv", 1, 30),
                new OperatorTime("XnnpackExecutionProvider", "Conv", 2, 30),
                new OperatorTime("CPUExecutionProvider", "Gemm", 1, 5));
        assertThat(profile.operators().get(1).providerName()).isEqualTo("XNNPACK");
        assertThat(profile.usPerOpType()).containsExactly(Map.entry("Conv", 60.0), Map.entry("Gemm", 5.0));
        assertThat(profile.nodesPerOpType()).containsExactly(Map.entry("Conv", 3), Map.entry("Gemm", 1));
        assertThat(profile.kernelUs()).isEqualTo(65);
        assertThat(profile.modelRunUs()).isEqualTo(90);
    }

    @Test
    void pooledProfilesWeighEachByItsInferences() {
        OperatorProfile a = new OperatorProfile(50, 20, 30, 100, List.of(new OperatorTime("CPUExecutionProvider", "Conv", 52, 90)));
        OperatorProfile b = new OperatorProfile(20, 10, 10, 200, List.of(new OperatorTime("CPUExecutionProvider", "Conv", 52, 190),
                new OperatorTime("CPUExecutionProvider", "Gemm", 1, 8)));

        OperatorProfile pooled = a.pooled(b);

        assertThat(pooled.inferences()).isEqualTo(40);
        assertThat(pooled.modelRunUs()).isEqualTo(125);
        assertThat(pooled.operators()).containsExactly(new OperatorTime("CPUExecutionProvider", "Conv", 52, 115),
                new OperatorTime("CPUExecutionProvider", "Gemm", 1, 2));
    }

    @Test
    void providerNamesReadAsTheSuiteSpellsThem() {
        assertThat(OperatorTime.providerName("CPUExecutionProvider")).isEqualTo("CPU");
        assertThat(OperatorTime.providerName("DnnlExecutionProvider")).isEqualTo("DNNL");
        assertThat(OperatorTime.providerName("TensorrtExecutionProvider")).isEqualTo("TENSORRT");
        assertThat(OperatorTime.providerName("VitisAIExecutionProvider")).isEqualTo("VitisAI");
        assertThat(OperatorTime.providerName("(unknown)")).isEqualTo("(unknown)");
    }

    @Test
    void whatIsNotATraceOfInferencesIsRefusedInOneLineNamingTheFile() throws IOException {
        Path notJson = Files.writeString(dir.resolve("a.json"), "[{\"cat\" : \"Session\", \"name\" :\"model_run\" \"dur\"}]");
        Path object = Files.writeString(dir.resolve("b.json"), "{\"traceEvents\": []}");
        Path noRun = Files.writeString(dir.resolve("c.json"), "[\n" + session("session_initialization", 0, 5).replace(",\n", "\n") + "]");
        Path cut = Files.writeString(dir.resolve("d.json"), "[\n" + session("model_run", 0, 5));

        assertThatThrownBy(() -> OrtTrace.read(notJson)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(notJson + " is not an ONNX Runtime trace: malformed JSON at line 1, column ");
        assertThatThrownBy(() -> OrtTrace.read(object)).isInstanceOf(BadInputException.class)
                .hasMessage(object + " is not an ONNX Runtime trace: expected a JSON array of trace events");
        assertThatThrownBy(() -> OrtTrace.read(noRun)).isInstanceOf(BadInputException.class)
                .hasMessage(noRun + " holds no model_run event: not an ONNX Runtime trace of inferences, or profiling ended"
                        + " before the first one");
        assertThatThrownBy(() -> OrtTrace.read(cut)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(cut + " is not an ONNX Runtime trace: ");
        assertThatThrownBy(() -> OrtTrace.read(dir.resolve("none.json"))).isInstanceOf(BadInputException.class)
                .hasMessage(dir.resolve("none.json") + " not found: no ONNX Runtime trace there");
        for (Path p : List.of(notJson, object, noRun, cut)) {
            assertThatThrownBy(() -> OrtTrace.read(p)).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
        assertThat(Files.readString(notJson, StandardCharsets.UTF_8)).isNotEmpty();
    }

    /** In ONNX Runtime's own layout: one event a line, spaces before the colons. */
    static String session(String name, long ts, long dur) {
        return event("Session", name, ts, dur, "{}");
    }

    static String node(String node, String opType, String provider, long ts, long dur) {
        return event("Node", node + "_kernel_time", ts, dur,
                "{\"op_name\" : \"" + opType + "\",\"provider\" : \"" + provider + "\",\"thread_scheduling_stats\" : \"\"}");
    }

    static String event(String category, String name, long ts, long dur, String args) {
        return "{\"cat\" : \"" + category + "\",\"pid\" :1,\"tid\" :2,\"dur\" :" + dur + ",\"ts\" :" + ts
                + ",\"ph\" : \"X\",\"name\" :\"" + name + "\",\"args\" : " + args + "},\n";
    }
}
