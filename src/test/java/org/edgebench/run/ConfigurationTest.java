package org.edgebench.run;

import org.edgebench.report.Fixtures;
import org.edgebench.results.JmhJson;
import org.edgebench.results.JmhResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigurationTest {

    private static final String ORT = "org.edgebench.bench.OrtSessionRunBenchmark.run";

    @TempDir
    Path dir;

    private static Map<String, String> params(String... nameValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            params.put(nameValues[i], nameValues[i + 1]);
        }
        return params;
    }

    @Test
    void keyOfARecordedResultNamesBenchmarkModeAndSortedParameters() {
        JmhResult first = JmhJson.read(Fixtures.copy(Fixtures.SAMPLE, dir, "s.json")).get(0);
        assertThat(first.configuration().key()).hasToString(
                "fixture.SimulatedInferenceBenchmark.run [sample] batchSize=1,intraOpThreads=0,model=student,provider=CPU");
    }

    @Test
    void parameterOrderDoesNotMatterButModeAndCallersDo() {
        Configuration a = new Configuration(ORT, "sample", 1, params("model", "student", "batchSize", "8"));
        Configuration b = new Configuration(ORT, "sample", 1, params("batchSize", "8", "model", "student"));
        assertThat(a.key()).isEqualTo(b.key());
        assertThat(a.key()).isNotEqualTo(new Configuration(ORT, "thrpt", 1, a.params()).key());
        Configuration twoCallers = new Configuration(ORT, "sample", 2, a.params());
        assertThat(a.key()).isNotEqualTo(twoCallers.key());
        assertThat(twoCallers.key().toString()).contains("[sample, 2 callers]");
    }

    @Test
    void keyWithoutAParameterPairsConfigurationsThatDifferOnlyInIt() {
        Configuration cpu = new Configuration(ORT, "sample", 1, params("model", "student", "provider", "CPU", "batchSize", "1"));
        Configuration xnnpack = new Configuration(ORT, "sample", 1, params("model", "student", "provider", "XNNPACK", "batchSize", "1"));
        Configuration otherBatch = new Configuration(ORT, "sample", 1, params("model", "student", "provider", "XNNPACK", "batchSize", "8"));
        assertThat(cpu.key()).isNotEqualTo(xnnpack.key());
        assertThat(cpu.key().without(Configuration.PROVIDER)).isEqualTo(xnnpack.key().without(Configuration.PROVIDER));
        assertThat(cpu.key().without(Configuration.PROVIDER)).isNotEqualTo(otherBatch.key().without(Configuration.PROVIDER));
        assertThat(xnnpack.key().with(Configuration.PROVIDER, "CPU")).isEqualTo(cpu.key());
    }

    @Test
    void anyBenchmarkAndInModeMatchTheSameSettingsElsewhere() {
        Configuration djl = new Configuration("org.edgebench.bench.DjlPredictorBenchmark.predict", "sample", 1, params("model", "student"));
        Configuration ort = new Configuration(ORT, "sample", 1, params("model", "student"));
        Configuration cold = new Configuration("org.edgebench.bench.SessionColdStartBenchmark.coldStart", "ss", 1, params("model", "student"));
        assertThat(djl.key().anyBenchmark()).isEqualTo(ort.key().anyBenchmark());
        assertThat(cold.key().anyBenchmark().inMode("sample")).isEqualTo(ort.key().anyBenchmark());
    }

    @Test
    void labelsAreShortAndQualifiedOnRequest() {
        Configuration c = new Configuration(ORT, "sample", 1,
                params("batchSize", "8", "dims", "", "intraOpThreads", "0", "model", "student", "provider", "CPU"));
        assertThat(c.label()).isEqualTo("student CPU b8 t0");
        assertThat(c.label(true)).isEqualTo("OrtSessionRunBenchmark.run sample student CPU b8 t0");
        assertThat(Configuration.planned(ORT, 1, c.params()).label(true)).isEqualTo("OrtSessionRunBenchmark.run student CPU b8 t0");
        assertThat(c.fileLabel(false)).isEqualTo("student_CPU_b8_t0");
        assertThat(c.otherParams()).isEmpty();
        Configuration withDims = new Configuration(ORT, "sample", 1, params("model", "m", "dims", "sequence_length=128"));
        assertThat(withDims.label()).isEqualTo("m dims=sequence_length=128");
        assertThat(withDims.fileLabel(false)).isEqualTo("m_dims-sequence_length-128");
    }

    @Test
    void inputsFromFilesShowInLabelsAndKeysButSynthesizedOnesDoNot() {
        Map<String, String> old = params("batchSize", "1", "dims", "", "intraOpThreads", "1", "model", "student", "provider", "CPU");
        Map<String, String> synthesized = new LinkedHashMap<>(old);
        synthesized.put("inputs", "");
        Map<String, String> auto = new LinkedHashMap<>(old);
        auto.put("inputs", "auto");
        Configuration before = new Configuration(ORT, "sample", 1, old);
        Configuration now = new Configuration(ORT, "sample", 1, synthesized);
        Configuration real = new Configuration(ORT, "sample", 1, auto);
        assertThat(now.label()).isEqualTo("student CPU b1 t1");
        assertThat(now.otherParamsText()).isEmpty();
        assertThat(now.key()).as("a run from before the parameter existed still matches").isEqualTo(before.key());
        assertThat(real.label()).isEqualTo("student CPU b1 t1 inputs=auto");
        assertThat(real.fileLabel(false)).isEqualTo("student_CPU_b1_t1_inputs-auto");
        assertThat(real.otherParamsText()).isEqualTo("inputs=auto");
        assertThat(real.key()).isNotEqualTo(now.key());
    }

    @Test
    void moreThanOneCallerShowsInTheLabelAfterTheIntraOpThreads() {
        Map<String, String> student = params("batchSize", "1", "intraOpThreads", "1", "model", "student", "provider", "CPU");
        Configuration two = new Configuration(ORT, "sample", 2, student);
        assertThat(two.label()).isEqualTo("student CPU b1 t1 c2");
        assertThat(two.label(true)).isEqualTo("OrtSessionRunBenchmark.run sample student CPU b1 t1 c2");
        assertThat(two.fileLabel(false)).isEqualTo("student_CPU_b1_t1_c2");
        assertThat(new Configuration(ORT, "sample", 1, student).label()).isEqualTo("student CPU b1 t1");
        Configuration withDims = new Configuration(ORT, "sample", 4, params("model", "m", "dims", "sequence_length=128"));
        assertThat(withDims.label()).isEqualTo("m c4 dims=sequence_length=128");
    }

    @Test
    void anotherSuitesBenchmarkIsLabelledByItsOwnParameters() {
        Configuration foreign = new Configuration("fixture.ForeignSortBenchmark.sort", "thrpt", 2, params("size", "100", "order", "random"));
        assertThat(foreign.label()).isEqualTo("c2 size=100 order=random");
        assertThat(foreign.itemsPerOp()).isEqualTo(1);
        assertThat(new Configuration(ORT, "sample", 1, Map.of()).label()).isEqualTo("OrtSessionRunBenchmark.run");
        assertThat(Configuration.SUITE_PARAMS).containsExactly("model", "batchSize", "provider", "intraOpThreads", "dims", "inputs");
        assertThat(List.copyOf(foreign.params().keySet())).containsExactly("size", "order");
    }
}
