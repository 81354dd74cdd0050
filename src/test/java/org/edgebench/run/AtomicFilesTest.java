package org.edgebench.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AtomicFilesTest {

    @TempDir
    Path dir;

    /** A file created plainly gets the umask's permissions; a run's files must get the same, whatever the umask. */
    private Set<PosixFilePermission> plainFilePermissions() throws IOException {
        return Files.getPosixFilePermissions(Files.writeString(dir.resolve("plain.txt"), "x"));
    }

    @Test
    void aFileWrittenInOneStepHasTheUmasksPermissions() throws IOException {
        Path target = dir.resolve("env.json");

        AtomicFiles.writeAtomically(target, out -> out.write("{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(plainFilePermissions());
        assertThat(target).hasContent("{}");
        assertThat(dir.toFile().list()).containsExactlyInAnyOrder("env.json", "plain.txt");
    }

    @Test
    void replacingAFileKeepsTheUmasksPermissions() throws IOException {
        Path target = dir.resolve("jmh.json");
        AtomicFiles.writeAtomically(target, out -> out.write('1'));

        AtomicFiles.writeAtomically(target, out -> out.write('2'));

        assertThat(target).hasContent("2");
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(plainFilePermissions());
    }

    @Test
    void stagedFilesAndTheirFoldersHaveTheUmasksPermissions() throws IOException {
        Path out = dir.resolve("run");
        try (AtomicFiles files = AtomicFiles.in(out)) {
            files.writeText("summary.txt", w -> w.write("s"));
            files.write("charts/a.png", o -> o.write(1));
            files.commit();
        }

        assertThat(Files.getPosixFilePermissions(out.resolve("summary.txt"))).isEqualTo(plainFilePermissions());
        assertThat(Files.getPosixFilePermissions(out.resolve("charts/a.png"))).isEqualTo(plainFilePermissions());
        Path plainDir = Files.createDirectory(dir.resolve("plain"));
        assertThat(Files.getPosixFilePermissions(out.resolve("charts"))).isEqualTo(Files.getPosixFilePermissions(plainDir));
        assertThat(out.toFile().list()).containsExactlyInAnyOrder("summary.txt", "charts");
    }
}
