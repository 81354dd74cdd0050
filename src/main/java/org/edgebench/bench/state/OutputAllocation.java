package org.edgebench.bench.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Says which outputs ONNX Runtime allocates on every measured call instead of writing into pinned
 * buffers, and why: once in the fork's output and, when the launcher asks with
 * {@code -Dedgebench.outputs=<file>}, in that file (one {@code output<TAB>reason} line each), which
 * it records in env.json.
 */
public final class OutputAllocation {

    /** The system property naming the file the launcher reads back. */
    public static final String PROPERTY = "edgebench.outputs";

    private static boolean said;

    private OutputAllocation() {
    }

    static synchronized void report(Map<String, String> allocated) {
        if (allocated.isEmpty() || said) {
            return;
        }
        said = true;
        allocated.forEach((name, why) -> System.out.println("EdgeBench: output '" + name
                + "' is allocated by ONNX Runtime on every measured call, not pinned: " + why));
        String file = System.getProperty(PROPERTY, "");
        if (!file.isBlank()) {
            try {
                Files.writeString(Path.of(file), allocated.entrySet().stream()
                        .map(e -> e.getKey() + "\t" + e.getValue().replace('\t', ' ').replace('\n', ' '))
                        .collect(Collectors.joining("\n", "", "\n")), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }
    }
}
