package org.edgebench.bench.state;

import org.edgebench.bench.MemoryProfiler;

/**
 * The bytes of the tensors the current trial holds (inputs and pinned outputs), published by the
 * state that builds them for {@link MemoryProfiler}, which runs in the same fork but cannot see
 * the benchmark's states.
 */
public final class TensorFootprint {

    private static volatile long bytes;

    private TensorFootprint() {
    }

    public static void set(long tensorBytes) {
        bytes = tensorBytes;
    }

    public static long bytes() {
        return bytes;
    }
}
