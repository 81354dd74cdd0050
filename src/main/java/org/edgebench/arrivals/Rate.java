package org.edgebench.arrivals;

import org.edgebench.BadInputException;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One arrival rate of {@code --arrivals}: {@code 30/s} (a fixed interval, as a camera's frames),
 * {@code poisson:500/s} (independent requests), {@code fixed:30fps}, {@code 120/min}, or a share of
 * the configuration's closed-loop maximum, {@code poisson:80%}, known once its benchmark has run.
 *
 * @param poisson    Poisson arrivals, else a fixed interval
 * @param value      requests per second, or a percentage of the closed-loop maximum
 * @param ofClosedLoop {@code value} is a percentage of the closed-loop maximum
 */
public record Rate(boolean poisson, double value, boolean ofClosedLoop) {

    /**
     * The most requests per second a schedule may ask for: below 10 us apart, the harness's own clock
     * reads and bookkeeping per request (about 1 us) and a worker's wake-up would be a measurable share
     * of each gap, so the rate would be the harness's, not the offered one.
     */
    public static final double MAX_PER_SECOND = 100_000;

    /** A share of the closed-loop maximum above this is a queue growing without end, not a measurement. */
    public static final double MAX_PERCENT = 1000;

    private static final Pattern FORM = Pattern.compile("(?:(fixed|poisson):)?([0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*(/s|/min|fps|%)?");

    static Rate parse(String text) {
        Matcher m = FORM.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new BadInputException("--arrivals: '" + text + "' is not a rate; write 30/s (a fixed interval),"
                    + " poisson:500/s, poisson:80% (of the closed-loop maximum) or sweep");
        }
        boolean poisson = "poisson".equals(m.group(1));
        double value = Double.parseDouble(m.group(2));
        String unit = m.group(3);
        if (unit == null) {
            throw new BadInputException("--arrivals: the rate '" + text + "' has no unit; write " + m.group(2) + "/s, "
                    + m.group(2) + "/min, " + m.group(2) + "fps or " + m.group(2) + "% (of the closed-loop maximum)");
        }
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new BadInputException("--arrivals: a rate is more than 0 requests, was '" + text + "'");
        }
        if (unit.equals("%")) {
            if (value > MAX_PERCENT) {
                throw new BadInputException(String.format(Locale.ROOT, "--arrivals: %s is more than %.0f%% of the closed-loop"
                        + " maximum: the queue would only grow; rates above the maximum fall behind at any share", text, MAX_PERCENT));
            }
            return new Rate(poisson, value, true);
        }
        double perSecond = unit.equals("/min") ? value / 60 : value;
        checkIssuable(perSecond, text);
        return new Rate(poisson, perSecond, false);
    }

    /** Refuses a rate the harness cannot send on time. */
    static void checkIssuable(double perSecond, String asGiven) {
        if (perSecond > MAX_PER_SECOND) {
            throw new BadInputException(String.format(Locale.ROOT, "--arrivals: %s is beyond what this harness can issue"
                    + " on time (at most %.0f requests per second, 10 us apart); lower the rate", asGiven, MAX_PER_SECOND));
        }
    }

    /** Requests per second, given the configuration's closed-loop maximum (requests per second). */
    public double perSecond(double closedLoopMax) {
        return ofClosedLoop ? value / 100 * closedLoopMax : value;
    }

    public String kind() {
        return poisson ? "poisson" : "fixed";
    }

    /** As given: {@code poisson:80%}, {@code 30/s}. */
    public String label() {
        String number = Batching.trim(value);
        return (poisson ? "poisson:" : "") + (ofClosedLoop ? number + "%" : number + "/s");
    }
}
