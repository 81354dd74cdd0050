package org.edgebench.compare;

import org.edgebench.text.Numbers;
import org.edgebench.stats.Bootstrap;
import org.edgebench.stats.Holm;
import org.edgebench.stats.MannWhitney;
import org.edgebench.stats.Median;
import org.edgebench.stats.WilcoxonSignedRank;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Judges configurations with forks as the unit (docs/compare.md explains the choice):
 *
 * <ul>
 *   <li>change = median of candidate forks / median of baseline forks - 1;</li>
 *   <li>a percentile-bootstrap interval for that change, resampling forks within each side;</li>
 *   <li>a two-sided exact Mann-Whitney U test on the fork values, Holm-corrected across the
 *       configurations that are tested;</li>
 *   <li>regressed or improved only when the change is larger than the threshold, the corrected
 *       p-value is below alpha and the interval excludes zero; a change beyond the threshold that
 *       is not significant, or too few forks to ever be significant, is inconclusive;</li>
 *   <li>unchanged only when the whole interval lies within [-threshold, +threshold]: a point
 *       estimate near zero says nothing when the interval around it is wider than the band, so a
 *       change within the threshold whose interval reaches beyond it is inconclusive too, with
 *       the interval's width and roughly how many more forks would narrow it enough.</li>
 * </ul>
 *
 * <p>Paired ({@code compare --paired}, for runs of the two builds taken alternately): fork i of the
 * candidate is set against fork i of the baseline, which ran next to it and shared the machine's
 * state; change = exp(median of ln(candidate/baseline)) - 1, the interval resamples pairs, and
 * the test is an exact Wilcoxon signed-rank test on the log ratios.
 *
 * @param threshold  smallest relative change that counts, e.g. 0.05
 * @param alpha      family-wise significance level, e.g. 0.05
 * @param resamples  bootstrap resamples per configuration
 * @param paired     fork i of the baseline and fork i of the candidate form a pair
 */
public record RegressionCheck(double threshold, double alpha, int resamples, boolean paired) {

    public static final double DEFAULT_ALPHA = 0.05;
    public static final int DEFAULT_RESAMPLES = 2000;

    public RegressionCheck {
        if (!(threshold >= 0) || !(alpha > 0 && alpha < 1) || resamples < 100) {
            throw new IllegalArgumentException("threshold >= 0, 0 < alpha < 1, resamples >= 100");
        }
    }

    public static RegressionCheck withThreshold(double threshold) {
        return new RegressionCheck(threshold, DEFAULT_ALPHA, DEFAULT_RESAMPLES, false);
    }

    /** This check on paired forks. */
    public RegressionCheck pairedForks() {
        return new RegressionCheck(threshold, alpha, resamples, true);
    }

    /** The fewest forks per side (equal sides) with which a single comparison can reach {@code alpha}. */
    public int minimumForksPerSide() {
        int n = 1;
        while (smallestPValue(n, n) >= alpha) {
            n++;
        }
        return n;
    }

    private double smallestPValue(int baselineForks, int candidateForks) {
        return paired ? WilcoxonSignedRank.smallestPValue(Math.min(baselineForks, candidateForks))
                : MannWhitney.smallestPValue(baselineForks, candidateForks);
    }

    /**
     * One finding per configuration, in the order given.
     *
     * @throws IllegalArgumentException when paired and a configuration's sides differ in length
     */
    public List<Finding> judge(List<ForkSamples> configurations) {
        int k = configurations.size();
        double[] change = new double[k];
        double[][] interval = new double[k][];
        double[] p = new double[k];
        List<Integer> tested = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            ForkSamples s = configurations.get(i);
            long seed = s.configuration().hashCode();
            if (paired) {
                change[i] = Bootstrap.pairedChange(s.baseline(), s.candidate());
                interval[i] = Bootstrap.pairedChangeInterval(s.baseline(), s.candidate(), resamples, 1 - alpha, seed);
            } else {
                change[i] = Median.of(s.candidate()) / Median.of(s.baseline()) - 1;
                interval[i] = Bootstrap.relativeChangeInterval(s.baseline(), s.candidate(), resamples, 1 - alpha, seed);
            }
            p[i] = Double.NaN;
            if (canReachSignificance(s)) {
                p[i] = paired ? WilcoxonSignedRank.pValue(Bootstrap.logRatios(s.baseline(), s.candidate()))
                        : MannWhitney.pValue(s.baseline(), s.candidate());
                tested.add(i);
            }
        }
        double[] adjusted = new double[k];
        Arrays.fill(adjusted, Double.NaN);
        double[] family = tested.stream().mapToDouble(i -> p[i]).toArray();
        double[] familyAdjusted = Holm.adjust(family);
        for (int j = 0; j < tested.size(); j++) {
            adjusted[tested.get(j)] = familyAdjusted[j];
        }

        List<Finding> findings = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            ForkSamples s = configurations.get(i);
            findings.add(decide(s, change[i], interval[i], p[i], adjusted[i], tested.size()));
        }
        return findings;
    }

    private boolean canReachSignificance(ForkSamples s) {
        return smallestPValue(s.baseline().length, s.candidate().length) < alpha;
    }

    private Finding decide(ForkSamples s, double change, double[] ci, double p, double adjusted, int familySize) {
        double baseline = Median.of(s.baseline());
        double candidate = Median.of(s.candidate());
        Verdict verdict;
        String reason;
        boolean beyondThreshold = Math.abs(change) > threshold;
        if (Double.isNaN(p)) {
            // Even a large change is not called: with so few forks one slow fork decides it.
            reason = paired
                    ? String.format(Locale.ROOT, "%d pair%s can never be significant; use >= %d pairs (rounds x forks)",
                            s.baseline().length, s.baseline().length == 1 ? "" : "s", minimumForksPerSide())
                    : String.format(Locale.ROOT, "%d vs %d forks can never be significant; use >= %d forks per side",
                            s.baseline().length, s.candidate().length, minimumForksPerSide());
            return new Finding(s, baseline, candidate, change, ci[0], ci[1], p, adjusted,
                    Verdict.INCONCLUSIVE, reason);
        }
        boolean ciExcludesZero = ci[0] > 0 || ci[1] < 0;
        boolean significant = adjusted < alpha && ciExcludesZero;
        if (beyondThreshold && significant) {
            boolean worse = s.direction().worsening(change) > 0;
            verdict = worse ? Verdict.REGRESSED : Verdict.IMPROVED;
            reason = String.format(Locale.ROOT, "%s by %s (> %s), p=%s after Holm over %d",
                    worse ? "worse" : "better", Numbers.percent(Math.abs(change)), Numbers.percent(threshold),
                    Numbers.pValue(adjusted), familySize);
        } else if (beyondThreshold) {
            verdict = Verdict.INCONCLUSIVE;
            reason = String.format(Locale.ROOT, "change beyond %s but not significant (p=%s after Holm over %d%s)",
                    Numbers.percent(threshold), Numbers.pValue(adjusted), familySize,
                    ciExcludesZero ? "" : ", interval includes 0");
        } else if (ci[0] >= -threshold && ci[1] <= threshold) {
            verdict = Verdict.UNCHANGED;
            reason = significant
                    ? String.format(Locale.ROOT, "significant but within %s", Numbers.percent(threshold))
                    : String.format(Locale.ROOT, "within %s", Numbers.percent(threshold));
        } else {
            verdict = Verdict.INCONCLUSIVE;
            reason = intervalTooWide(s, change, ci);
        }
        return new Finding(s, baseline, candidate, change, ci[0], ci[1], p, adjusted, verdict, reason);
    }

    /**
     * Why a change within the threshold is not called unchanged, and what would settle it. The
     * interval shrinks towards the estimate about as 1/sqrt(n), each side by its own distance
     * (a bootstrap interval need not be symmetric); it must shrink until both ends fit in the band:
     * by a factor {@code f = min((threshold - change) / (high - change), (threshold + change) /
     * (change - low))}, so to n / f^2 forks. A rough guide, not a promise, since the estimate moves
     * as forks are added.
     */
    String intervalTooWide(ForkSamples s, double change, double[] ci) {
        double halfWidth = (ci[1] - ci[0]) / 2;
        String head = String.format(Locale.ROOT, "within %s but the interval is %s wide (+-%s), reaching beyond +-%s",
                Numbers.percent(threshold), Numbers.percent(ci[1] - ci[0]), Numbers.percent(halfWidth),
                Numbers.percent(threshold));
        double above = ci[1] - change;
        double below = change - ci[0];
        double factor = Math.min(above > 0 ? (threshold - change) / above : Double.POSITIVE_INFINITY,
                below > 0 ? (threshold + change) / below : Double.POSITIVE_INFINITY);
        if (!(factor > 0)) {
            // No number of forks narrows a spread interval to zero width.
            return head + (threshold == 0 ? "; a 0% threshold leaves no room for noise"
                    : "; its estimate sits at the threshold, so more forks may settle it either way");
        }
        // The smaller side limits the interval when the sides differ.
        int n = Math.min(s.baseline().length, s.candidate().length);
        long needed = (long) Math.ceil(n / (factor * factor));
        long more = Math.max(1, needed - n);
        String unit = paired ? (more == 1 ? "pair" : "pairs") + " (rounds x forks)"
                : (more == 1 ? "fork" : "forks") + " per side";
        return head + String.format(Locale.ROOT, "; about %d more %s would settle it", more, unit);
    }
}
