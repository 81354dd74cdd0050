package org.edgebench.model.generator;

import org.edgebench.text.Numbers;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Generates EdgeBench's default ONNX models, byte-for-byte the same on every run and machine:
 * seeded weights, fixed node and initializer order, no timestamps.
 *
 * <ul>
 *   <li>{@code student}: the course lab's MobileNetV2 classifier, float32, input
 *       {@code [batch_size, 3, 64, 64]}, 2 classes;
 *   <li>{@code student-int8}: the same network and weights, statically quantized to int8 in
 *       QDQ form;
 *   <li>{@code mobilenetv2-224}: the same architecture on {@code [batch_size, 3, 224, 224]}
 *       with 1000 classes, the classic edge vision workload.
 * </ul>
 *
 * <p>{@code mvn package} runs {@link #main} to write them to {@code models/}; by hand:
 * {@code java -cp target/benchmarks.jar org.edgebench.model.generator.ModelGenerator models}.
 */
public final class ModelGenerator {

    private record Spec(String name, MobileNetV2 network, String docString) {}

    private static final List<Spec> SPECS = List.of(
            new Spec("student", new MobileNetV2(64, 2, false),
                    "EdgeBench seeded stand-in for the course lab's model: torchvision MobileNetV2"
                            + " (width 1.0) with a Linear(1280 -> 2) head, batch norms folded,"
                            + " float32, random weights with seed " + MobileNetV2.SEED + "."),
            new Spec("student-int8", new MobileNetV2(64, 2, true),
                    "EdgeBench seeded stand-in for the course lab's model, statically quantized"
                            + " to int8 in QDQ form: uint8 activations with fixed ranges, int8"
                            + " per-channel weights, int32 biases; weights from seed "
                            + MobileNetV2.SEED + "."),
            new Spec("mobilenetv2-224", new MobileNetV2(224, 1000, false),
                    "EdgeBench seeded stand-in for torchvision MobileNetV2 (width 1.0) on"
                            + " 224x224 images with 1000 classes, batch norms folded, float32,"
                            + " random weights with seed " + MobileNetV2.SEED + "."));

    private static final List<String> NAMES = SPECS.stream().map(Spec::name).toList();

    private ModelGenerator() {}

    /** Names of the models this generator makes, in a stable order: "student", "student-int8", "mobilenetv2-224". */
    public static List<String> names() {
        return NAMES;
    }

    /** True if name is one of names(). */
    public static boolean generates(String name) {
        return NAMES.contains(name);
    }

    /** The model's bytes (deterministic). */
    public static byte[] build(String name) {
        Spec spec = spec(name);
        return spec.network().toOnnx(spec.name(), spec.docString());
    }

    /** Parameter count and multiply-accumulates at batch size 1, computed from the architecture. */
    public static ModelStats stats(String name) {
        return spec(name).network().stats();
    }

    /**
     * Writes the model to target atomically (temp file in the same folder + ATOMIC_MOVE/REPLACE_EXISTING);
     * creates parent folders; does not rewrite a file whose bytes are already identical.
     */
    public static void generate(String name, Path target) throws IOException {
        writeIfChanged(build(name), target);
    }

    /**
     * args[0] = output folder (default "models"); writes every model as {@code <name>.onnx} there
     * and prints one line per model (name, size, what was done).
     */
    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "models");
        PrintStream out = System.out;
        for (String name : NAMES) {
            long start = System.nanoTime();
            byte[] bytes = build(name);
            Path target = folder.resolve(name + ".onnx");
            boolean written = writeIfChanged(bytes, target);
            out.printf(Locale.ROOT, "%-16s %10s  %-9s %s (%d ms)%n", name, Numbers.bytes(bytes.length),
                    written ? "written" : "unchanged", target, (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** Returns false, leaving the file untouched, when it already holds exactly these bytes. */
    private static boolean writeIfChanged(byte[] bytes, Path target) throws IOException {
        if (Files.isRegularFile(target) && Files.size(target) == bytes.length
                && Arrays.equals(Files.readAllBytes(target), bytes)) {
            return false;
        }
        Path folder = target.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        // Same folder, so the move is a rename: readers see the old file or the new one, never half.
        // A plain write (not createTempFile, which makes the file owner-only) keeps the umask's permissions.
        Path temp = folder.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.write(temp, bytes);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        return true;
    }

    private static Spec spec(String name) {
        return SPECS.stream()
                .filter(spec -> spec.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "Unknown generated model '" + name + "'; known: " + NAMES));
    }
}
