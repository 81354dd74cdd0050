package org.edgebench.compare;

import org.openjdk.jmh.annotations.Mode;

import java.util.Locale;

/** Which way is better for a score: time per operation falls when things improve, throughput rises. */
public enum Direction {
    LOWER_IS_BETTER, HIGHER_IS_BETTER;

    /**
     * JMH's throughput mode ({@code thrpt}, unit {@code ops/<time>}) is higher-is-better; sample,
     * average and single-shot time ({@code <time>/op}) are lower-is-better. The unit decides when
     * the mode is unfamiliar, because it is what the number means.
     */
    public static Direction of(String mode, String scoreUnit) {
        String m = mode == null ? "" : mode.toLowerCase(Locale.ROOT);
        if (m.equals(Mode.Throughput.shortLabel())) {
            return HIGHER_IS_BETTER;
        }
        if (m.equals(Mode.SampleTime.shortLabel()) || m.equals(Mode.AverageTime.shortLabel())
                || m.equals(Mode.SingleShotTime.shortLabel())) {
            return LOWER_IS_BETTER;
        }
        return scoreUnit != null && scoreUnit.startsWith("ops/") ? HIGHER_IS_BETTER : LOWER_IS_BETTER;
    }

    /** {@code relativeChange} turned into "how much worse": positive means worse in either direction. */
    public double worsening(double relativeChange) {
        return this == LOWER_IS_BETTER ? relativeChange : -relativeChange;
    }

    public String describe() {
        return this == LOWER_IS_BETTER ? "lower is better" : "higher is better";
    }
}
