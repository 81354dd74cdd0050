package org.edgebench.profile;

import org.edgebench.run.Benchmark;
import org.edgebench.BadInputException;
import org.edgebench.run.Configuration;
import org.edgebench.run.RunFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operator profiles of a run folder: for each {@code OrtSessionRunBenchmark} configuration, the
 * trace its {@code --profile} fork left in {@code profile/} ({@link RunFiles#profileTrace}). The
 * other benchmarks are never profiled. A trace that cannot be read costs only its own profile, and
 * is named in {@link #problems()}.
 *
 * @param profiled one per profiled configuration (its mode left out: the trace is the configuration's,
 *                 whichever modes JMH measured it in), ordered by model, provider, batch size,
 *                 intra-op threads, callers and other parameters
 * @param missing  configurations of the profiled benchmark without a trace, in a run that has a
 *                 {@code profile/} folder (their profiled fork failed)
 * @param problems one line per trace that could not be read
 */
public record Profiles(List<Profiled> profiled, List<Configuration> missing, List<String> problems) {

    /** The benchmark {@code --profile} profiles: the warm session, whose trace is about the model, not the harness. */

    public static final Profiles NONE = new Profiles(List.of(), List.of(), List.of());

    /** A configuration and what its trace says. */
    public record Profiled(Configuration configuration, String trace, OperatorProfile profile) {
    }

    public Profiles {
        profiled = List.copyOf(profiled);
        missing = List.copyOf(missing);
        problems = List.copyOf(problems);
    }

    /** True for the benchmark that {@code --profile} profiles (matched by its class's simple name, as the report does). */
    public static boolean isProfiled(Configuration c) {
        return Benchmark.ORT_RUN.is(c);
    }

    /** The configuration as the launcher planned (and named) it: without the mode JMH chose. */
    public static Configuration planned(Configuration c) {
        return Configuration.planned(c.benchmark(), c.callers(), c.params());
    }

    /** Reads the traces in {@code folder} of those {@code configurations} that have one. */
    public static Profiles read(Path folder, Collection<Configuration> configurations) {
        List<Configuration> planned = configurations.stream().filter(Profiles::isProfiled).map(Profiles::planned)
                .distinct().sorted(Configuration.ORDER).toList();
        List<Profiled> profiled = new ArrayList<>();
        List<Configuration> missing = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Configuration c : planned) {
            String trace = RunFiles.profileTrace(c);
            Path file = folder.resolve(trace);
            if (!Files.isRegularFile(file)) {
                missing.add(c);
                continue;
            }
            try {
                profiled.add(new Profiled(c, trace, OperatorProfile.of(OrtTrace.read(file))));
            } catch (BadInputException e) {
                problems.add("no operator profile for " + c.label(false) + ": " + e.getMessage());
            }
        }
        if (!Files.isDirectory(folder.resolve(RunFiles.PROFILE))) {
            missing.clear();
        }
        return new Profiles(profiled, missing, problems);
    }

    public boolean isEmpty() {
        return profiled.isEmpty();
    }

    /** The profile of {@code c} in whichever mode it was measured; empty when it has none. */
    public Optional<OperatorProfile> of(Configuration c) {
        Configuration planned = planned(c);
        return profiled.stream().filter(p -> p.configuration().equals(planned)).map(Profiled::profile).findFirst();
    }

    /** The profiles by the planned configuration's key, for matching two runs. */
    public Map<Configuration.Key, OperatorProfile> byKey() {
        Map<Configuration.Key, OperatorProfile> byKey = new LinkedHashMap<>();
        profiled.forEach(p -> byKey.put(p.configuration().key(), p.profile()));
        return byKey;
    }
}
