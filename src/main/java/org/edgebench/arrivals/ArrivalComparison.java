package org.edgebench.arrivals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Two runs' arrivals.csv side by side, for {@code compare}: each schedule both ran (same
 * configuration, rate as asked, workers and batcher) with its response-time percentile bound on
 * each side, and each sweep's peak rate. One schedule per side has no interval, so this informs and
 * never gives a verdict; the timed verdicts stay those of the closed-loop forks.
 */
public final class ArrivalComparison {

    private ArrivalComparison() {
    }

    /** A Markdown section, or empty when either side has no arrivals.csv rows in common. */
    public static Optional<String> markdown(List<ArrivalRow> baseline, List<ArrivalRow> candidate) {
        Map<String, ArrivalRow> before = byKey(baseline);
        Map<String, ArrivalRow> after = byKey(candidate);
        List<String> rows = new ArrayList<>();
        double percentile = baseline.isEmpty() ? 99 : baseline.get(0).sloPercentile();
        String p = "P" + Batching.trim(percentile);
        before.forEach((key, b) -> {
            ArrivalRow c = after.get(key);
            if (c == null) {
                return;
            }
            String what = b.run().equals(ArrivalRow.SWEEP) ? "sweep: peak" : b.asked();
            String left = b.run().equals(ArrivalRow.SWEEP) ? String.format(Locale.ROOT, "%,.0f/s", b.offeredPerS())
                    : side(b, percentile);
            String right = c.run().equals(ArrivalRow.SWEEP) ? String.format(Locale.ROOT, "%,.0f/s", c.offeredPerS())
                    : side(c, percentile);
            double ratio = b.run().equals(ArrivalRow.SWEEP) ? c.offeredPerS() / b.offeredPerS()
                    : c.response().boundAt(percentile) / b.response().boundAt(percentile);
            rows.add("| " + b.configuration() + " | " + what + " | " + (b.maxBatch() > 1 ? b.batching().label() : "none")
                    + " | " + b.workers() + " | " + left + " | " + right + " | "
                    + (Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.2fx", ratio) : "-") + " |");
        });
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder md = new StringBuilder("\n### Under an arrival rate (open loop)\n\n");
        md.append("Response ").append(p).append(" with its early-stopping bound, each side's arrivals.csv; for a sweep, the peak")
                .append(" Poisson rate within the budget (ratio: candidate / baseline). One schedule per side: no interval,")
                .append(" no verdict.\n\n");
        md.append("| configuration | arrivals | batcher | workers | baseline | candidate | ratio |\n");
        md.append("| --- | --- | --- | ---: | ---: | ---: | ---: |\n");
        rows.forEach(r -> md.append(r).append('\n'));
        return Optional.of(md.toString());
    }

    private static String side(ArrivalRow r, double percentile) {
        double bound = r.response().boundAt(percentile);
        String tail = Double.isNaN(bound) ? ArrivalRunner.ms(r.response().at(percentile)) + " (not bounded)"
                : "<= " + ArrivalRunner.ms(bound);
        return tail + (r.keepsUp() ? "" : ", falls behind");
    }

    /** The rate rows by what was asked, and each sweep's peak. */
    private static Map<String, ArrivalRow> byKey(List<ArrivalRow> rows) {
        Map<String, ArrivalRow> keyed = new LinkedHashMap<>();
        for (ArrivalRow r : rows) {
            if (r.run().equals(ArrivalRow.RATE) || r.peak()) {
                keyed.putIfAbsent(r.configuration() + "|" + (r.peak() ? "peak" : r.asked()) + "|" + r.workers() + "|"
                        + r.batching().label(), r);
            }
        }
        return keyed;
    }
}
