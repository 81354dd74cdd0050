package org.edgebench.compare;

import org.edgebench.report.JmhJson;
import org.edgebench.report.JmhResult;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One side of a comparison: a run folder or a JMH JSON file, its results by configuration, its environment. */
public record Run(String name, Path file, Map<String, JmhResult> results, RunEnvironment environment) {

    /**
     * Loads {@code fileOrRunDir}; a missing file, a folder without jmh.json or a file that is not
     * JMH JSON ends in a {@link org.edgebench.BadInputException} from {@link JmhJson}.
     */
    public static Run load(String name, Path fileOrRunDir) {
        Path file = JmhJson.resolve(fileOrRunDir);
        List<JmhResult> all = JmhJson.read(file);
        Map<String, JmhResult> byKey = new LinkedHashMap<>();
        for (JmhResult r : all) {
            byKey.put(r.configurationKey(), r);
        }
        return new Run(name, file, byKey, RunEnvironment.besides(file));
    }
}
