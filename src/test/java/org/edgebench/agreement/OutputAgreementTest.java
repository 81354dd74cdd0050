package org.edgebench.agreement;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The agreement figures of {@link OutputAgreement.Tally} on outputs whose differences are worked out by hand. */
class OutputAgreementTest {

    private static final OutputAgreement.Twins TWINS = new OutputAgreement.Twins("m", "m-int8", "CPU", "");

    /**
     * Four records of two classes, the int8 side shifted by +0.5 on the second class: every
     * difference is 0 or 0.5, and the second record's argmax flips from class 0 to class 1.
     */
    @Test
    void aClassifierOverTwoBatchesHasTheHandWorkedFigures() {
        OutputAgreement.Tally tally = new OutputAgreement.Tally();

        tally.add(new double[] {1, 0, 0.2, 0}, new double[] {1, 0.5, 0.2, 0.5}, new long[] {2, 2}, 2);
        tally.add(new double[] {0, 1, 3, 4}, new double[] {0, 1.5, 3, 4.5}, new long[] {2, 2}, 2);
        OutputAgreement a = tally.result(TWINS, "logits", "synthesized (seed 1)", 4);

        assertThat(a.maxAbsDiff()).isEqualTo(0.5);
        // Four of eight elements differ by 0.5.
        assertThat(a.meanAbsError()).isEqualTo(0.25);
        // Per record: 1/sqrt(1.25), 0.04/(0.2 sqrt(0.29)), 1.5/1.5, 27/(5 sqrt(29.25)).
        double cosine = (0.894427191 + 0.371390676 + 1 + 0.998460353) / 4;
        assertThat(a.cosineSimilarity()).isCloseTo(cosine, within(1e-9));
        assertThat(a.isClassifier()).isTrue();
        assertThat(a.top1Agreement()).isEqualTo(0.75);
        // fp32 classes 0, 0, 1, 1: its most common class takes half.
        assertThat(a.fp32MajorityShare()).isEqualTo(0.5);
        assertThat(a).extracting(OutputAgreement::inputs, OutputAgreement::output, OutputAgreement::error)
                .containsExactly(4L, "logits", "");
    }

    @Test
    void identicalOutputsAgreeFullyAndOneClassForEveryInputIsTheWholeShare() {
        OutputAgreement.Tally tally = new OutputAgreement.Tally();

        tally.add(new double[] {0.1, 0.9, 0.3, 0.7}, new double[] {0.1, 0.9, 0.3, 0.7}, new long[] {2, 2}, 2);
        OutputAgreement a = tally.result(TWINS, "y", "", 2);

        assertThat(a.maxAbsDiff()).isZero();
        assertThat(a.meanAbsError()).isZero();
        assertThat(a.cosineSimilarity()).isEqualTo(1);
        assertThat(a.top1Agreement()).isEqualTo(1);
        assertThat(a.fp32MajorityShare()).isEqualTo(1);
    }

    /**
     * {@code [batch, 2, 2]} is no classifier: records are still split on the batch, and the
     * second record, all zeros on one side, has a cosine of 0.
     */
    @Test
    void anOutputOfAnotherRankHasNoTop1ButPerRecordCosines() {
        OutputAgreement.Tally tally = new OutputAgreement.Tally();

        tally.add(new double[] {1, 2, 3, 4, 0, 0, 0, 0}, new double[] {1, 2, 3, 4, 0, 0, 0, 1}, new long[] {2, 2, 2}, 2);
        OutputAgreement a = tally.result(TWINS, "y", "", 2);

        assertThat(a.maxAbsDiff()).isEqualTo(1);
        assertThat(a.meanAbsError()).isEqualTo(1.0 / 8);
        assertThat(a.cosineSimilarity()).isEqualTo(0.5);
        assertThat(a.isClassifier()).isFalse();
        assertThat(a.top1Agreement()).isNaN();
        assertThat(a.fp32MajorityShare()).isNaN();
    }

    /** An output without the batch as its first dimension is one record per call: here a scalar of each side. */
    @Test
    void anOutputWithoutTheBatchIsOneRecordPerCall() {
        OutputAgreement.Tally tally = new OutputAgreement.Tally();

        tally.add(new double[] {2, 0}, new double[] {-2, 0}, new long[] {2}, 4);
        tally.add(new double[] {0, 0}, new double[] {0, 0}, new long[] {2}, 4);
        OutputAgreement a = tally.result(TWINS, "y", "", 8);

        // Opposite vectors, then two all-zero ones (taken as the same): (-1 + 1) / 2.
        assertThat(a.cosineSimilarity()).isZero();
        assertThat(a.maxAbsDiff()).isEqualTo(4);
        assertThat(a.meanAbsError()).isEqualTo(1);
        assertThat(a.isClassifier()).isFalse();
        assertThat(a.inputs()).isEqualTo(8);
    }

    @Test
    void nothingAddedHasNoFigures() {
        OutputAgreement a = new OutputAgreement.Tally().result(TWINS, "y", "", 0);

        assertThat(a.maxAbsDiff()).isNaN();
        assertThat(a.meanAbsError()).isNaN();
        assertThat(a.cosineSimilarity()).isNaN();
        assertThat(a.isClassifier()).isFalse();
    }

    @Test
    void aFailureCarriesItsReasonAndNoFigures() {
        OutputAgreement a = OutputAgreement.failed(TWINS, "synthesized (seed 1)", "shapes differ");

        assertThat(a.isFailure()).isTrue();
        assertThat(a.error()).isEqualTo("shapes differ");
        assertThat(a.maxAbsDiff()).isNaN();
        assertThat(TWINS.label()).isEqualTo("m-int8 vs m on CPU");
        assertThat(new OutputAgreement.Twins("m", "m-int8", "CPU", "seq=8").label()).isEqualTo("m-int8 vs m on CPU (dims seq=8)");
    }
}
