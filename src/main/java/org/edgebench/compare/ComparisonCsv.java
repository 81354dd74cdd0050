package org.edgebench.compare;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.edgebench.text.Csv;
import org.edgebench.text.Numbers;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Writes comparison.csv: one row per configuration, matched or not. */
final class ComparisonCsv {

    /** The columns, in order; a configuration on one side only has {@code status} set and no statistics. */
    enum ComparisonColumn {
        CONFIGURATION, STATUS, METRIC, UNIT, DIRECTION, BASELINE_FORKS, CANDIDATE_FORKS, BASELINE, CANDIDATE,
        CHANGE_PCT, CI_LOW_PCT, CI_HIGH_PCT, P_VALUE, P_HOLM, VERDICT, REASON, BASELINE_FORK_VALUES,
        CANDIDATE_FORK_VALUES;

        String header() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private ComparisonCsv() {
    }

    static void write(Writer out, Comparison comparison) throws IOException {
        CSVFormat format = Csv.builder()
                .setHeader(Arrays.stream(ComparisonColumn.values()).map(ComparisonColumn::header).toArray(String[]::new))
                .get();
        try (CSVPrinter csv = new CSVPrinter(out, format)) {
            for (Comparison.Row row : comparison.rows()) {
                Finding f = row.finding();
                csv.printRecord(row.label(), "compared",
                        row.metricApplies() ? comparison.metric().label() : "mean",
                        row.unit(), f.direction().describe(),
                        f.samples().baseline().length, f.samples().candidate().length,
                        Numbers.csv(f.baselineValue()), Numbers.csv(f.candidateValue()),
                        Numbers.csv(100 * f.change()), Numbers.csv(100 * f.ciLow()), Numbers.csv(100 * f.ciHigh()),
                        Numbers.csv(f.pValue()), Numbers.csv(f.adjustedPValue()), f.verdict().label(), f.reason(),
                        joined(f.samples().baseline()), joined(f.samples().candidate()));
            }
            for (String label : comparison.onlyInBaseline()) {
                csv.printRecord(blankRow(label, "only-in-baseline"));
            }
            for (String label : comparison.onlyInCandidate()) {
                csv.printRecord(blankRow(label, "only-in-candidate"));
            }
        }
    }

    private static Object[] blankRow(String label, String status) {
        Object[] row = new Object[ComparisonColumn.values().length];
        Arrays.fill(row, "");
        row[ComparisonColumn.CONFIGURATION.ordinal()] = label;
        row[ComparisonColumn.STATUS.ordinal()] = status;
        return row;
    }

    private static String joined(double[] values) {
        return Arrays.stream(values).mapToObj(Numbers::csv).collect(Collectors.joining(" "));
    }
}
