package org.edgebench.text;

import org.edgebench.stats.Ratio;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a {@link Ratio} reads in the summary: as a table cell with its interval, and as a plain
 * sentence, "XNNPACK is 1.67x faster than CPU at batch 1 [1.28x, 2.17x], within noise at batch 8
 * (1.02x [0.97x, 1.07x])". A ratio whose interval holds 1 is "within noise" on whichever side of 1
 * its value falls: the forks do not tell the two apart.
 */
public final class RatioText {

    public static final String WITHIN_NOISE = "within noise";

    /** One speed-up of a sentence and where it was measured ({@code at batch 8}; empty when nothing needs saying). */
    public record At(String where, Ratio speedUp) {
    }

    private RatioText() {
    }

    /** {@code 1.80x [1.61x, 2.04x]}, with {@code within noise} after it when the interval holds 1; "-" when missing. */
    public static String cell(Optional<Ratio> ratio) {
        return ratio.map(r -> r.text() + (r.withinNoise() ? " " + WITHIN_NOISE : "")).orElse("-");
    }

    /**
     * {@code subject} against {@code reference} at each point, from speed-ups (above 1: the subject
     * is faster). A slower point is said as how many times slower, with the interval of that; a
     * direction is named only where it changes, and the reference only in the first clause.
     */
    public static String sentence(String subject, String reference, List<At> points) {
        StringBuilder out = new StringBuilder(subject).append(" is ");
        String previous = "";
        for (int i = 0; i < points.size(); i++) {
            Ratio speedUp = points.get(i).speedUp();
            String where = points.get(i).where().isEmpty() ? "" : " " + points.get(i).where();
            out.append(i == 0 ? "" : ", ");
            String direction = direction(speedUp);
            if (direction.equals(WITHIN_NOISE)) {
                out.append(WITHIN_NOISE).append(i == 0 ? " of " + reference : "").append(where)
                        .append(" (").append(speedUp.text()).append(')');
            } else {
                Ratio shown = asRead(speedUp);
                out.append(Ratio.times(shown.value())).append(direction.equals(previous) ? "" : " " + direction)
                        .append(i == 0 ? " than " + reference : "").append(where).append(' ').append(shown.intervalText());
            }
            previous = direction;
        }
        return out.toString();
    }

    /** A speed-up as it reads: itself when faster; slower reads as the inverse, "1.15x slower", not "0.87x faster". */
    public static Ratio asRead(Ratio speedUp) {
        return speedUp.value() >= 1 ? speedUp : speedUp.speedUp();
    }

    /** {@code faster}, {@code slower} or {@code within noise}, for a speed-up. */
    public static String direction(Ratio speedUp) {
        if (speedUp.withinNoise()) {
            return WITHIN_NOISE;
        }
        return speedUp.value() >= 1 ? "faster" : "slower";
    }

    /** A speed-up in a few words, for a chart's label: {@code 1.67x faster}, {@code 1.15x slower}, {@code 1.02x, within noise}. */
    public static String label(Ratio speedUp) {
        String direction = direction(speedUp);
        if (direction.equals(WITHIN_NOISE)) {
            return Ratio.times(speedUp.value()) + ", " + WITHIN_NOISE;
        }
        return Ratio.times(asRead(speedUp).value()) + " " + direction;
    }

    /**
     * A speed-up known only as a point, without an interval (an operator's total time, say):
     * {@code 2.00x faster}, {@code 1.20x slower}, or {@code same} when it would read 1.00x; "-" when missing.
     */
    public static String pointLabel(double speedUp) {
        if (!(speedUp > 0) || Double.isInfinite(speedUp)) {
            return "-";
        }
        String times = Ratio.times(speedUp >= 1 ? speedUp : 1 / speedUp);
        return times.equals(Ratio.times(1)) ? "same" : times + (speedUp >= 1 ? " faster" : " slower");
    }

    /**
     * How many of the ratios are within noise, for a line under a table: {@code none within noise},
     * {@code within noise: student CPU b1 t1}, or that one fork gave no interval.
     */
    public static String noise(List<Ratio> ratios, List<String> labels) {
        List<String> noisy = new ArrayList<>();
        int withInterval = 0;
        int fewestForks = Integer.MAX_VALUE;
        for (int i = 0; i < ratios.size(); i++) {
            Ratio r = ratios.get(i);
            fewestForks = Math.min(fewestForks, Math.min(r.referenceForks(), r.otherForks()));
            if (r.hasInterval()) {
                withInterval++;
                if (r.withinNoise()) {
                    noisy.add(labels.get(i));
                }
            }
        }
        String forks = fewestForks + (fewestForks == 1 ? " fork" : " forks");
        if (withInterval == 0) {
            return "no interval (" + forks + ")";
        }
        String within = noisy.isEmpty() ? "none " + WITHIN_NOISE
                : noisy.size() == withInterval && withInterval > 1 ? "all " + WITHIN_NOISE
                : WITHIN_NOISE + ": " + String.join(", ", noisy);
        int without = ratios.size() - withInterval;
        return without == 0 ? within : within + "; " + without + " without an interval (" + forks + ")";
    }
}
