package org.edgebench.cli;

import org.edgebench.launch.BenchmarkRun;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/cli.md is the program's own usage text: the launcher's for a run, picocli's for each
 * subcommand. The test renders it again and fails when the committed file differs; with
 * {@code -Dedgebench.regenerateGolden=true} it rewrites the file instead (docs/contributing.md).
 */
@Tag("golden")
class CliReferenceTest {

    private static final Path FILE = Path.of("docs", "cli.md");
    private static final String REWRITE = "mvn -o test -Dtest=CliReferenceTest -Dedgebench.regenerateGolden=true";
    /** As wide as the launcher's own text, and fixed, so that a terminal's width never changes the file. */
    private static final int WIDTH = 120;

    @Test
    void docsCliMdIsTheProgramsUsageText() throws IOException {
        String expected = render();
        if (Boolean.getBoolean("edgebench.regenerateGolden")) {
            if (!Files.isRegularFile(FILE) || !Files.readString(FILE, StandardCharsets.UTF_8).equals(expected)) {
                Files.writeString(FILE, expected, StandardCharsets.UTF_8);
                System.out.println("golden file rewritten: " + FILE.toAbsolutePath());
            }
            return;
        }
        assertThat(Files.readString(FILE, StandardCharsets.UTF_8))
                .as("docs/cli.md differs from the program's usage text; rewrite it with: " + REWRITE)
                .isEqualTo(expected);
    }

    static String render() {
        Map<String, Object> subcommands = new LinkedHashMap<>();
        subcommands.put("report", new ReportCommand());
        subcommands.put("compare", new CompareCommand());
        subcommands.put("turns", new TurnsCommand());
        subcommands.put("count", new CountCommand());
        subcommands.put("env", new EnvCommand());
        subcommands.put("models", new ModelsCommand());
        subcommands.put("calibrate", new CalibrateCommand());
        subcommands.put("capabilities", new CapabilitiesCommand());

        StringBuilder md = new StringBuilder();
        md.append("# Command-line reference\n\n")
                .append("The program's own usage text: `java -jar target/benchmarks.jar -h` for a run, and `-h` of each\n")
                .append("subcommand. Generated, not edited by hand: `CliReferenceTest` fails when this file differs\n")
                .append("from the program's text, and [rewrites it](contributing.md#golden-files) on request.\n")
                .append("How to use the commands: [running.md](running.md) and [compare.md](compare.md).\n\n")
                .append("Subcommands: ");
        md.append(String.join(", ", subcommands.keySet().stream().map(n -> "[`" + n + "`](#" + n + ")").toList()))
                .append(".\n\n");
        md.append("## run\n\nThe default command, a benchmark run; JMH's own options follow in the real `-h`.\n\n")
                .append(block(BenchmarkRun.USAGE));
        subcommands.forEach((name, command) -> {
            CommandLine cli = new CommandLine(command).setUsageHelpWidth(WIDTH);
            md.append("\n## ").append(name).append("\n\n").append(block(cli.getUsageMessage(CommandLine.Help.Ansi.OFF)));
        });
        return md.toString();
    }

    private static String block(String text) {
        return "```text\n" + text.stripTrailing() + "\n```\n";
    }
}
