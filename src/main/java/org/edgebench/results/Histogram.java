package org.edgebench.results;

import java.util.Arrays;

/**
 * One iteration of a SampleTime histogram as JMH wrote it: distinct sampled values (in the
 * result's {@code scoreUnit}, ascending) and how many samples had each value.
 */
public record Histogram(double[] values, long[] counts) {

    public Histogram {
        if (values.length != counts.length) {
            throw new IllegalArgumentException("values and counts differ in length: " + values.length + " vs " + counts.length);
        }
    }

    /** Number of samples in this iteration. */
    public long total() {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Histogram other && Arrays.equals(values, other.values) && Arrays.equals(counts, other.counts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(values) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "Histogram[" + values.length + " values, " + total() + " samples]";
    }
}
