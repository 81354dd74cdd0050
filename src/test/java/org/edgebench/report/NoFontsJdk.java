package org.edgebench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The JDK running the tests, as a slim image's headless JDK is: its font manager library cannot
 * be loaded (there, because libharfbuzz is missing; here, because it is not a library at all), so
 * the first string a chart measures fails with an {@code UnsatisfiedLinkError}. Every other file
 * is a link to the real JDK's; the launcher and libjvm are copies, since the JVM finds its home
 * through their real paths.
 */
public final class NoFontsJdk {

    private NoFontsJdk() {
    }

    /** True where the JDK layout is known (Linux: {@code lib/libfontmanager.so}). */
    public static boolean available() {
        return Files.isRegularFile(home().resolve("lib/libfontmanager.so")) && Files.isRegularFile(home().resolve("lib/server/libjvm.so"));
    }

    /**
     * Builds the JDK in a new temp folder and returns its {@code bin/java}; {@link #remove} deletes
     * it (links only, never what they point to).
     */
    public static Path make() throws IOException {
        Path home = home();
        Path jdk = Files.createTempDirectory("edgebench-jdk-without-fonts-");
        for (Path top : list(home)) {
            if (!top.getFileName().toString().equals("lib") && !top.getFileName().toString().equals("bin")) {
                Files.createSymbolicLink(jdk.resolve(top.getFileName().toString()), top.toAbsolutePath());
            }
        }
        Files.createDirectories(jdk.resolve("bin"));
        Files.copy(home.resolve("bin/java"), jdk.resolve("bin/java"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.createDirectories(jdk.resolve("lib/server"));
        for (Path lib : list(home.resolve("lib"))) {
            String name = lib.getFileName().toString();
            if (!name.equals("server") && !name.equals("libfontmanager.so")) {
                Files.createSymbolicLink(jdk.resolve("lib").resolve(name), lib.toAbsolutePath());
            }
        }
        for (Path server : list(home.resolve("lib/server"))) {
            Files.createSymbolicLink(jdk.resolve("lib/server").resolve(server.getFileName().toString()), server.toAbsolutePath());
        }
        Files.delete(jdk.resolve("lib/server/libjvm.so"));
        Files.copy(home.resolve("lib/server/libjvm.so"), jdk.resolve("lib/server/libjvm.so"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.writeString(jdk.resolve("lib/libfontmanager.so"), "no font support in this JDK\n");
        return jdk.resolve("bin/java");
    }

    /** Deletes a JDK {@link #make} built, given its {@code bin/java}. */
    public static void remove(Path java) throws IOException {
        Path jdk = java.getParent().getParent();
        try (Stream<Path> paths = Files.walk(jdk)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        }
    }

    private static Path home() {
        return Paths.get(System.getProperty("java.home"));
    }
}
