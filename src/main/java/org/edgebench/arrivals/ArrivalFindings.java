package org.edgebench.arrivals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What arrivals.csv says, computed once for the summary's section "Under an arrival rate": one line
 * per configuration with its closed-loop maximum and, after a sweep, its peak rate within the budget;
 * one line per rate tried with several batchers saying which (B, T) keeps the budget with the most
 * headroom; a table of every schedule; notes on how to read it. Report renders it; nothing here
 * formats for one output only.
 *
 * @param advice  the batcher for each rate tried with several, to stand beside the closed-loop batch advice
 * @param numeric which columns to right-align
 */
public record ArrivalFindings(List<String> lines, List<String> advice, List<String> headers, List<Boolean> numeric,
                              List<List<String>> rows, List<String> notes) {

    public static final String TITLE = "Under an arrival rate (open loop)";

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public static ArrivalFindings of(List<ArrivalRow> rows) {
        List<String> lines = new ArrayList<>();
        List<String> advice = new ArrayList<>();
        Map<String, List<ArrivalRow>> byConfiguration = new LinkedHashMap<>();
        rows.forEach(r -> byConfiguration.computeIfAbsent(r.configuration(), k -> new ArrayList<>()).add(r));
        byConfiguration.forEach((configuration, own) -> {
            double closed = own.get(0).closedLoopPerS();
            lines.add(String.format(Locale.ROOT, "%s: closed-loop maximum %s calls/s (its benchmark, one call after another)",
                    configuration, Double.isNaN(closed) ? "unknown" : String.format(Locale.ROOT, "%,.0f", closed)));
            lines.addAll(peaks(own));
            advice.addAll(batcherAdvice(own));
        });
        boolean workers = rows.stream().anyMatch(r -> r.workers() > 1);
        List<String> headers = new ArrayList<>(List.of("configuration", "arrivals", "offered/s", "achieved/s", "workers", "batcher",
                "mean batch", "queue", "response P50", "response P99", "waiting P99", "service P50", "within budget"));
        List<Boolean> numeric = new ArrayList<>(List.of(false, false, true, true, true, false, true, false, true, true, true, true,
                false));
        if (!workers) {
            headers.remove(4);
            numeric.remove(4);
        }
        List<List<String>> table = new ArrayList<>();
        for (ArrivalRow r : rows) {
            List<String> cells = new ArrayList<>(List.of(r.configuration(),
                    r.run().equals(ArrivalRow.SWEEP) ? (r.peak() ? "sweep: peak" : "sweep") : r.asked(),
                    String.format(Locale.ROOT, "%,.0f", r.offeredPerS()), String.format(Locale.ROOT, "%,.0f", r.achievedPerS()),
                    Integer.toString(r.workers()), r.maxBatch() > 1 ? r.batching().label() : "none",
                    String.format(Locale.ROOT, "%.2f", r.meanBatch()), ArrivalRunner.keepsUp(r), ArrivalRunner.ms(r.response().p50()),
                    bounded(r.response(), 99, r.requests()), bounded(r.waiting(), 99, r.requests()),
                    ArrivalRunner.ms(r.serviceP50Ms()), r.withinSlo().isEmpty() ? "-" : r.withinSlo()));
            if (!workers) {
                cells.remove(4);
            }
            table.add(List.copyOf(cells));
        }
        List<String> notes = List.of(
                "Each request is timed from its scheduled arrival to its completion: response = waiting (in the queue, and"
                        + " for a batch to fill) + service (the call). A closed loop (the tables above) never waits, so it"
                        + " cannot show the queue that builds when requests arrive faster than they are served.",
                "P99 is shown with its early-stopping bound (MLPerf LoadGen's rule): the value the true"
                        + " percentile stays below at 99% confidence; 'not bounded' when the schedule had fewer requests than"
                        + " the bound needs (" + TailBound.samplesNeeded(0.99) + " for P99; arrivals.csv has P95 and P99.9 too, with"
                        + " theirs). Within budget: the queue kept up and the bound of P" + percentileOf(rows)
                        + " is within the budget.",
                "The queue 'falls behind' when it grew over the schedule's second half by more than the arrivals' own"
                        + " randomness explains; its growth per second is how much faster requests came than they left.");
        return new ArrivalFindings(lines, advice, List.copyOf(headers), List.copyOf(numeric), table, notes);
    }

    private static String percentileOf(List<ArrivalRow> rows) {
        return rows.isEmpty() ? "99" : Batching.trim(rows.get(0).sloPercentile());
    }

    /** A tail percentile with its bound, or why there is none. */
    static String bounded(ArrivalRow.Tail t, double percentile, long requests) {
        double bound = t.boundAt(percentile);
        return Double.isNaN(bound) ? ArrivalRunner.ms(t.at(percentile)) + " (not bounded, " + requests + " req.)"
                : ArrivalRunner.ms(t.at(percentile)) + " (<= " + ArrivalRunner.ms(bound) + ")";
    }

    /** The sweep's answer per batcher. */
    private static List<String> peaks(List<ArrivalRow> own) {
        List<String> lines = new ArrayList<>();
        Map<String, List<ArrivalRow>> bySeries = new LinkedHashMap<>();
        own.stream().filter(r -> r.run().equals(ArrivalRow.SWEEP)).forEach(r -> bySeries.computeIfAbsent(r.series(), k -> new ArrayList<>()).add(r));
        bySeries.forEach((series, probes) -> {
            ArrivalRow any = probes.get(0);
            String budget = "P" + Batching.trim(any.sloPercentile()) + " within " + Batching.trim(any.sloMs()) + " ms";
            Optional<ArrivalRow> peak = probes.stream().filter(ArrivalRow::peak).findFirst();
            if (peak.isEmpty()) {
                double lowest = probes.stream().mapToDouble(ArrivalRow::offeredPerS).min().orElse(Double.NaN);
                lines.add(String.format(Locale.ROOT, "%s: no Poisson rate probed keeps %s (the lowest, %,.0f/s, did not;"
                        + " %d probes)", series, budget, lowest, probes.size()));
                return;
            }
            ArrivalRow p = peak.get();
            double lowestFailed = probes.stream().filter(r -> !"yes".equals(r.withinSlo())).mapToDouble(ArrivalRow::offeredPerS)
                    .filter(v -> v > p.offeredPerS()).min().orElse(Double.NaN);
            lines.add(String.format(Locale.ROOT, "%s: peak Poisson rate with %s: %,.0f/s%s (%s; response P%s bound %s);"
                            + " %s; %d probes of %.0f s or more", series, budget, p.offeredPerS(),
                    Double.isNaN(p.closedLoopPerS()) ? "" : String.format(Locale.ROOT, ", %.0f%% of the closed-loop maximum",
                            100 * p.offeredPerS() / p.closedLoopPerS()),
                    ArrivalRunner.keepsUp(p), Batching.trim(p.sloPercentile()),
                    ArrivalRunner.ms(p.response().boundAt(p.sloPercentile())),
                    Double.isNaN(lowestFailed) ? "every rate probed kept it, the peak may be higher"
                            : String.format(Locale.ROOT, "%,.0f/s did not", lowestFailed),
                    probes.size(), probes.stream().mapToDouble(ArrivalRow::durationS).min().orElse(0)));
        });
        return lines;
    }

    /**
     * For each rate tried with more than one batcher: the (B, T) whose bound is furthest inside the
     * budget, or, when none keeps it, the one closest to it.
     */
    private static List<String> batcherAdvice(List<ArrivalRow> own) {
        List<String> lines = new ArrayList<>();
        Map<String, List<ArrivalRow>> byRate = new LinkedHashMap<>();
        own.stream().filter(r -> r.run().equals(ArrivalRow.RATE)).forEach(r -> byRate.computeIfAbsent(r.asked() + " w" + r.workers(),
                k -> new ArrayList<>()).add(r));
        byRate.forEach((rate, tried) -> {
            if (tried.size() < 2) {
                return;
            }
            ArrivalRow any = tried.get(0);
            double p = any.sloPercentile();
            String at = any.asked().endsWith("%") ? String.format(Locale.ROOT, "%s at %s (%,.0f/s)", any.configuration(),
                    any.asked(), any.offeredPerS()) : any.configuration() + " at " + any.asked();
            if (Double.isNaN(any.sloMs())) {
                lines.add(at + ": " + tried.size() + " batchers tried; give --slo-ms to choose one");
                return;
            }
            String budget = "P" + Batching.trim(p) + " within " + Batching.trim(any.sloMs()) + " ms";
            Comparator<ArrivalRow> byBound = Comparator.comparingDouble(r -> r.response().boundAt(p));
            Optional<ArrivalRow> best = tried.stream().filter(r -> "yes".equals(r.withinSlo())).min(byBound
                    .thenComparingInt(ArrivalRow::maxBatch).thenComparingDouble(ArrivalRow::maxWaitMs));
            if (best.isPresent()) {
                ArrivalRow b = best.get();
                long keeping = tried.stream().filter(r -> "yes".equals(r.withinSlo())).count();
                lines.add(String.format(Locale.ROOT, "%s: batcher %s keeps %s with the most headroom (P%s bound %s, %s to"
                                + " spare; mean batch %.2f); %d of %d batchers tried keep it", at, b.maxBatch() > 1 ? b.batching().label()
                                : "none (B=1)", budget, Batching.trim(p), ArrivalRunner.ms(b.response().boundAt(p)),
                        ArrivalRunner.ms(b.sloMs() - b.response().boundAt(p)), b.meanBatch(), keeping, tried.size())
                        + (b.batching().batches() && b.maxWaitMs() == 0 && b.meanBatch() < 1.005
                        ? "; its batches held one request and it never waited for more, so its calls were those of no batching"
                        + " and its lead over none is the machine's, not the batcher's" : ""));
                return;
            }
            Optional<ArrivalRow> closest = tried.stream().filter(r -> r.keepsUp() && !Double.isNaN(r.response().boundAt(p))).min(byBound);
            String why;
            if (closest.isPresent()) {
                ArrivalRow c = closest.get();
                why = "; the closest, " + (c.maxBatch() > 1 ? c.batching().label() : "none (B=1)") + ", has a P" + Batching.trim(p)
                        + " bound of " + ArrivalRunner.ms(c.response().boundAt(p));
            } else if (tried.stream().noneMatch(ArrivalRow::keepsUp)) {
                why = "; the queue falls behind with every one";
            } else {
                why = "; those that keep up had too few requests to bound P" + Batching.trim(p) + " (" + any.requests() + " of "
                        + TailBound.samplesNeeded(p / 100) + "; a longer --arrivals-for)";
            }
            lines.add(at + ": none of the " + tried.size() + " batchers tried keeps " + budget + why);
        });
        return lines;
    }
}
