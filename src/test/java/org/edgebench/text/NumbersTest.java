package org.edgebench.text;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class NumbersTest {

    /** The shortcut for short decimals gives exactly what rounding through BigDecimal gives. */
    @Test
    void csvKeepsSixSignificantDigitsWithoutExponent() {
        double[] edges = {0, -0.0, 1, 2.0, 100, 1200, 0.001, 0.000123456789, 123456, 1234567, 12345678.9, 0.5826559999999999,
                0.401408, 1e-9, 9.999995, 99999.95, -3.25, 1e21, Double.MIN_VALUE};
        for (double v : edges) {
            assertThat(Numbers.csv(v)).as(Double.toString(v)).isEqualTo(viaBigDecimal(v));
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            // JMH-like quantised values in ms and arbitrary doubles over many magnitudes
            double quantised = (random.nextLong(1, 1 << 10) << random.nextInt(0, 20)) / 1e6;
            double any = Math.pow(10, random.nextDouble(-8, 9)) * (random.nextBoolean() ? 1 : -1);
            assertThat(Numbers.csv(quantised)).as(Double.toString(quantised)).isEqualTo(viaBigDecimal(quantised));
            assertThat(Numbers.csv(any)).as(Double.toString(any)).isEqualTo(viaBigDecimal(any));
        }
        assertThat(Numbers.csv(Double.NaN)).isEmpty();
        assertThat(Numbers.csv(Double.POSITIVE_INFINITY)).isEmpty();
    }

    /** Output differences keep three significant digits at any size; similarities keep the digits that tell them from 1. */
    @Test
    void agreementFiguresReadAtAnyMagnitude() {
        assertThat(Numbers.significant(0.0412345)).isEqualTo("0.0412");
        assertThat(Numbers.significant(0.275159)).isEqualTo("0.275");
        assertThat(Numbers.significant(318.46)).isEqualTo("318");
        assertThat(Numbers.significant(0.5)).isEqualTo("0.5");
        assertThat(Numbers.significant(0.00031)).isEqualTo("0.00031");
        assertThat(Numbers.significant(3.1e-6)).isEqualTo("3.10e-06");
        assertThat(Numbers.significant(0)).isEqualTo("0");
        assertThat(Numbers.significant(Double.NaN)).isEqualTo("-");

        assertThat(Numbers.similarity(0.996892)).isEqualTo("0.9969");
        assertThat(Numbers.similarity(0.9999873)).isEqualTo("0.99999");
        assertThat(Numbers.similarity(0.99999996)).isEqualTo("0.99999996");
        assertThat(Numbers.similarity(1)).isEqualTo("1.0000");
        assertThat(Numbers.similarity(0.5)).isEqualTo("0.5000");
        assertThat(Numbers.similarity(-0.25)).isEqualTo("-0.2500");
        assertThat(Numbers.similarity(Double.NaN)).isEqualTo("-");
    }

    /** The comparison's table: four significant digits, percentages with one decimal, short p-values. */
    @Test
    void tableFormatsReadAtAGlance() {
        // A comparison's value prints as the summary prints the same value.
        assertThat(Numbers.value(0.50429, "ms")).isEqualTo(Numbers.ms(0.50429)).isEqualTo("0.504");
        assertThat(Numbers.value(13.874, "ms")).isEqualTo("13.87");
        assertThat(Numbers.value(2324.4, "ops/s")).isEqualTo(Numbers.count(2324.4)).isEqualTo("2,324");
        assertThat(Numbers.value(Double.NaN, "ms")).isEqualTo("-");
        assertThat(Numbers.change(0.054)).isEqualTo("+5.4%");
        assertThat(Numbers.change(-0.12)).isEqualTo("-12.0%");
        assertThat(Numbers.percent(0.05)).isEqualTo("5.0%");
        assertThat(Numbers.interval(0.012, 0.089)).isEqualTo("[+1.2%, +8.9%]");
        assertThat(Numbers.pValue(0.0159)).isEqualTo("0.016");
        assertThat(Numbers.pValue(0.000042)).isEqualTo("4.2e-05");
        assertThat(Numbers.pValue(Double.NaN)).isEqualTo("-");
    }

    /** The operator profile's microseconds: whole with separators from a thousand, else as milliseconds read. */
    @Test
    void microsecondsReadWholeFromAThousand() {
        assertThat(Numbers.us(24938.9)).isEqualTo("24,939");
        assertThat(Numbers.us(1000)).isEqualTo("1,000");
        assertThat(Numbers.us(999.94)).isEqualTo("999.9");
        assertThat(Numbers.us(35.123)).isEqualTo("35.12");
        assertThat(Numbers.us(8.133)).isEqualTo("8.133");
        assertThat(Numbers.us(Double.NaN)).isEqualTo("-");
    }

    private static String viaBigDecimal(double v) {
        return BigDecimal.valueOf(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
