package org.edgebench.agreement;

import java.util.HashMap;
import java.util.Map;

/**
 * How closely an int8 model's output follows its fp32 twin's on the same inputs: what the
 * speed-up of quantization costs in output error, which the course's quantization lab gates on.
 * One per model pair, provider and output (compared by name); a pair whose outputs could not be
 * compared has one with no output, no figures and the reason in {@link #error}.
 *
 * @param output           the output's name, the same in both models; empty when the comparison failed before any output
 * @param inputSource      where the inputs came from, e.g. {@code synthesized (seed 20261123)}
 * @param inputs           the input records (batch items) both models were given
 * @param maxAbsDiff       the largest |fp32 - int8| over every element of every record
 * @param meanAbsError     the mean |fp32 - int8| over every element of every record
 * @param cosineSimilarity the mean over records of the cosine between the two models' outputs for that record
 *                         (1 when both are all zeros, 0 when only one is)
 * @param top1Agreement    for a classifier ({@code [batch, classes]}, classes >= 2), the share of records whose
 *                         largest class is the same in both; NaN for other outputs
 * @param fp32MajorityShare for a classifier, the share of records in the fp32 model's most common top-1 class: the
 *                         agreement a model answering that class to everything would reach, so top-1 agreement
 *                         says something only below it; NaN for other outputs
 * @param error            why the outputs could not be compared; empty when they were
 */
public record OutputAgreement(Twins twins, String output, String inputSource, long inputs, double maxAbsDiff,
                              double meanAbsError, double cosineSimilarity, double top1Agreement,
                              double fp32MajorityShare, String error) {

    /**
     * What was compared: the fp32 model, its int8 twin, the provider both ran on and the run's
     * {@code dims} parameter (empty: each model's default).
     */
    public record Twins(String model, String int8Model, String provider, String dims) {

        /** {@code student-int8 vs student on CPU}, with the dims when there are any. */
        public String label() {
            return int8Model + " vs " + model + " on " + provider + (dims.isEmpty() ? "" : " (dims " + dims + ")");
        }
    }

    /** A pair whose outputs could not be compared, and why. */
    public static OutputAgreement failed(Twins twins, String inputSource, String reason) {
        return new OutputAgreement(twins, "", inputSource, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                reason);
    }

    public boolean isFailure() {
        return !error.isEmpty();
    }

    /** True when the output is a classifier's, so {@link #top1Agreement} is a share. */
    public boolean isClassifier() {
        return !Double.isNaN(top1Agreement);
    }

    /**
     * Adds up one output's differences over batches. A batch's output is split into records along
     * its first dimension when that is the batch size (one record per input), else the whole output
     * of the call is one record.
     */
    public static final class Tally {

        private long elements;
        private long records;
        private long top1Agreeing;
        private double sumAbs;
        private double maxAbs;
        private double sumCosine;
        private boolean classifier = true;
        /** How many records the fp32 model put in each class (by index). */
        private final Map<Integer, Long> fp32Classes = new HashMap<>();

        /**
         * Adds one call's output of both models.
         *
         * @param fp32      the fp32 model's values, row-major
         * @param int8      the int8 model's values for the same inputs, same shape
         * @param shape     the output's shape (both models')
         * @param batchSize the records in the call's inputs
         */
        public void add(double[] fp32, double[] int8, long[] shape, int batchSize) {
            if (fp32.length != int8.length) {
                throw new IllegalArgumentException("outputs of " + fp32.length + " and " + int8.length + " values");
            }
            boolean batched = shape.length >= 1 && shape[0] == batchSize && batchSize > 0;
            int n = batched ? batchSize : 1;
            classifier &= batched && shape.length == 2 && shape[1] >= 2;
            int width = fp32.length / n;
            for (int r = 0; r < n; r++) {
                int from = r * width;
                double dot = 0;
                double fp32Norm = 0;
                double int8Norm = 0;
                int fp32Top = from;
                int int8Top = from;
                for (int i = from; i < from + width; i++) {
                    double diff = Math.abs(fp32[i] - int8[i]);
                    sumAbs += diff;
                    maxAbs = diff > maxAbs || Double.isNaN(diff) ? diff : maxAbs;
                    dot += fp32[i] * int8[i];
                    fp32Norm += fp32[i] * fp32[i];
                    int8Norm += int8[i] * int8[i];
                    fp32Top = fp32[i] > fp32[fp32Top] ? i : fp32Top;
                    int8Top = int8[i] > int8[int8Top] ? i : int8Top;
                }
                sumCosine += cosine(dot, fp32Norm, int8Norm);
                top1Agreeing += fp32Top == int8Top ? 1 : 0;
                fp32Classes.merge(fp32Top - from, 1L, Long::sum);
            }
            elements += fp32.length;
            records += n;
        }

        private static double cosine(double dot, double aNorm, double bNorm) {
            if (aNorm == 0 && bNorm == 0) {
                return 1;
            }
            if (aNorm == 0 || bNorm == 0) {
                return 0;
            }
            return Math.max(-1, Math.min(1, dot / (Math.sqrt(aNorm) * Math.sqrt(bNorm))));
        }

        /** The figures so far; NaN where nothing was added. */
        public OutputAgreement result(Twins twins, String output, String inputSource, long inputs) {
            boolean any = records > 0;
            boolean classes = any && classifier;
            long majority = fp32Classes.values().stream().mapToLong(Long::longValue).max().orElse(0);
            return new OutputAgreement(twins, output, inputSource, inputs, any ? maxAbs : Double.NaN,
                    any ? sumAbs / elements : Double.NaN, any ? sumCosine / records : Double.NaN,
                    classes ? (double) top1Agreeing / records : Double.NaN,
                    classes ? (double) majority / records : Double.NaN, "");
        }
    }
}
