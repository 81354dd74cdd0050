package org.edgebench.it;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every file and folder of a run gets the permissions the umask gives: with 022 a CI artifact step,
 * a web server or a colleague can read the whole run, jmh.json and env.json included; with 077 no one
 * else can read any of it.
 */
class RunPermissionsIT {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"022", "077"})
    void everyFileOfARunHasTheUmasksPermissions(String umask) throws Exception {
        Path runDir = dir.resolve("run");
        JarProcess jar = JarProcess.startUnderUmask(umask, dir.resolve("log.txt"), "-f", "1", "-wi", "0", "-i", "1",
                "-r", "200ms", "-p", "batchSize=1", "-p", "provider=CPU", "-p", "model=student", "OrtSessionRunBenchmark",
                "--out", runDir.toString());
        int exit = jar.waitFor();
        assertThat(exit).as("output:%n%s", jar.output()).isZero();

        int mask = Integer.parseInt(umask, 8);
        String filePermissions = permissions(0666 & ~mask);
        String folderPermissions = permissions(0777 & ~mask);
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(runDir)) {
            for (Path p : paths.toList()) {
                String expected = Files.isDirectory(p) ? folderPermissions : filePermissions;
                String actual = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                if (!actual.equals(expected)) {
                    wrong.add(runDir.relativize(p) + " " + actual);
                }
            }
        }
        assertThat(runDir.resolve("jmh.json")).isNotEmptyFile();
        assertThat(runDir.resolve("env.json")).isNotEmptyFile();
        assertThat(runDir.resolve("latency.csv")).isNotEmptyFile();
        assertThat(wrong).as("files and folders without the umask %s's permissions (files %s, folders %s)",
                umask, filePermissions, folderPermissions).isEmpty();
    }

    private static String permissions(int mode) {
        StringBuilder s = new StringBuilder();
        for (int shift = 6; shift >= 0; shift -= 3) {
            int bits = mode >> shift;
            s.append((bits & 4) != 0 ? 'r' : '-').append((bits & 2) != 0 ? 'w' : '-').append((bits & 1) != 0 ? 'x' : '-');
        }
        return s.toString();
    }
}
