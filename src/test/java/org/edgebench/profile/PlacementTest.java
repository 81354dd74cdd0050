package org.edgebench.profile;

import org.edgebench.model.ModelCatalog;
import org.edgebench.report.csv.PlacementCsv;
import org.edgebench.runtime.Provider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PlacementTest {

    @TempDir
    Path dir;

    @Test
    void eachNodeOfTheRecordedTraceIsCountedOnceUnderItsProvider() throws Exception {
        OrtTrace trace = OrtTrace.parse(new java.io.ByteArrayInputStream(TraceFixtures.recorded().getBytes(StandardCharsets.UTF_8)), "recorded");
        // Four inferences of 56 nodes: each node once.
        assertThat(trace.kernels()).hasSize(4 * 56);
        Placement placement = Placement.of("student", "CPU", "", trace, null);
        assertThat(placement.nodes()).isEqualTo(Map.of("CPU", 56));
        assertThat(placement.fullyDelegated()).isTrue();
        assertThat(placement.line()).isEqualTo("student/CPU: all 56 nodes on CPU");
    }

    @Test
    void aProviderThatLeftNodesToCpuSaysWhichAndIsNotFullyDelegated() {
        Placement placement = new Placement("student", "XNNPACK", "", Map.of("XNNPACK", 53, "CPU", 14),
                Map.of("Transpose", 2, "Add", 12), 3.1e-6, "");
        assertThat(placement.fullyDelegated()).isFalse();
        assertThat(placement.line()).isEqualTo("student/XNNPACK: 53 of 67 nodes on XNNPACK; on CPU: Add (12), Transpose (2);"
                + " outputs vs CPU: max |diff| 3.1e-06");
        Placement all = new Placement("student", "XNNPACK", "", Map.of("XNNPACK", 67), Map.of(), 0.0, "");
        assertThat(all.fullyDelegated()).isTrue();
        assertThat(all.line()).contains("67 of 67 nodes on XNNPACK; none on CPU");
        assertThat(Placement.failed("student", "XNNPACK", "", "not supported").fullyDelegated()).isFalse();
    }

    @Test
    void placementCsvReadsBackWhatItWrote() throws Exception {
        List<Placement> rows = List.of(
                new Placement("student", "XNNPACK", "", Map.of("XNNPACK", 53, "CPU", 14), Map.of("Add", 12, "Transpose", 2), 3.1e-6, ""),
                new Placement("student", "CPU", "", Map.of("CPU", 56), Map.of("Conv", 52, "Gemm", 4), null, ""),
                Placement.failed("student-int8", "DNNL", "", "a reason, with a comma"));
        StringWriter out = new StringWriter();
        PlacementCsv.write(rows, out);
        assertThat(out.toString()).startsWith("model,provider,dims,nodes,nodes_on_cpu,nodes_by_provider,cpu_operators,"
                + "max_abs_diff_vs_cpu,error\nstudent,XNNPACK,,67,14,CPU 14; XNNPACK 53,Add 12; Transpose 2,0.0000031,\n");
        assertThat(PlacementCsv.read(new StringReader(out.toString()))).isEqualTo(rows);
    }

    @Test
    void theStockBuildPlacesTheStudentOnCpuAndHasNoXnnpack() throws Exception {
        ModelCatalog catalog = new ModelCatalog(Path.of(System.getProperty("edgebench.models", "models")));
        Placement cpu = Placement.measure(catalog, "student", Provider.CPU, 1, "", dir);
        assertThat(cpu.error()).isEmpty();
        assertThat(cpu.nodes()).containsOnlyKeys("CPU");
        assertThat(cpu.nodes().get("CPU")).isEqualTo(56);
        assertThat(cpu.cpuOperators()).containsKeys("Conv", "Gemm");

        Placement xnnpack = Placement.measure(catalog, "student", Provider.XNNPACK, 1, "", dir);
        assertThat(xnnpack.isFailure()).isTrue();
        assertThat(xnnpack.line()).startsWith("student/XNNPACK: placement not known (").doesNotContain("\n");
        try (var left = Files.list(dir)) {
            assertThat(left).as("the traces are deleted").isEmpty();
        }
    }
}
