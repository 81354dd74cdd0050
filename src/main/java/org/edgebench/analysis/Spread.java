package org.edgebench.analysis;

import java.util.Locale;

/**
 * Says whether a configuration's latency is tight or spiky, the question the course's lab asks.
 * Two numbers decide: the tail ratio P99/P50 (how much slower the slow calls are than the
 * typical one; an SLA on P99 fails on this) and the coefficient of variation (standard deviation
 * / mean; catches a wide body even when the tail is short).
 */
public final class Spread {

    /** P99 may be at most 1.5x P50: beyond that one call in a hundred is noticeably slow. */
    public static final double MAX_TAIL_RATIO = 1.5;
    /** Standard deviation at most a quarter of the mean: a narrow, repeatable body. */
    public static final double MAX_CV = 0.25;

    public static final String RULE = String.format(Locale.ROOT,
            "tight when P99/P50 <= %.1f and CV (standard deviation / mean) <= %.2f, else spiky; shown as verdict (P99/P50, CV)",
            MAX_TAIL_RATIO, MAX_CV);

    public enum Shape { TIGHT, SPIKY, NO_DISTRIBUTION }

    private Spread() {
    }

    public static Shape of(ConfigurationStats stats) {
        if (!stats.hasDistribution()) {
            return Shape.NO_DISTRIBUTION;
        }
        boolean tight = stats.tailRatio() <= MAX_TAIL_RATIO && stats.cv() <= MAX_CV;
        return tight ? Shape.TIGHT : Shape.SPIKY;
    }

    /** For example {@code tight (1.12, 0.08)}; {@code n/a} when the mode has no distribution. */
    public static String describe(ConfigurationStats stats) {
        return switch (of(stats)) {
            case TIGHT -> String.format(Locale.ROOT, "tight (%.2f, %.2f)", stats.tailRatio(), stats.cv());
            case SPIKY -> String.format(Locale.ROOT, "spiky (%.2f, %.2f)", stats.tailRatio(), stats.cv());
            case NO_DISTRIBUTION -> "n/a";
        };
    }
}
