package org.edgebench.run;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * Names configurations after what tells them apart: the one rule behind every line name, legend
 * key and group name of the report. A name is a list of parts, each a text of the configuration
 * ({@code ""} when it has none, and then left out); a part is shown always, or only when its text
 * differs among the configurations being named. So a run of one model on CPU and XNNPACK names
 * its lines "CPU" and "XNNPACK", and the benchmark and mode join a name only when they differ.
 */
public final class VaryingParts {

    /** One part of a name: its text for a configuration, and whether it is shown always or only where it varies. */
    public record Part(Function<Configuration, String> text, boolean always) {
    }

    /** The benchmark's short name, where benchmarks differ. */
    public static final Part BENCHMARK = ifVaries(Configuration::shortBenchmark);
    /** JMH's mode, where modes differ. */
    public static final Part MODE = ifVaries(Configuration::mode);
    /** The provider, where providers differ. */
    public static final Part PROVIDER = ifVaries(Configuration::provider);
    /** ONNX Runtime's intra-op threads as {@code t2}, where they differ. */
    public static final Part INTRA_OP_THREADS = ifVaries(c -> c.intraOpThreads().isEmpty() ? "" : "t" + c.intraOpThreads());
    /** The parameters outside the suite's own, where they differ. */
    public static final Part OTHER_PARAMS = ifVaries(Configuration::otherParamsText);

    private VaryingParts() {
    }

    /** A part shown in every name. */
    public static Part always(Function<Configuration, String> text) {
        return new Part(text, true);
    }

    /** A part shown only when its text differs among the configurations named. */
    public static Part ifVaries(Function<Configuration, String> text) {
        return new Part(text, false);
    }

    /** Whether {@code part}'s text differs among {@code among}. */
    public static boolean varies(Collection<Configuration> among, Function<Configuration, String> part) {
        return among.stream().map(part).distinct().count() > 1;
    }

    /**
     * A namer for the configurations {@code among}: the non-empty texts of the parts shown, in the
     * order given, joined by spaces. Which parts are shown is decided once, over {@code among}.
     */
    public static Function<Configuration, String> namer(Collection<Configuration> among, List<Part> parts) {
        List<Function<Configuration, String>> shown = new ArrayList<>();
        for (Part part : parts) {
            if (part.always() || varies(among, part.text())) {
                shown.add(part.text());
            }
        }
        return c -> {
            List<String> texts = new ArrayList<>(shown.size());
            for (Function<Configuration, String> text : shown) {
                String value = text.apply(c);
                if (!value.isEmpty()) {
                    texts.add(value);
                }
            }
            return String.join(" ", texts);
        };
    }

    /** {@link #namer(Collection, List)} with the parts listed. */
    public static Function<Configuration, String> namer(Collection<Configuration> among, Part... parts) {
        return namer(among, List.of(parts));
    }
}
