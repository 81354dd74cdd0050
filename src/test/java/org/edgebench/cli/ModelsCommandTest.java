package org.edgebench.cli;

import org.edgebench.model.generator.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The models command shows where real inputs sit beside a model, in ONNX's test-data layout. */
class ModelsCommandTest {

    @TempDir
    Path dir;

    @Test
    void aModelWithATestDataSetShowsItCanRunOnIt() throws Exception {
        Path model = TestModels.identity(dir.resolve("test_abs"), "model", TestModels.FLOAT, 3, 4);
        Files.createDirectories(dir.resolve("test_abs/test_data_set_0"));
        String output = models(model.toString());
        assertThat(output).contains("model  (" + model + ", ")
                .contains("  input    x float32[3, 4]\n")
                .contains("  data     real inputs: 1 test data set (test_data_set_0), -p inputs=auto\n");
    }

    @Test
    void severalSetsAreCountedAndWithoutTheFirstTheFolderIsNamed() throws Exception {
        Path model = TestModels.identity(dir, "m", TestModels.FLOAT, 3);
        assertThat(ModelsCommand.realInputs(model)).isEmpty();
        Files.createDirectories(dir.resolve("test_data_set_2"));
        Files.createDirectories(dir.resolve("test_data_set_1"));
        assertThat(ModelsCommand.realInputs(model)).contains("real inputs: 2 test data sets (test_data_set_1, test_data_set_2), -p inputs="
                + dir.toAbsolutePath().resolve("test_data_set_1"));
        Files.createDirectories(dir.resolve("test_data_set_0"));
        assertThat(ModelsCommand.realInputs(model)).contains(
                "real inputs: 3 test data sets (test_data_set_0, test_data_set_1, test_data_set_2), -p inputs=auto");
    }

    private static String models(String... names) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            String[] args = new String[names.length + 1];
            args[0] = "models";
            System.arraycopy(names, 0, args, 1, names.length);
            assertThat(Launcher.run(args)).isZero();
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
