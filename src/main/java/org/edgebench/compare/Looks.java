package org.edgebench.compare;

import org.edgebench.BadInputException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A paired comparison looked at while rounds arrive: after every {@code block} pairs, up to
 * {@code cap} pairs, so a check can stop as soon as every configuration is decided instead of
 * always running the most rounds.
 *
 * <p>Looking again and again at growing data and stopping at the first verdict raises the chance
 * of a wrong one: each look is another chance for noise to cross a line. So every look is judged
 * at {@code alpha / looks()} (Bonferroni over the looks): the test's level and the interval's
 * coverage both. By the union bound the chance that any look gives a false "regressed" or
 * "improved", or an interval that misses the true change (so a false "unchanged"), stays at most
 * {@code alpha} over the whole check. A configuration's verdict is the first look's that decides
 * it (regressed, improved or unchanged) and it keeps it; one that no look decides keeps the last
 * look's finding. A configuration that regressed ends the check at that look: a gate fails on it
 * whatever the others would say, and more rounds cannot take the verdict back, so they would only
 * cost time. docs/compare.md has the error rates this gave on measured pairs.
 *
 * @param block pairs added between looks
 * @param cap   the most pairs; the last look is at {@code cap}
 */
public record Looks(int block, int cap) {

    public Looks {
        if (block < 1 || cap < block) {
            throw new BadInputException("--sequential BLOCK/CAP needs 1 <= BLOCK <= CAP, was " + block + "/" + cap);
        }
    }

    /** {@code BLOCK/CAP}, e.g. {@code 8/24}: looks after 8, 16 and 24 pairs. */
    public static Looks parse(String value) {
        String[] parts = value.split("/", -1);
        try {
            if (parts.length == 2) {
                return new Looks(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadInputException("--sequential " + value + ": expected BLOCK/CAP in pairs, e.g. 8/24 (looks after 8, 16 and 24 pairs)");
    }

    /** The number of looks: one per block, the last at the cap. */
    public int looks() {
        return (cap + block - 1) / block;
    }

    /** The pairs at look {@code k} (1-based). */
    public int pairsAt(int k) {
        return Math.min(k * block, cap);
    }

    /** The check each look applies: {@code check}'s threshold, at its alpha shared out over the looks. */
    public RegressionCheck perLook(RegressionCheck check) {
        return new RegressionCheck(check.threshold(), check.alpha() / looks(), check.resamples(), true);
    }

    /**
     * Every configuration's verdict from the looks that {@code available} pairs allow.
     *
     * @param configurations each with as many baseline as candidate values, in round order
     * @throws BadInputException when there are fewer pairs than the first look needs
     */
    public Outcome judge(RegressionCheck check, List<ForkSamples> configurations) {
        int available = configurations.stream().mapToInt(s -> s.baseline().length).min().orElse(0);
        if (available < block) {
            throw new BadInputException("--sequential " + block + "/" + cap + ": the first look needs " + block
                    + " pairs, the runs hold " + available);
        }
        RegressionCheck perLook = perLook(check);
        int k = configurations.size();
        Finding[] decided = new Finding[k];
        List<Finding> last = List.of();
        int look = 0;
        while (look < looks() && pairsAt(look + 1) <= available) {
            look++;
            int n = pairsAt(look);
            List<ForkSamples> prefix = configurations.stream().map(s -> firstPairs(s, n)).toList();
            last = perLook.judge(prefix);
            for (int i = 0; i < k; i++) {
                Finding f = last.get(i);
                if (decided[i] == null && f.verdict() != Verdict.INCONCLUSIVE) {
                    decided[i] = annotated(f, look, n);
                }
            }
            if (Arrays.stream(decided).allMatch(d -> d != null) || anyRegressed(decided)) {
                break;
            }
        }
        List<Finding> findings = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            findings.add(decided[i] != null ? decided[i] : annotated(last.get(i), look, pairsAt(look)));
        }
        boolean complete = look == looks() || Arrays.stream(decided).allMatch(d -> d != null) || anyRegressed(decided);
        return new Outcome(findings, look, looks(), complete);
    }

    /**
     * @param findings one per configuration, in the order given
     * @param look     the last look taken
     * @param looks    the most looks the check allows
     * @param complete every configuration is decided, one regressed, or the cap is reached: no more rounds help
     */
    public record Outcome(List<Finding> findings, int look, int looks, boolean complete) {
    }

    private static boolean anyRegressed(Finding[] decided) {
        return Arrays.stream(decided).anyMatch(d -> d != null && d.verdict() == Verdict.REGRESSED);
    }

    private Finding annotated(Finding f, int look, int pairs) {
        String where = String.format(Locale.ROOT, "look %d of %d (%d pairs, each look at alpha/%d)", look, looks(), pairs, looks());
        return f.judged(f.verdict(), f.reason() + "; " + where);
    }

    private static ForkSamples firstPairs(ForkSamples s, int n) {
        return new ForkSamples(s.configuration(), s.direction(), Arrays.copyOf(s.baseline(), n), Arrays.copyOf(s.candidate(), n));
    }
}
