package org.edgebench.model;

import org.edgebench.BadInputException;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code dims} JMH parameter: values for a model's symbolic dimensions other than the batch,
 * written {@code name=value[,name=value...]}, e.g. {@code sequence_length=128}. Empty means none.
 */
public final class Dims {

    private Dims() {
    }

    /**
     * The dims a benchmark uses for a model: the {@code dims} parameter when given, else, for
     * synthesized inputs (an empty {@code inputs} parameter), the model's own default
     * ({@link ModelDefaults}, e.g. {@code sequence_length=128} for MiniLM). Input files bring
     * their own shapes, so the default would only contradict them. Per model, because JMH crosses
     * {@code dims} with every model of a run.
     */
    public static Map<String, Long> forModel(String spec, Path modelFile, String inputs) {
        if (spec != null && !spec.isBlank()) {
            return parse(spec);
        }
        return parse(inputs == null || inputs.isBlank() ? ModelDefaults.defaultDims(modelFile) : "");
    }

    /** Parses a dims specification; names keep their order. */
    public static Map<String, Long> parse(String spec) {
        Map<String, Long> dims = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return Collections.unmodifiableMap(dims);
        }
        // JMH splits -p values on commas, so ';' and '+' also separate entries here.
        for (String entry : spec.split("[,;+]")) {
            String[] kv = entry.split("=", 2);
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new BadInputException("bad dims entry '" + entry.strip()
                        + "': write name=value, e.g. -p dims=sequence_length=128");
            }
            String name = kv[0].strip();
            long value;
            try {
                value = Long.parseLong(kv[1].strip());
            } catch (NumberFormatException e) {
                throw new BadInputException("bad dims value '" + kv[1].strip() + "' for '" + name
                        + "': it must be a positive whole number");
            }
            if (value <= 0) {
                throw new BadInputException("dims value for '" + name + "' must be > 0, was " + value);
            }
            dims.put(name, value);
        }
        return Collections.unmodifiableMap(dims);
    }
}
