package org.edgebench.bench.state;

import org.edgebench.model.Dims;
import org.edgebench.model.ModelCatalog;
import org.edgebench.runtime.Provider;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.nio.file.Path;
import java.util.Map;

/**
 * The JMH parameters that say which session to build: model, provider, threads and symbolic
 * dimensions. Shared by the states that build a session (warm once per trial, or cold per
 * measured call), so every benchmark takes the same parameters with the same defaults.
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

    /** The resolved model file, set by the subclass's setup. */
    public Path modelFile;

    /** The {@link #dims} parameter, or the model's default dims when it is empty. */
    public Map<String, Long> dimValues() {
        return Dims.forModel(dims, modelFile);
    }
}
