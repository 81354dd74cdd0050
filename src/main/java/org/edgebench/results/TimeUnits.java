package org.edgebench.results;

import org.edgebench.BadInputException;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Converts JMH score units to milliseconds. JMH writes a time per operation ({@code "ns/op"},
 * {@code "us/op"}, {@code "ms/op"}, {@code "s/op"}, {@code "min/op"}, {@code "hr/op"},
 * {@code "day/op"}) for AverageTime, SampleTime and SingleShotTime, and operations per time
 * ({@code "ops/s"}, {@code "ops/ms"}...) for Throughput.
 */
public final class TimeUnits {

    /* Milliseconds per unit of each score unit seen; every histogram value is converted, so the unit is parsed once. */
    private static final Map<String, Double> MILLIS_PER_UNIT = new ConcurrentHashMap<>();

    private TimeUnits() {
    }

    /** True when {@code scoreUnit} is a rate ({@code ops/<time>}) rather than a time per operation. */
    public static boolean isRate(String scoreUnit) {
        return scoreUnit.startsWith("ops/");
    }

    /** True when this class can convert {@code scoreUnit}. */
    public static boolean isKnown(String scoreUnit) {
        int slash = scoreUnit.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String timePart = isRate(scoreUnit) ? scoreUnit.substring(slash + 1) : scoreUnit.substring(0, slash);
        boolean perOp = isRate(scoreUnit) || scoreUnit.endsWith("/op");
        return perOp && millisIn(timePart) > 0;
    }

    /**
     * A value in {@code scoreUnit} as milliseconds per operation: scaled for a time per
     * operation, the reciprocal for a rate (so 250 ops/s becomes 4 ms/op).
     */
    public static double toMillisPerOp(String scoreUnit, double value) {
        double millis = MILLIS_PER_UNIT.computeIfAbsent(scoreUnit, unit -> millisIn(timePart(unit)));
        return isRate(scoreUnit) ? millis / value : value * millis;
    }

    /** A value in {@code scoreUnit} as operations per second (the reciprocal for a time per operation). */
    public static double toOpsPerSecond(String scoreUnit, double value) {
        return 1000.0 / toMillisPerOp(scoreUnit, value);
    }

    private static String timePart(String scoreUnit) {
        if (!isKnown(scoreUnit)) {
            throw new BadInputException("unknown JMH score unit '" + scoreUnit + "': expected a time per op (ns/op, us/op, ms/op, s/op) or ops per time (ops/s, ops/ms...)");
        }
        int slash = scoreUnit.indexOf('/');
        return isRate(scoreUnit) ? scoreUnit.substring(slash + 1) : scoreUnit.substring(0, slash);
    }

    /** Milliseconds in one of JMH's time unit abbreviations, or 0 when unknown. */
    private static double millisIn(String unit) {
        return switch (unit) {
            case "ns" -> 1e-6;
            case "us", "\u00b5s" -> 1e-3;
            case "ms" -> 1.0;
            case "s", "sec" -> 1000.0;
            case "min" -> 60_000.0;
            case "hr" -> 3_600_000.0;
            case "day" -> 86_400_000.0;
            default -> 0.0;
        };
    }
}
