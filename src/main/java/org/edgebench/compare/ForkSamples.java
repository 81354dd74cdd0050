package org.edgebench.compare;

/**
 * One configuration's metric, one value per fork (or per repeated run) on each side: the unit the
 * comparison counts. {@code configuration} names it in tables and seeds its bootstrap.
 */
public record ForkSamples(String configuration, Direction direction, double[] baseline, double[] candidate) {
}
