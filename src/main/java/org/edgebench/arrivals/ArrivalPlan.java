package org.edgebench.arrivals;

import org.edgebench.BadInputException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code --arrivals} asks for, checked before any fork starts: the rates, whether to sweep for
 * the peak rate within the budget, for how long each schedule runs, how many workers serve it and
 * which dynamic batchers (B, T) to try.
 *
 * @param sweepPercentile the percentile the budget holds for, in the sweep and the batcher advice (99)
 * @param sloMs           the budget ({@code --slo-ms}), or NaN when it was not given
 */
public record ArrivalPlan(List<Rate> rates, boolean sweep, long durationNanos, int workers, List<Batching> batchings,
                          double sloMs, double sweepPercentile) {

    public static final String OPTION = "--arrivals";
    /** Options that only mean something with {@code --arrivals}. */
    public static final List<String> OPTIONS = List.of(OPTION, "--arrivals-for", "--workers", "--max-batch", "--max-wait-ms",
            "--slo-percentile");
    public static final long DEFAULT_DURATION_NANOS = 30_000_000_000L;
    /** The workers per core beyond which they queue for a core (as callers do). */
    static final int MAX_WORKERS_PER_CORE = 4;
    /** Requests of one schedule, at most: 8 bytes each for the schedule and as many for the completions. */
    static final double MAX_REQUESTS = 20_000_000;

    public static final ArrivalPlan NONE = new ArrivalPlan(List.of(), false, 0, 0, List.of(), Double.NaN, 99);

    public boolean isEmpty() {
        return rates.isEmpty() && !sweep;
    }

    public boolean hasBudget() {
        return !Double.isNaN(sloMs);
    }

    /**
     * @param given  the arrival options as given, option to value ({@link #OPTIONS})
     * @param sloMs  the {@code --slo-ms} given, or NaN
     */
    public static ArrivalPlan parse(Map<String, String> given, double sloMs, int cores) {
        if (!given.containsKey(OPTION)) {
            if (!given.isEmpty()) {
                throw new BadInputException(String.join(", ", given.keySet()) + " only apply to an open-loop run: add"
                        + " --arrivals 30/s (or poisson:500/s, poisson:80%, sweep)");
            }
            return NONE;
        }
        List<Rate> rates = new ArrayList<>();
        boolean sweep = false;
        for (String part : given.get(OPTION).split(",", -1)) {
            String item = part.strip().toLowerCase(Locale.ROOT);
            if (item.equals("sweep") || item.equals("poisson:sweep")) {
                sweep = true;
            } else if (item.isEmpty()) {
                throw new BadInputException("--arrivals takes rates joined by commas (e.g. 30/s,poisson:80%,sweep), was '"
                        + given.get(OPTION) + "'");
            } else {
                rates.add(Rate.parse(part));
            }
        }
        if (sweep && Double.isNaN(sloMs)) {
            throw new BadInputException("--arrivals sweep finds the highest rate whose P99 stays within a budget:"
                    + " give the budget with --slo-ms N (e.g. --slo-ms 10)");
        }
        long duration = duration(given.getOrDefault("--arrivals-for", "30s"));
        for (Rate rate : rates) {
            if (!rate.ofClosedLoop() && rate.value() * duration / 1e9 > MAX_REQUESTS) {
                throw new BadInputException(String.format(Locale.ROOT, "--arrivals %s for %s is more than %.0f requests;"
                        + " shorten --arrivals-for", rate.label(), given.getOrDefault("--arrivals-for", "30s"), MAX_REQUESTS));
            }
        }
        int workers = positive("--workers", given.getOrDefault("--workers", "1"));
        if (workers > MAX_WORKERS_PER_CORE * cores) {
            throw new BadInputException(String.format(Locale.ROOT, "--workers %d is more than %dx the %d cores of this machine:"
                    + " the workers would mostly queue for a core", workers, MAX_WORKERS_PER_CORE, cores));
        }
        List<Batching> batchings = batchings(given.getOrDefault("--max-batch", "1"), given.getOrDefault("--max-wait-ms", "0"));
        double percentile = percentile(given.getOrDefault("--slo-percentile", "99"));
        return new ArrivalPlan(List.copyOf(rates), sweep, duration, workers, batchings, sloMs, percentile);
    }

    /** Every B of {@code --max-batch} with every T of {@code --max-wait-ms}; B = 1 once, without a wait. */
    private static List<Batching> batchings(String sizes, String waits) {
        Map<String, Batching> all = new LinkedHashMap<>();
        for (String b : sizes.split(",", -1)) {
            int size = positive("--max-batch", b);
            for (String t : waits.split(",", -1)) {
                double ms = number("--max-wait-ms", t);
                if (ms < 0) {
                    throw new BadInputException("--max-wait-ms: a wait is 0 ms or more, was '" + t + "'");
                }
                Batching batching = size == 1 ? Batching.NONE : Batching.of(size, ms);
                all.putIfAbsent(batching.label(), batching);
            }
        }
        return List.copyOf(all.values());
    }

    static long duration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        double scale;
        String number;
        if (t.endsWith("ms")) {
            scale = 1e6;
            number = t.substring(0, t.length() - 2);
        } else if (t.endsWith("min")) {
            scale = 60e9;
            number = t.substring(0, t.length() - 3);
        } else if (t.endsWith("s")) {
            scale = 1e9;
            number = t.substring(0, t.length() - 1);
        } else {
            throw new BadInputException("--arrivals-for takes a duration with its unit (20s, 500ms, 2min), was '" + text + "'");
        }
        double value = number("--arrivals-for", number);
        long nanos = Math.round(value * scale);
        if (nanos < 100_000_000L || nanos > 3_600_000_000_000L) {
            throw new BadInputException("--arrivals-for is between 100ms and 60min, was '" + text + "'");
        }
        return nanos;
    }

    private static double percentile(String text) {
        double p = number("--slo-percentile", text);
        if (!(p >= 50 && p < 100)) {
            throw new BadInputException("--slo-percentile is a percentile from 50 to below 100 (e.g. 99), was '" + text + "'");
        }
        return p;
    }

    private static int positive(String option, String text) {
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new BadInputException(option + " takes whole numbers of 1 or more, was '" + text + "'");
    }

    private static double number(String option, String text) {
        try {
            double v = Double.parseDouble(text.strip());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new BadInputException(option + " takes a number, was '" + text + "'");
    }
}
