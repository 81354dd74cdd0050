package org.edgebench.launch.jmh;

import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Lines a native library prints in every process that are known to mean nothing for the run, held
 * back from the screen and counted, so that the run's own output stays readable and the count is
 * said once. Debian's ONNX Runtime (1.21.0, linked against Debian's shared libonnx) registers ONNX's
 * operator schemas a second time at start-up and prints one "Schema error: Trying to register
 * schema with name ... but it is already registered" line per operator (about 570 per process).
 */
public final class KnownNoise {

    private static final Pattern SCHEMA_ALREADY_REGISTERED =
            Pattern.compile("^Schema error: Trying to register schema with name .* but it is already registered.*");

    private final AtomicLong hidden = new AtomicLong();

    /** True, and counted, when {@code line} (without its line break) is known noise. */
    boolean hides(String line) {
        if (SCHEMA_ALREADY_REGISTERED.matcher(line).matches()) {
            hidden.incrementAndGet();
            return true;
        }
        return false;
    }

    public long hidden() {
        return hidden.get();
    }

    /** The one line that says what was held back; empty when nothing was. */
    public String summary() {
        long n = hidden.get();
        return n == 0 ? "" : String.format(java.util.Locale.ROOT, "EdgeBench: held back %,d \"Schema error: Trying to register"
                + " schema ... but it is already registered\" line(s) that ONNX Runtime printed in the forks (Debian's build"
                + " registers ONNX's operator schemas twice at start-up; harmless)", n);
    }
}
