package org.edgebench.compare;

import java.util.Locale;

/** Number formats shared by the comparison's table, CSV and chart. */
final class Format {

    private Format() {
    }

    /** Four significant digits, plain notation: {@code 1.234}, {@code 12.35}, {@code 1235}. */
    static String value(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double magnitude = Math.abs(v);
        int decimals = magnitude >= 1000 ? 0 : magnitude >= 100 ? 1 : magnitude >= 10 ? 2 : magnitude >= 1 ? 3 : 4;
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** A signed percentage with one decimal: {@code +5.4%}, {@code -12.0%}. */
    static String change(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%+.1f%%", 100 * fraction);
    }

    /** An unsigned percentage with one decimal: {@code 5.0%}. */
    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    static String interval(double low, double high) {
        return "[" + change(low) + ", " + change(high) + "]";
    }

    static String pValue(double p) {
        if (Double.isNaN(p)) {
            return "-";
        }
        return p < 0.001 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.3f", p);
    }

    /** A plain number for CSV: full precision, empty for NaN. */
    static String csv(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
