package org.edgebench.compare;

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
 *       is not significant, or too few forks to ever be significant, is inconclusive; otherwise
 *       unchanged.</li>
 * </ul>
 *
 * @param threshold  smallest relative change that counts, e.g. 0.05
 * @param alpha      family-wise significance level, e.g. 0.05
 * @param resamples  bootstrap resamples per configuration
 */
public record RegressionCheck(double threshold, double alpha, int resamples) {

    public static final double DEFAULT_ALPHA = 0.05;
    public static final int DEFAULT_RESAMPLES = 2000;

    public RegressionCheck {
        if (!(threshold >= 0) || !(alpha > 0 && alpha < 1) || resamples < 100) {
            throw new IllegalArgumentException("threshold >= 0, 0 < alpha < 1, resamples >= 100");
        }
    }

    public static RegressionCheck withThreshold(double threshold) {
        return new RegressionCheck(threshold, DEFAULT_ALPHA, DEFAULT_RESAMPLES);
    }

    /** The fewest forks per side (equal sides) with which a single comparison can reach {@code alpha}. */
    public int minimumForksPerSide() {
        int n = 1;
        while (MannWhitney.smallestPValue(n, n) >= alpha) {
            n++;
        }
        return n;
    }

    /** One finding per configuration, in the order given. */
    public List<Finding> judge(List<ForkSamples> configurations) {
        int k = configurations.size();
        double[] change = new double[k];
        double[][] interval = new double[k][];
        double[] p = new double[k];
        List<Integer> tested = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            ForkSamples s = configurations.get(i);
            change[i] = Bootstrap.median(s.candidate()) / Bootstrap.median(s.baseline()) - 1;
            interval[i] = Bootstrap.relativeChangeInterval(s.baseline(), s.candidate(), resamples,
                    1 - alpha, s.configuration().hashCode());
            p[i] = Double.NaN;
            if (canReachSignificance(s)) {
                p[i] = MannWhitney.pValue(s.baseline(), s.candidate());
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
        return MannWhitney.smallestPValue(s.baseline().length, s.candidate().length) < alpha;
    }

    private Finding decide(ForkSamples s, double change, double[] ci, double p, double adjusted, int familySize) {
        double baseline = Bootstrap.median(s.baseline());
        double candidate = Bootstrap.median(s.candidate());
        Verdict verdict;
        String reason;
        boolean beyondThreshold = Math.abs(change) > threshold;
        if (Double.isNaN(p)) {
            // Even a large change is not called: with so few forks one slow fork decides it.
            reason = String.format(Locale.ROOT, "%d vs %d forks can never be significant; use >= %d forks per side",
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
                    worse ? "worse" : "better", Format.percent(Math.abs(change)), Format.percent(threshold),
                    Format.pValue(adjusted), familySize);
        } else if (beyondThreshold) {
            verdict = Verdict.INCONCLUSIVE;
            reason = String.format(Locale.ROOT, "change beyond %s but not significant (p=%s after Holm over %d%s)",
                    Format.percent(threshold), Format.pValue(adjusted), familySize,
                    ciExcludesZero ? "" : ", interval includes 0");
        } else {
            verdict = Verdict.UNCHANGED;
            reason = significant
                    ? String.format(Locale.ROOT, "significant but within %s", Format.percent(threshold))
                    : String.format(Locale.ROOT, "within %s", Format.percent(threshold));
        }
        return new Finding(s, baseline, candidate, change, ci[0], ci[1], p, adjusted, verdict, reason);
    }
}
