package org.edgebench.bench.state;

/**
 * ONNX Runtime's operator failure on the unmeasured first call of a trial: the model rejects these
 * input values (an index, an axis, a size out of range). It carries ONNX Runtime's message only,
 * without a stack trace, so JMH prints it in a few lines and the launcher turns it into its
 * one-line hint about real inputs.
 */
public final class InputsRejectedException extends RuntimeException {

    public InputsRejectedException(String onnxRuntimeMessage) {
        super(onnxRuntimeMessage, null, false, false);
    }
}
