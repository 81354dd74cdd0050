package org.edgebench.bench.state;

import org.edgebench.model.Dims;
import org.edgebench.model.inputs.InputSource;
import org.edgebench.model.ModelCatalog;
import org.edgebench.runtime.Provider;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.nio.file.Path;
import java.util.Map;

/**
 * The JMH parameters that say which session to build and what to feed it: model, provider,
 * threads, symbolic dimensions and where the input values come from. Shared by the states that
 * build a session (warm once per trial, cold per measured call, or DJL's model), so every
 * benchmark takes the same parameters with the same defaults.
 */
// JMH takes @Param only in @State classes; the subclasses are the states benchmarks use.
@State(Scope.Benchmark)
public abstract class SessionParams {

    /** A model name from models/ or a path to an .onnx file. */
    @Param(ModelCatalog.DEFAULT_MODEL)
    public String model;

    @Param({"CPU", "XNNPACK"})
    public Provider provider;

    /** Threads of ONNX Runtime's intra-op pool; 0 keeps ONNX Runtime's default (one per core). */
    @Param("0")
    public int intraOpThreads;

    /** Symbolic dimensions other than the batch, e.g. {@code sequence_length=128}; empty for none. */
    @Param("")
    public String dims;

    /**
     * Where the input values come from: empty synthesizes them, {@code auto} reads the model's
     * {@code test_data_set_0}, anything else is a folder of {@code input_N.pb} or {@code .npy}
     * files ({@link InputSource}).
     */
    @Param("")
    public String inputs;

    /** The resolved model file, set by the subclass's setup. */
    public Path modelFile;

    /** The source of {@link #inputs}, with its files read, set by the subclass's setup after {@link #modelFile}. */
    public InputSource inputSource;

    /** The {@link #dims} parameter, or for synthesized inputs the model's default dims when it is empty. */
    public Map<String, Long> dimValues() {
        return Dims.forModel(dims, modelFile, inputs);
    }
}
