package org.edgebench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The summary's "Node placement" section, on a real run of Debian 13's ONNX Runtime with XNNPACK
 * ({@code compare/debian-xnnpack}, recorded by scripts/system-ort.sh with its placement.csv).
 */
class PlacementReportTest {

    @TempDir
    Path dir;

    @Test
    void theRecordedPlacementIsStatedInTheSummary() throws IOException {
        Path run = copy("jmh.json", "env.json", "placement.csv");

        Report.write(run, null, 100);

        assertThat(Files.readString(run.resolve("summary.txt"))).contains("== Node placement ==\n"
                + "student/XNNPACK: 53 of 67 nodes on XNNPACK; on CPU: Add (10), Flatten (1), GlobalAveragePool (1),"
                + " Transpose (2); outputs vs CPU: max |diff| 9.5e-07\n");
        assertThat(Files.readString(run.resolve("summary.md"))).contains("## Node placement");
        assertThat(Files.readString(run.resolve("index.html"))).contains("placement.csv");
    }

    @Test
    void withoutPlacementCsvThereIsNoSectionAndAnUnreadableOneSaysWhy() throws IOException {
        Path run = copy("jmh.json", "env.json");
        Report.write(run, null, 100);
        assertThat(Files.readString(run.resolve("summary.txt"))).doesNotContain("Node placement");

        Files.writeString(run.resolve("placement.csv"), "model,provider\nstudent,XNNPACK\n");
        Report.write(run, null, 100);
        assertThat(Files.readString(run.resolve("summary.txt"))).contains("== Node placement ==\nplacement.csv is unreadable (no column dims,");
    }

    private Path copy(String... files) throws IOException {
        for (String file : List.of(files)) {
            try (InputStream in = PlacementReportTest.class.getResourceAsStream("/compare/debian-xnnpack/" + file)) {
                Files.copy(in, dir.resolve(file));
            }
        }
        return dir;
    }
}
