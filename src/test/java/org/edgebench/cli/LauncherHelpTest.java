package org.edgebench.cli;

import org.edgebench.launch.ExitCodes;
import org.edgebench.launch.BenchmarkRun;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code -h} and {@code --help} print our options and then JMH's, the same text for both. */
class LauncherHelpTest {

    @Test
    void bothSpellingsPrintOurOptionsThenJmhs() {
        String shortHelp = help("-h");
        String longHelp = help("--help");

        assertThat(longHelp).isEqualTo(shortHelp);
        assertThat(shortHelp).startsWith(BenchmarkRun.USAGE)
                .contains("[--callers N,N...] [--force]", "[--profile]", "--callers 1,2,4", "intra-op threads (-p intraOpThreads=N)")
                .contains("-wi <int>", "-t <int>");
    }

    private static String help(String option) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(Launcher.run(option)).isEqualTo(ExitCodes.OK);
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
