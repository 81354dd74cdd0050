package org.edgebench.count;

import org.edgebench.BadInputException;
import org.edgebench.model.ModelCatalog;
import org.edgebench.run.Folders;
import org.edgebench.run.Programs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Counts a plan's instructions: one JVM (this one's java, this one's class path) runs
 * {@link CountMain} under {@code valgrind --tool=callgrind} for every configuration, collecting only
 * inside {@code OrtSession.run}'s native call and dumping at each of {@link CountMain}'s phase
 * markers; the dumps' totals give each configuration's two counts. One JVM for all configurations
 * because starting a JVM under valgrind and creating its first session costs far more than the
 * counted calls (docs/compare.md has the timings).
 */
public final class InstructionCounter {

    /** valgrind's program that switches a running callgrind's instrumentation. */
    static final String CONTROL = "callgrind_control";

    /** The install hint every "not found" line ends with. */
    public static final String INSTALL = "install it (Debian: apt-get install valgrind)";

    /**
     * JVM options of the counting JVM. The instructions counted run inside the native call, which the
     * JIT does not compile; C1 only and the serial collector keep the JVM's own threads, which valgrind
     * runs one at a time with the counted one, few and short.
     */
    static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private final Path valgrind;
    private final String version;

    InstructionCounter(Path valgrind, String version) {
        this.valgrind = valgrind;
        this.version = version;
    }

    /**
     * The counter for the {@code valgrind} on {@code PATH}.
     *
     * @throws BadInputException when there is none, with how to install it
     */
    public static InstructionCounter onPath() {
        Path found = find(System.getenv().getOrDefault("PATH", "")).orElseThrow(() ->
                new BadInputException("valgrind not found: " + INSTALL));
        return new InstructionCounter(found, version(found));
    }

    /** The first executable {@code valgrind} in the folders of {@code path} (a PATH value). */
    static Optional<Path> find(String path) {
        return Programs.in(path, "valgrind");
    }

    /** {@code 3.19.0} from {@code valgrind --version}'s {@code valgrind-3.19.0}. */
    private static String version(Path valgrind) {
        try {
            Process process = new ProcessBuilder(valgrind.toString(), "--version").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.waitFor() != 0 || out.isEmpty()) {
                throw new BadInputException(valgrind + " --version failed (" + out + "); reinstall it: " + INSTALL);
            }
            return out.startsWith("valgrind-") ? out.substring("valgrind-".length()) : out;
        } catch (IOException e) {
            throw new BadInputException(valgrind + " cannot be started (" + e.getMessage() + "); " + INSTALL, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking valgrind its version", e);
        }
    }

    public String version() {
        return version;
    }

    /**
     * Counts every configuration of {@code plan} in one JVM under callgrind, passing its progress
     * lines to {@code progress}.
     *
     * @throws IllegalStateException when the counting JVM fails, naming the log that says why
     */
    public List<InstructionCount> count(CountPlan plan, Consumer<String> progress) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("edgebench-count-");
        Path planFile = work.resolve("plan.txt");
        plan.write(planFile);
        Path log = work.resolve("valgrind.log");
        Path control = control();
        Process process = new ProcessBuilder(command(work, planFile, log)).redirectErrorStream(true).start();
        Thread stop = new Thread(process::destroyForcibly, "edgebench-count-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        Deque<String> lastLines = new ArrayDeque<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer answers = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.equals(CountMain.INSTRUMENTATION_ON) || line.equals(CountMain.INSTRUMENTATION_OFF)) {
                    Optional<String> failed = switchInstrumentation(control, process.pid(), line.equals(CountMain.INSTRUMENTATION_ON));
                    if (failed.isPresent()) {
                        // Without its instrumentation the count would be empty: stop the JVM and say why.
                        process.destroyForcibly();
                        lastLines.addLast(failed.get());
                        break;
                    }
                    answers.write("switched\n");
                    answers.flush();
                    continue;
                }
                progress.accept(line);
                lastLines.addLast(line);
                if (lastLines.size() > 5) {
                    lastLines.removeFirst();
                }
            }
        } finally {
            int exit = process.waitFor();
            removeHook(stop);
            if (exit != 0) {
                throw new IllegalStateException("the counting JVM under valgrind failed (exit " + exit + "): "
                        + String.join(" | ", lastLines) + "; valgrind's log: " + log);
            }
        }
        List<InstructionCount> counts = counts(plan, CallgrindDump.readAll(work), log);
        Folders.deleteTree(work);
        return counts;
    }

    /** callgrind_control beside valgrind (the same installation), else on PATH. */
    private Path control() {
        Path beside = valgrind.resolveSibling(CONTROL);
        if (Files.isExecutable(beside)) {
            return beside;
        }
        return Programs.onPath(CONTROL).orElseThrow(() -> new BadInputException(CONTROL + " not found beside " + valgrind
                + " or on PATH; it comes with valgrind: " + INSTALL));
    }

    /** {@code callgrind_control -i on|off PID}; what went wrong when it failed. */
    private static Optional<String> switchInstrumentation(Path control, long pid, boolean on) throws IOException, InterruptedException {
        List<String> args = List.of("-i", on ? "on" : "off", Long.toString(pid));
        List<String> command = new ArrayList<>(List.of(control.toString()));
        command.addAll(args);
        Process switching = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(switching.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int exit = switching.waitFor();
        return exit == 0 ? Optional.empty()
                : Optional.of(CONTROL + " " + String.join(" ", args) + " failed (exit " + exit + "): " + said.replace('\n', ' '));
    }

    /** {@code valgrind --tool=callgrind --instr-atstart=no ... java ... CountMain PLAN}. */
    List<String> command(Path work, Path planFile, Path log) {
        List<String> command = new ArrayList<>(List.of(valgrind.toString(), "--tool=callgrind", "--instr-atstart=no",
                "--toggle-collect=" + CountMain.COLLECT_FUNCTION,
                "--dump-before=" + CountMain.MARKER_FUNCTION,
                "--callgrind-out-file=" + work.resolve(CallgrindDump.FILE_PREFIX + ".%p"),
                "--log-file=" + log,
                Paths.get(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(JVM_OPTIONS);
        // A crash report (valgrind has crashed the counting JVM now and then) beside valgrind's log, not in the user's folder.
        command.add("-XX:ErrorFile=" + work.resolve("hs_err_%p.log"));
        // The same models and the same ONNX Runtime build (onnxruntime.native.path and its kin) as this JVM.
        command.add("-Dedgebench.models=" + ModelCatalog.standard().dir().toAbsolutePath());
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("onnxruntime.")).sorted()
                .forEach(name -> command.add("-D" + name + "=" + System.getProperty(name)));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CountMain.class.getName(), planFile.toString()));
        return command;
    }

    /** The marker dumps, three per configuration in plan order, turned into counts. */
    List<InstructionCount> counts(CountPlan plan, List<CallgrindDump> dumps, Path log) {
        List<CallgrindDump> markers = dumps.stream().filter(d -> d.trigger().contains(CountMain.MARKER_FUNCTION)).toList();
        int expected = CountMain.DUMPS_PER_CONFIGURATION * plan.configurations().size();
        if (markers.size() != expected) {
            throw new IllegalStateException("callgrind wrote " + markers.size() + " dumps at the phase marker, expected "
                    + expected + " (" + CountMain.DUMPS_PER_CONFIGURATION + " per configuration); valgrind's log: " + log);
        }
        List<InstructionCount> counts = new ArrayList<>();
        for (int i = 0; i < plan.configurations().size(); i++) {
            long low = markers.get(CountMain.DUMPS_PER_CONFIGURATION * i + 1).instructions();
            long rest = markers.get(CountMain.DUMPS_PER_CONFIGURATION * i + 2).instructions();
            if (low <= 0 || rest <= 0) {
                throw new IllegalStateException("callgrind counted no instructions inside " + CountMain.COLLECT_FUNCTION
                        + " for " + plan.configurations().get(i).label() + ": does this ONNX Runtime's JNI library export it"
                        + " (nm -D libonnxruntime4j_jni.so)? valgrind's log: " + log);
            }
            counts.add(new InstructionCount(plan.configurations().get(i), plan.callsLow(), plan.callsHigh(), low, low + rest,
                    version));
        }
        return counts;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook stops the counting JVM.
        }
    }
}
