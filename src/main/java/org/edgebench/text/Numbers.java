package org.edgebench.text;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Every number EdgeBench writes: the CSV files of the report and of a comparison (six significant
 * digits, exact enough to redraw), the summary and the comparison's tables (readable).
 */
public final class Numbers {

    private static final MathContext CSV_PRECISION = new MathContext(6);

    private Numbers() {
    }

    /** Six significant digits, no exponent; empty for NaN or infinity so a missing value is never a zero. */
    public static String csv(double value) {
        if (!Double.isFinite(value)) {
            return "";
        }
        if (value == 0) {
            return "0";
        }
        // Most values (JMH's histogram keeps about three digits) are already short in their shortest decimal
        // form; latency_samples.csv has one per row, so they skip BigDecimal, which gives the same text.
        String shortest = Double.toString(value);
        if (shortest.indexOf('E') < 0 && significantDigits(shortest) <= CSV_PRECISION.getPrecision()) {
            return shortest.endsWith(".0") ? shortest.substring(0, shortest.length() - 2) : shortest;
        }
        // valueOf goes through the shortest decimal form, many times cheaper than the exact binary expansion.
        return BigDecimal.valueOf(value).round(CSV_PRECISION).stripTrailingZeros().toPlainString();
    }

    /** Digits from the first non-zero one, the decimal point not counted: 4 for {@code 0.01250}. */
    private static int significantDigits(String decimal) {
        int digits = 0;
        for (int i = 0; i < decimal.length(); i++) {
            char c = decimal.charAt(i);
            if (c >= '1' && c <= '9' || c == '0' && digits > 0) {
                digits++;
            }
        }
        return digits;
    }

    /** Milliseconds with three significant decimals for small values; "-" when missing. */
    public static String ms(double value) {
        return decimals(value, 100, 10, 0.1, 1);
    }

    /**
     * Microseconds (ONNX Runtime's trace unit): from 1,000 up whole and with thousands separators
     * ({@code 24,939}), below that with the decimals {@link #ms} gives milliseconds; "-" when missing.
     */
    public static String us(double value) {
        return Double.isFinite(value) && Math.abs(value) >= 1000 ? String.format(Locale.ROOT, "%,.0f", value) : ms(value);
    }

    /** Megabytes to about three significant digits ({@code 143}, {@code 1.50}, {@code 0.047}); "-" when missing. */
    public static String mb(double value) {
        return decimals(value, 100, 10, 1, 0);
    }

    /** A number of bytes in binary units with one decimal: {@code 512.0 KiB}, {@code 8.9 MiB}, {@code 45.8 GiB}. */
    public static String bytes(double bytes) {
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes / 1024;
        int unit = 0;
        while (Math.abs(value) >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /**
     * One more decimal below each of three magnitudes, starting from {@code fewest} decimals at
     * {@code first} and above: about three significant digits at any size. "-" when missing.
     */
    private static String decimals(double value, double first, double second, double third, int fewest) {
        if (!Double.isFinite(value)) {
            return "-";
        }
        double magnitude = Math.abs(value);
        int decimals = fewest + (magnitude >= first ? 0 : magnitude >= second ? 1 : magnitude >= third ? 2 : 3);
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /**
     * At most three significant digits at any magnitude, for differences between outputs: {@code 0.0412},
     * {@code 1.25}, {@code 318}; below 0.0001 in scientific form ({@code 3.10e-06}); "-" when missing.
     */
    public static String significant(double value) {
        if (!Double.isFinite(value)) {
            return "-";
        }
        if (value == 0) {
            return "0";
        }
        if (Math.abs(value) < 1e-4) {
            return String.format(Locale.ROOT, "%.2e", value);
        }
        return BigDecimal.valueOf(value).round(new MathContext(3)).toPlainString();
    }

    /**
     * A similarity near 1 with the digits that tell it from 1: four decimals ({@code 0.9871}), more
     * when those would round to 1 ({@code 0.999996}, up to eight), so only 1 itself reads
     * {@code 1.0000}; "-" when missing.
     */
    public static String similarity(double value) {
        if (!Double.isFinite(value)) {
            return "-";
        }
        int decimals = 4;
        while (decimals < 8 && value < 1 && Math.abs(1 - value) < 0.5 * Math.pow(10, -decimals)) {
            decimals++;
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** A setting as the user typed it: {@code 100}, {@code 2.5}. */
    public static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** A rate or a count, rounded, with thousands separators; "-" when missing. */
    public static String count(double value) {
        if (!Double.isFinite(value)) {
            return "-";
        }
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    /** A measured value in its unit as every table prints it: {@link #ms} for milliseconds, {@link #count} for rates. */
    public static String value(double v, String unit) {
        return "ms".equals(unit) ? ms(v) : count(v);
    }

    /** A signed percentage with one decimal: {@code +5.4%}, {@code -12.0%}; "n/a" when missing. */
    public static String change(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%+.1f%%", 100 * fraction);
    }

    /** An unsigned percentage with one decimal: {@code 5.0%}. */
    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    /** The confidence level of an interval at significance {@code alpha}: {@code 95%}, {@code 98.3%}. */
    public static String level(double alpha) {
        double pct = 100 * (1 - alpha);
        return Math.abs(pct - Math.rint(pct)) < 1e-9 ? String.format(Locale.ROOT, "%.0f%%", pct)
                : String.format(Locale.ROOT, "%.1f%%", pct);
    }

    /** An interval of changes: {@code [+1.2%, +8.9%]}. */
    public static String interval(double low, double high) {
        return "[" + change(low) + ", " + change(high) + "]";
    }

    /** A p-value: three decimals, or two significant digits below 0.001 ({@code 4.2e-05}); "-" when missing. */
    public static String pValue(double p) {
        if (Double.isNaN(p)) {
            return "-";
        }
        return p < 0.001 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.3f", p);
    }
}
