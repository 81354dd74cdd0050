package org.edgebench.turns;

import org.edgebench.BadInputException;
import org.edgebench.run.Programs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Which CPUs the runs taking turns use, and which the instruction counts (taskset). */
public final class Cpus {

    private Cpus() {
    }

    /**
     * Where runs and counts go. {@code countsAlongside}: the counts have CPUs of their own and run
     * during the rounds; otherwise they run after the first round, never beside a timed run.
     */
    public record Plan(String runCpus, String countCpus, boolean countsAlongside) {

        public List<String> runPrefix() {
            return runCpus == null ? List.of() : List.of("taskset", "-c", runCpus);
        }

        public List<String> countPrefix() {
            return countCpus == null ? List.of() : List.of("taskset", "-c", countCpus);
        }

        public String describe() {
            return runCpus == null ? "" : " on CPU " + runCpus;
        }

        public String describeCounts() {
            return countCpus == null ? "" : " on CPU " + countCpus;
        }
    }

    /**
     * The plan for {@code option} ({@code --cpus}: null, {@code all} or a taskset list). By default
     * runs taking turns share the last CPU this process may use and the counts get the others; runs
     * that want several threads, or whole runs one after another, are not pinned.
     */
    public static Plan plan(String option, boolean turns, boolean wantsEveryCpu) {
        if ("all".equals(option)) {
            return new Plan(null, null, false);
        }
        boolean taskset = Programs.onPath("taskset").isPresent();
        if (option != null) {
            if (!taskset || !accepts(option)) {
                throw new BadInputException("--cpus '" + option + "' is not a CPU list taskset accepts here (CPUs: "
                        + allowed().stream().map(String::valueOf).collect(Collectors.joining(",")) + "), or all");
            }
            return new Plan(option, null, false);
        }
        List<Integer> allowed = allowed();
        if (!turns || wantsEveryCpu || !taskset || allowed.isEmpty()) {
            return new Plan(null, null, false);
        }
        String last = String.valueOf(allowed.get(allowed.size() - 1));
        if (allowed.size() == 1) {
            return new Plan(last, null, false);
        }
        String others = allowed.subList(0, allowed.size() - 1).stream().map(String::valueOf).collect(Collectors.joining(","));
        return new Plan(last, others, true);
    }

    /** The CPUs this process may run on ({@code Cpus_allowed_list} of /proc/self/status); empty when unknown. */
    static List<Integer> allowed() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith("Cpus_allowed_list:")).findFirst()
                    .map(l -> parseList(l.substring(l.indexOf(':') + 1).strip())).orElse(List.of());
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** {@code 0-2,5} as [0, 1, 2, 5]. */
    static List<Integer> parseList(String list) {
        List<Integer> cpus = new ArrayList<>();
        for (String part : list.split(",")) {
            String[] range = part.strip().split("-");
            int from = Integer.parseInt(range[0]);
            int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
            for (int c = from; c <= to; c++) {
                cpus.add(c);
            }
        }
        return cpus;
    }

    private static boolean accepts(String list) {
        try {
            return new ProcessBuilder("taskset", "-c", list, "true").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
