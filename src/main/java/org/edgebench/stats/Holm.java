package org.edgebench.stats;

import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm-Bonferroni adjustment: controls the chance of any false alarm across all configurations
 * compared at once, like Bonferroni, but rejects more when several changes are real.
 */
public final class Holm {

    private Holm() {
    }

    /** Adjusted p-values, in the order given; compare each with alpha. */
    public static double[] adjust(double[] pValues) {
        int k = pValues.length;
        int[] order = IntStream.range(0, k).boxed()
                .sorted(Comparator.comparingDouble(i -> pValues[i]))
                .mapToInt(Integer::intValue).toArray();
        double[] adjusted = new double[k];
        double running = 0;
        for (int step = 0; step < k; step++) {
            int i = order[step];
            running = Math.max(running, Math.min(1.0, (k - step) * pValues[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }
}
