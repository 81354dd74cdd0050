package org.edgebench.model;

import org.edgebench.BadInputException;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code dims} JMH parameter: values for a model's symbolic dimensions other than the batch,
 * written {@code name=value[,name=value...]}, e.g. {@code sequence_length=128}, or by position,
 * {@code input[1]=512} (the input's name, the dimension's index from 0), which is the only way to
 * set a dynamic dimension the model leaves unnamed. Empty means none.
 */
public final class Dims {

    /** {@code input[1]}: an input's (or output's) name and a dimension index. */
    private static final Pattern POSITION = Pattern.compile("(.+)\\[(\\d+)]");

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
            if (name.contains("[") && !POSITION.matcher(name).matches()) {
                throw new BadInputException("bad dims entry '" + entry.strip() + "': a dimension by position is"
                        + " input[index]=value, the index from 0, e.g. -p dims=input[1]=512");
            }
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

    /** True for a key by position ({@code input[1]}), which ONNX Runtime's options cannot set by name. */
    public static boolean byPosition(String key) {
        return POSITION.matcher(key).matches();
    }

    /** The key that sets dimension {@code d} of {@code tensor} by position: {@code input[1]}. */
    public static String position(String tensor, int d) {
        return tensor + "[" + d + "]";
    }

    /**
     * The value {@code dims} gives dimension {@code d} of the named tensor: by position first, then
     * by the dimension's name ({@code names[d]}, absent or empty when unnamed); null when neither.
     */
    public static Long valueFor(Map<String, Long> dims, String tensor, int d, String[] names) {
        Long byPosition = dims.get(position(tensor, d));
        if (byPosition != null) {
            return byPosition;
        }
        String name = names != null && d < names.length && !names[d].isEmpty() ? names[d] : null;
        return name == null ? null : dims.get(name);
    }
}
