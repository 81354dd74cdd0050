package org.edgebench.launch.jmh;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class PrefixedLinesTest {

    @Test
    void linesOfTwoWritersStayWholeEachAfterItsPrefix() throws Exception {
        ByteArrayOutputStream shared = new ByteArrayOutputStream();
        PrintStream target = new PrintStream(shared, true, StandardCharsets.UTF_8);
        PrintStream a = new PrintStream(new PrefixedLines(target, "[1] "), true, StandardCharsets.UTF_8);
        PrintStream b = new PrintStream(new PrefixedLines(target, "[2] "), true, StandardCharsets.UTF_8);

        a.print("Iteration   1: ");
        b.print("Iteration   1: ");
        b.println("0.500 ms/op");
        a.print("0.400");
        a.flush();
        assertThat(shared.toString(StandardCharsets.UTF_8)).isEqualTo("[2] Iteration   1: 0.500 ms/op\n");
        a.println(" ms/op");
        a.print("no line break");
        a.close();

        assertThat(shared.toString(StandardCharsets.UTF_8)).isEqualTo(
                "[2] Iteration   1: 0.500 ms/op\n[1] Iteration   1: 0.400 ms/op\n[1] no line break\n");
    }
}
