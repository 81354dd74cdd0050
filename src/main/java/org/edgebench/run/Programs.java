package org.edgebench.run;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import java.util.stream.Stream;

/** Programs of the machine that EdgeBench starts (valgrind, taskset), found as a shell finds them. */
public final class Programs {

    private Programs() {
    }

    /** The first executable {@code program} in this process's PATH. */
    public static Optional<Path> onPath(String program) {
        return in(System.getenv().getOrDefault("PATH", ""), program);
    }

    /** The first executable {@code program} in the folders of {@code path} (a PATH value). */
    public static Optional<Path> in(String path, String program) {
        return Stream.of(path.split(File.pathSeparator)).filter(dir -> !dir.isBlank())
                .map(dir -> Paths.get(dir, program)).filter(Files::isExecutable).findFirst();
    }
}
