package org.edgebench.results;

import java.util.List;

/**
 * A JMH secondary metric, for example {@code gc.alloc.rate.norm} from {@code -prof gc} (B/op) or
 * SampleTime's per-iteration percentiles {@code p0.50}. {@code rawData} is [fork][iteration],
 * empty when JMH wrote none.
 */
public record SecondaryMetric(double score, double scoreError, String scoreUnit, List<List<Double>> rawData) {

    public SecondaryMetric {
        rawData = List.copyOf(rawData);
    }
}
