package org.edgebench.bench;

import org.edgebench.bench.state.TensorFootprint;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Puts memory next to latency: after every iteration, the fork's peak resident set size
 * ({@code VmHWM} from /proc/self/status: the JVM, ONNX Runtime's arenas, the model and the
 * tensors together) and the bytes of the benchmark's input and output tensors, every caller's
 * together (each JMH thread holds its own). Both become JMH secondary metrics
 * ({@code mem.rss.peak}, {@code mem.tensors}, in MB), so they land in jmh.json beside the latency
 * they belong to. The launcher always adds this profiler; on a system without /proc only the
 * tensor bytes are reported.
 */
public final class MemoryProfiler implements InternalProfiler {

    private static final double MB = 1024.0 * 1024.0;

    @Override
    public String getDescription() {
        return "EdgeBench: peak resident memory of the fork and the bytes of the benchmark's tensors";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        // Peak RSS is a high-water mark kept by the kernel; nothing to start.
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        List<Result> results = new ArrayList<>(2);
        long peak = peakResidentBytes();
        if (peak > 0) {
            results.add(new ScalarResult("mem.rss.peak", peak / MB, "MB", AggregationPolicy.MAX));
        }
        long tensors = TensorFootprint.bytes();
        if (tensors > 0) {
            results.add(new ScalarResult("mem.tensors", tensors / MB, "MB", AggregationPolicy.MAX));
        }
        return results;
    }

    /**
     * VmHWM of this process in bytes, or -1 where /proc is not there. Parsed from raw bytes into a
     * reused buffer: {@code -prof gc} counts every thread's allocations during an iteration, and
     * this runs inside that window, so it must not add to what the benchmark seems to allocate.
     */
    private final byte[] status = new byte[8192];

    long peakResidentBytes() {
        int length = 0;
        try (FileInputStream in = new FileInputStream("/proc/self/status")) {
            for (int n; length < status.length && (n = in.read(status, length, status.length - length)) > 0; ) {
                length += n;
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        for (int i = 0; i + VM_HWM.length < length; i++) {
            if ((i == 0 || status[i - 1] == '\n') && startsWith(i, VM_HWM)) {
                long kilobytes = 0;
                for (int j = i + VM_HWM.length; j < length && status[j] != '\n'; j++) {
                    if (status[j] >= '0' && status[j] <= '9') {
                        kilobytes = kilobytes * 10 + (status[j] - '0');
                    }
                }
                return kilobytes * 1024;
            }
        }
        return -1;
    }

    private static final byte[] VM_HWM = "VmHWM:".getBytes(StandardCharsets.US_ASCII);

    private boolean startsWith(int offset, byte[] prefix) {
        for (int k = 0; k < prefix.length; k++) {
            if (status[offset + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }
}
