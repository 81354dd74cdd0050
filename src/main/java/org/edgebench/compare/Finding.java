package org.edgebench.compare;

/**
 * The comparison of one configuration.
 *
 * @param baselineValue  median over the baseline's forks
 * @param candidateValue median over the candidate's forks
 * @param change         {@code candidateValue / baselineValue - 1}, signed as measured (for
 *                       throughput a positive change is an improvement)
 * @param ciLow          lower end of the bootstrap interval for {@code change}
 * @param ciHigh         upper end of that interval
 * @param pValue         two-sided Mann-Whitney U p-value over forks, NaN when not tested
 * @param adjustedPValue {@code pValue} after Holm's correction across the configurations tested
 * @param reason         one short sentence saying why the verdict is what it is
 */
public record Finding(ForkSamples samples, double baselineValue, double candidateValue, double change,
                      double ciLow, double ciHigh, double pValue, double adjustedPValue,
                      Verdict verdict, String reason) {

    public Direction direction() {
        return samples.direction();
    }

    /** The same statistics with another verdict and reason. */
    public Finding judged(Verdict newVerdict, String newReason) {
        return new Finding(samples, baselineValue, candidateValue, change, ciLow, ciHigh, pValue, adjustedPValue,
                newVerdict, newReason);
    }
}
