package org.edgebench.cli;

import org.edgebench.model.ModelCatalog;
import org.edgebench.model.inputs.NpyFiles;
import org.edgebench.model.generator.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Every bad input stops before JMH starts, with exit code 2 and one line on stderr. */
class LauncherBadInputTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final BadInputCapture launcher = new BadInputCapture();

    private String failsWithOneLine(String... args) {
        return launcher.failsWithOneLine(args);
    }

    @Test
    void unknownModelNameListsTheKnownModels() {
        assertThat(failsWithOneLine("-p", "model=nope"))
                .contains("unknown model 'nope'").contains("known models:").contains("student");
    }

    @Test
    void missingModelFile() {
        assertThat(failsWithOneLine("-p", "model=" + dir.resolve("missing.onnx")))
                .contains("missing.onnx not found");
    }

    @Test
    void truncatedModelFile() throws Exception {
        byte[] student = Files.readAllBytes(ModelCatalog.standard().resolve("student"));
        Path truncated = Files.write(dir.resolve("truncated.onnx"), Arrays.copyOf(student, student.length / 3));
        assertThat(failsWithOneLine("-p", "model=" + truncated))
                .contains("truncated.onnx is not a model ONNX Runtime can load");
    }

    @Test
    void textFileInsteadOfAModel() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.onnx"), "this is not a model\n");
        assertThat(failsWithOneLine("-p", "model=" + text)).contains("notes.onnx is not a model ONNX Runtime can load");
    }

    @Test
    void batchSizeZeroOrNotANumber() {
        assertThat(failsWithOneLine("-p", "batchSize=0")).contains("batchSize must be >= 1, was 0");
        assertThat(failsWithOneLine("-p", "batchSize=abc")).contains("batchSize must be a whole number");
    }

    @Test
    void aBatchWhoseTensorsCannotFitInMemoryIsRefusedWithTheSizeItNeeds() {
        assertThat(failsWithOneLine("-p", "batchSize=1,1000000", "-p", "provider=CPU"))
                .contains("student at batchSize=1000000 needs 45.8 GiB for its input and output tensors alone")
                .contains("use a smaller batchSize");
    }

    @Test
    void everyCallersTensorsCountAgainstMemory() {
        assertThat(failsWithOneLine("-p", "batchSize=1000000", "-p", "provider=CPU", "--callers", "1,2"))
                .contains("student at batchSize=1000000 with 2 callers needs 91.6 GiB for their input and output tensors"
                        + " alone (each caller holds its own)")
                .contains("use a smaller batchSize or fewer callers");
    }

    @Test
    void callerCountsThatMakeNoSense() {
        assertThat(failsWithOneLine("--callers", "0")).contains("a caller count is 1 or more", "was 0");
        assertThat(failsWithOneLine("--callers", "1,-2")).contains("a caller count is 1 or more", "was -2");
        assertThat(failsWithOneLine("--callers=two")).contains("--callers takes caller counts joined by commas", "'two'");
        assertThat(failsWithOneLine("--callers", "1,")).contains("--callers takes caller counts joined by commas");
        assertThat(failsWithOneLine("--callers")).contains("--callers needs a value");
        int tooMany = 4 * Runtime.getRuntime().availableProcessors() + 1;
        assertThat(failsWithOneLine("--callers", "1," + tooMany))
                .contains("--callers " + tooMany + " is more than 4x the " + Runtime.getRuntime().availableProcessors() + " cores")
                .contains("add --force");
        assertThat(failsWithOneLine("-t", Integer.toString(tooMany))).contains("-t " + tooMany + " is more than 4x");
    }

    @Test
    void callersAndThreadsTogetherAreOneOptionTooMany() {
        assertThat(failsWithOneLine("--callers", "1,2", "-t", "2"))
                .contains("--callers and -t both set the callers").contains("not both");
    }

    @Test
    void coldStartAndWarmupCurveRefuseMoreThanOneCaller() {
        assertThat(failsWithOneLine("SessionColdStartBenchmark", "-t", "2", "-p", "batchSize=1", "-p", "provider=CPU"))
                .contains("SessionColdStartBenchmark runs with one caller only, not 2: it times the first session of a fresh JVM")
                .contains("run it without -t and --callers");
        assertThat(failsWithOneLine("WarmupCurveBenchmark", "--callers", "1,2", "-p", "batchSize=1", "-p", "provider=CPU"))
                .contains("WarmupCurveBenchmark runs with one caller only, not 2");
    }

    @Test
    void zeroForksIsRefused() {
        assertThat(failsWithOneLine("-f", "0")).contains("use -f 1 or more");
    }

    @Test
    void unresolvedSymbolicDimensionsAreNamed() throws Exception {
        Path model = TestModels.twoInputs(dir, "text");
        assertThat(failsWithOneLine("-p", "model=" + model, "-p", "batchSize=1"))
                .contains("'sequence_length'").contains("-p dims=");
    }

    @Test
    void anUnnamedDimensionIsNamedByItsPosition() throws Exception {
        Path model = TestModels.identity(dir, "vad", TestModels.FLOAT, "", "");
        assertThat(failsWithOneLine("-p", "model=" + model, "-p", "batchSize=1"))
                .contains("x[1] (unnamed)").contains("e.g. -p dims=x[1]=VALUE");
        assertThat(failsWithOneLine("-p", "model=" + model, "-p", "dims=x[one]=512"))
                .contains("a dimension by position is input[index]=value");
    }

    @Test
    void inputTypeTheJavaApiCannotCreate() throws Exception {
        Path model = TestModels.identity(dir, "unsigned", TestModels.UINT32, "batch_size", 4);
        assertThat(failsWithOneLine("-p", "model=" + model, "-p", "batchSize=1"))
                .contains("input 'x' is uint32, which ONNX Runtime's Java API cannot create");
    }

    @Test
    void inputsFolderThatDoesNotExist() {
        assertThat(failsWithOneLine("-p", "inputs=" + dir.resolve("nowhere"), "-p", "provider=CPU"))
                .contains("-p inputs=").contains("no folder").contains("nowhere");
    }

    @Test
    void inputsAutoForAModelWithoutTestData() {
        assertThat(failsWithOneLine("-p", "inputs=auto", "-p", "provider=CPU"))
                .contains("-p inputs=auto").contains("has no test_data_set_0");
    }

    @Test
    void inputsFolderWithoutAFileForEveryInput() throws Exception {
        Path model = TestModels.twoInputs(dir, "two");
        Path inputs = Files.createDirectories(dir.resolve("two_inputs"));
        Files.write(inputs.resolve("pixels.npy"), NpyFiles.npy("<f4", new long[] {1, 3, 4, 4}, new byte[192]));
        assertThat(failsWithOneLine("-p", "model=" + model, "-p", "inputs=" + inputs, "-p", "provider=CPU", "-p", "batchSize=1"))
                .contains("has no ids.npy for input 'ids'");
    }

    @Test
    void inputFileOfTheWrongShape() throws Exception {
        Path model = TestModels.identity(dir, "images", TestModels.FLOAT, "batch", 3, 4, 4);
        Path inputs = Files.createDirectories(dir.resolve("wrong_shape"));
        Files.write(inputs.resolve("x.npy"), NpyFiles.npy("<f4", new long[] {1, 3, 5, 5}, new byte[300]));
        assertThat(failsWithOneLine("-p", "model=" + model, "-p", "inputs=" + inputs, "-p", "provider=CPU", "-p", "batchSize=1"))
                .contains("input 'x' expects float32[batch, 3, 4, 4]").contains("holds float32[1, 3, 5, 5]");
    }

    @Test
    void unknownProviderListsTheValidNames() {
        assertThat(failsWithOneLine("-p", "provider=GPU")).contains("unknown provider 'GPU'").contains("XNNPACK");
    }

    @Test
    void onlyUnavailableProvidersLeavesNothingToRun() {
        assertThat(failsWithOneLine("-p", "provider=XNNPACK", "-p", "batchSize=1"))
                .contains("no provider left to run")
                .contains("XNNPACK: not in this ONNX Runtime build (available: CPU)")
                .contains("-Donnxruntime.native.path");
    }

    @Test
    void outFolderThatCannotBeWritten() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertThat(failsWithOneLine("-p", "batchSize=1", "-p", "provider=CPU", "--out", file.resolve("run").toString()))
                .contains("cannot write to").contains("--out");
    }

    @Test
    void unknownSuiteAndBadJmhOption() {
        assertThat(failsWithOneLine("--suite", "nightly")).contains("unknown suite 'nightly'").contains("quick, default, ci, full");
        assertThat(failsWithOneLine("-f", "many")).contains("bad JMH option");
    }

    @Test
    void profileWithoutTheBenchmarkItProfilesIsRefusedBeforeAnyFolderIsMade() {
        Path run = dir.resolve("run");
        assertThat(failsWithOneLine("--profile", "DjlPredictorBenchmark", "-p", "batchSize=1", "-p", "provider=CPU",
                "--out", run.toString()))
                .contains("--profile profiles OrtSessionRunBenchmark only, and this run has none of its configurations");
        assertThat(run).doesNotExist();
    }
}
