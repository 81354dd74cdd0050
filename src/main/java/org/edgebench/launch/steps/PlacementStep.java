package org.edgebench.launch.steps;

import org.edgebench.text.OneLine;
import org.edgebench.model.ModelCatalog;
import org.edgebench.profile.Placement;
import org.edgebench.report.csv.PlacementCsv;
import org.edgebench.run.AtomicFiles;
import org.edgebench.run.Configuration;
import org.edgebench.runtime.Provider;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The launcher's step before the benchmarks: for each model, provider and dims the run will
 * measure, which nodes the provider ran and which it left to CPU ({@link Placement}), printed one
 * line each and kept in {@code placement.csv}. It runs in the launcher's JVM before any fork, so
 * nothing it does is timed, and {@code --require-full-delegation} can fail a configuration whose
 * provider left nodes to CPU before it costs a measurement.
 */
public final class PlacementStep {

    private final Map<String, Placement> byKey;

    private PlacementStep(Map<String, Placement> byKey) {
        this.byKey = byKey;
    }

    /** Measures the placements of {@code configurations} (those with a model and a provider) and writes placement.csv. */
    public static PlacementStep run(Path folder, List<Configuration> configurations, ModelCatalog catalog, PrintStream out) {
        Map<String, Placement> byKey = new LinkedHashMap<>();
        for (Configuration c : configurations) {
            String key = key(c);
            if (key == null || byKey.containsKey(key)) {
                continue;
            }
            Provider provider = Provider.parse(c.provider());
            Placement placement = Placement.measure(catalog, c.model(), provider, 1, dims(c), folder);
            out.println("EdgeBench: placement: " + placement.line());
            byKey.put(key, placement);
        }
        if (!byKey.isEmpty()) {
            try (AtomicFiles files = AtomicFiles.in(folder)) {
                List<Placement> rows = new ArrayList<>(byKey.values());
                files.writeText(PlacementCsv.FILE, w -> PlacementCsv.write(rows, w));
                files.commit();
            } catch (IOException | RuntimeException e) {
                out.println("EdgeBench: warning: " + PlacementCsv.FILE + " could not be written (" + OneLine.of(e) + ")");
            }
        }
        return new PlacementStep(byKey);
    }

    /**
     * Why {@code configuration} may not run under {@code --require-full-delegation}: its provider
     * left nodes to CPU, or its placement is not known; empty when it may run.
     */
    public Optional<String> delegationFailure(Configuration configuration) {
        String key = key(configuration);
        Placement placement = key == null ? null : byKey.get(key);
        if (placement == null || placement.fullyDelegated()) {
            return Optional.empty();
        }
        return Optional.of("--require-full-delegation: " + placement.line());
    }

    private static String key(Configuration c) {
        if (c.model().isEmpty() || c.provider().isEmpty()) {
            return null;
        }
        return c.model() + "\u0000" + c.provider() + "\u0000" + dims(c);
    }

    private static String dims(Configuration c) {
        return c.params().getOrDefault(Configuration.DIMS, "");
    }
}
