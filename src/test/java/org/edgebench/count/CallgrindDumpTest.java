package org.edgebench.count;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The callgrind output parser, on dumps recorded by {@code count} on the development machine
 * (valgrind 3.19.0, student batch 1): a phase marker's dump, its body cut after a few functions, and
 * the dump callgrind writes when the program ends.
 */
class CallgrindDumpTest {

    private static final Path RECORDED = Paths.get("src/test/resources/callgrind");

    @TempDir
    Path dir;

    @Test
    void markerDumpGivesItsPartTriggerAndTotal() throws IOException {
        CallgrindDump dump = CallgrindDump.read(RECORDED.resolve(MARKER));
        assertThat(dump.part()).isEqualTo(MARKER_PART);
        assertThat(dump.trigger()).isEqualTo("--dump-before=" + CountMain.MARKER_FUNCTION);
        assertThat(dump.instructions()).isEqualTo(MARKER_TOTAL);
    }

    @Test
    void programEndDumpCountsNothingOutsideTheCollectedFunction() throws IOException {
        CallgrindDump dump = CallgrindDump.read(RECORDED.resolve(END));
        assertThat(dump.trigger()).isEqualTo("Program termination");
        assertThat(dump.instructions()).isZero();
        assertThat(dump.part()).isGreaterThan(MARKER_PART);
    }

    @Test
    void readAllOrdersByPartAndIgnoresOtherFiles() throws IOException {
        Files.copy(RECORDED.resolve(END), dir.resolve(END));
        Files.copy(RECORDED.resolve(MARKER), dir.resolve(MARKER));
        Files.writeString(dir.resolve("plan.txt"), "warmup=1\n");
        Files.writeString(dir.resolve("valgrind.log"), "==1== Callgrind\n");
        List<CallgrindDump> dumps = CallgrindDump.readAll(dir);
        assertThat(dumps).extracting(CallgrindDump::instructions).containsExactly(MARKER_TOTAL, 0L);
    }

    @Test
    void summaryStandsInForMissingTotalsAndTheIrColumnIsFound() throws IOException {
        Path file = Files.writeString(dir.resolve("callgrind.out.1"), """
                # callgrind format
                version: 1
                creator: callgrind-3.19.0
                part: 2
                events: Dr Ir
                summary: 7 1234
                """);
        assertThat(CallgrindDump.read(file)).isEqualTo(new CallgrindDump(2, "", 1234));
        Path zeroIr = Files.writeString(dir.resolve("callgrind.out.2"), """
                # callgrind format
                events: Dr Ir
                totals: 7
                """);
        assertThat(CallgrindDump.read(zeroIr).instructions()).as("callgrind leaves trailing zero counts out").isZero();
    }

    @Test
    void cutShortOrForeignFilesAreRefused() throws IOException {
        Path header = Files.writeString(dir.resolve("callgrind.out.3"), "# callgrind format\nevents: Ir\npart: 1\n");
        assertThatThrownBy(() -> CallgrindDump.read(header)).isInstanceOf(IOException.class).hasMessageContaining("cut short");
        Path foreign = Files.writeString(dir.resolve("callgrind.out.4"), "events: Ir\ntotals: 5\n");
        assertThatThrownBy(() -> CallgrindDump.read(foreign)).isInstanceOf(IOException.class)
                .hasMessageContaining("is not callgrind output");
        Path noIr = Files.writeString(dir.resolve("callgrind.out.5"), "# callgrind format\nevents: Dr\ntotals: 5\n");
        assertThatThrownBy(() -> CallgrindDump.read(noIr)).isInstanceOf(IOException.class).hasMessageContaining("Ir");
        Path badCount = Files.writeString(dir.resolve("callgrind.out.6"), "# callgrind format\nevents: Ir\ntotals: many\n");
        assertThatThrownBy(() -> CallgrindDump.read(badCount)).isInstanceOf(IOException.class).hasMessageContaining("many");
    }

    private static final String MARKER = "callgrind.out.25278.2";
    private static final int MARKER_PART = 2;
    private static final long MARKER_TOTAL = 8571391L;
    private static final String END = "callgrind.out.25278";
}
