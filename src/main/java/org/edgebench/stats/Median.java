package org.edgebench.stats;

import java.util.Arrays;

/** The median of a set of values, the one used for forks, runs and iterations alike. */
public final class Median {

    private Median() {
    }

    /** The middle value of {@code values} (any order, not changed); the mean of the middle two for an even count. */
    public static double of(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
