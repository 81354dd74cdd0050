package org.edgebench.cli;

import org.edgebench.BadInputException;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/**
 * What decides a verdict, the same for {@code compare} and for {@code turns}, which hands them on to
 * the compare of every look: the threshold, the metric and whether inconclusive fails.
 */
final class VerdictOptions {

    @Option(names = "--threshold", paramLabel = "PCT", defaultValue = "5",
            description = "Smallest change that counts, in percent (default: ${DEFAULT-VALUE}).")
    double thresholdPercent;

    @Option(names = "--metric", paramLabel = "METRIC",
            description = "p50, p90, p95, p99 or mean of each fork (default: p50; every one of them for runs side by side).")
    String metric;

    @Option(names = "--strict",
            description = "Exit 1 when any configuration is inconclusive (an interval wider than the threshold, too few "
                    + "forks, an emulated run), not only when one regressed: for gates that must pass on evidence.")
    boolean strict;

    /** The threshold as a fraction, once it is known to be a percentage from 0 to 100. */
    double threshold() {
        if (!(thresholdPercent >= 0 && thresholdPercent < 100)) {
            throw new BadInputException("--threshold " + thresholdPercent + " must be a percentage from 0 to 100");
        }
        return thresholdPercent / 100;
    }

    /** The options again, as {@code compare}'s arguments. */
    List<String> asArguments() {
        List<String> args = new ArrayList<>(List.of("--threshold", Double.toString(thresholdPercent)));
        if (metric != null) {
            args.addAll(List.of("--metric", metric));
        }
        if (strict) {
            args.add("--strict");
        }
        return args;
    }
}
