package org.edgebench.turns;

import org.edgebench.BadInputException;
import org.edgebench.run.RunFiles;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A build measured beside others: its jar, the folder its runs start in (whose models and suite
 * files they use) and the JVM options it needs.
 *
 * <p>Given as {@code NAME=BUILD}: a {@code .jar} file (runs in the current folder), a source tree
 * holding {@code target/benchmarks.jar} (runs in that tree, on its own models and suites), or
 * {@code native:DIR} (this jar with {@code -Donnxruntime.native.path=DIR}: another ONNX Runtime build).
 */
public record Build(String name, Path jar, Path dir, List<String> jvmOptions) {

    public Build {
        jvmOptions = List.copyOf(jvmOptions);
    }

    public static Build parse(String spec, Path cwd) {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new BadInputException("'" + spec + "': expected NAME=BUILD (BUILD: a benchmarks.jar, a source tree with "
                    + "target/benchmarks.jar, or native:DIR)");
        }
        String name = spec.substring(0, eq);
        String build = spec.substring(eq + 1);
        if (!RunFiles.isSafeName(name)) {
            throw new BadInputException("'" + name + "': a name may hold letters, digits, '.', '_' and '-'");
        }
        if (build.startsWith("native:")) {
            Path natives = cwd.resolve(build.substring("native:".length())).toAbsolutePath().normalize();
            if (!Files.isDirectory(natives)) {
                throw new BadInputException("'" + build + "': no folder " + natives);
            }
            for (String lib : List.of("libonnxruntime.so", "libonnxruntime4j_jni.so")) {
                if (!Files.exists(natives.resolve(lib))) {
                    throw new BadInputException("'" + build + "': " + natives + " has no " + lib
                            + " (it needs libonnxruntime.so and libonnxruntime4j_jni.so)");
                }
            }
            return new Build(name, thisJar(), cwd, List.of("-Donnxruntime.native.path=" + natives));
        }
        Path path = cwd.resolve(build).toAbsolutePath().normalize();
        if (Files.isDirectory(path)) {
            Path jar = path.resolve("target/benchmarks.jar");
            if (!Files.isRegularFile(jar)) {
                throw new BadInputException("'" + build + "': " + path + " holds no target/benchmarks.jar; build it with: mvn package");
            }
            return new Build(name, jar, path, List.of());
        }
        if (!Files.isRegularFile(path)) {
            throw new BadInputException("'" + build + "': no such jar or folder (BUILD is a benchmarks.jar, a source tree or native:DIR)");
        }
        return new Build(name, path, cwd, List.of());
    }

    /** The jar this code runs from, for builds that are this jar on other native libraries. */
    static Path thisJar() {
        try {
            Path location = Path.of(Build.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(location)) {
                throw new BadInputException("native:DIR runs this benchmarks.jar on other native libraries; run it from the jar "
                        + "(java -jar target/benchmarks.jar ...)");
            }
            return location;
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate this jar", e);
        }
    }

    /** {@code java} with {@code extra} and this build's JVM options: the start of every command of this build. */
    public List<String> java(List<String> extra) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(extra);
        command.addAll(jvmOptions);
        return command;
    }

    /** What this build can do, asked through {@code capabilities --json}; {@link Capabilities#NONE} when it cannot say. */
    public Capabilities capabilities(Path log) throws IOException, InterruptedException {
        List<String> command = java(List.of());
        command.addAll(List.of("-jar", jar.toString(), "capabilities", "--json"));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            return Capabilities.NONE;
        }
        return process.exitValue() == 0 ? Capabilities.parse(Files.readString(log, StandardCharsets.UTF_8)) : Capabilities.NONE;
    }

    /** The settings of this build's suite file, comments and blank lines aside; empty when it has none. */
    public String suiteSettings(String suite) throws IOException {
        Path file = dir.resolve("benchmarks").resolve(suite + ".properties");
        if (!Files.isRegularFile(file)) {
            return "";
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.joining("\n"));
    }
}
