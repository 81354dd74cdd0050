package org.edgebench.bench.state;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of the tensors the current trial holds (every caller's inputs and pinned outputs),
 * published by the states that build them for {@code bench.MemoryProfiler}, which runs in the same fork
 * but cannot see the benchmark's states. The shared session starts each trial from zero and each
 * caller adds its own; nothing is taken off at tear-down, which JMH runs before the profiler reads
 * the last iteration.
 */
public final class TensorFootprint {

    private static final AtomicLong BYTES = new AtomicLong();

    private TensorFootprint() {
    }

    /** A new trial: the tensors of the one before are gone. */
    public static void reset() {
        BYTES.set(0);
    }

    /** One caller's tensors. */
    public static void add(long tensorBytes) {
        BYTES.addAndGet(tensorBytes);
    }

    public static long bytes() {
        return BYTES.get();
    }
}
