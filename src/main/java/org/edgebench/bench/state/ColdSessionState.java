package org.edgebench.bench.state;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import org.edgebench.model.inputs.InputSource;
import org.edgebench.model.ModelCatalog;
import org.edgebench.runtime.ProviderCheck;
import org.edgebench.runtime.Sessions;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.Map;

/**
 * A session that does not exist yet: what it is made from (the resolved model file, ONNX
 * Runtime's environment, the parameters), resolved before each measured iteration, and the slots
 * where the measured method leaves the session, its options, inputs and first result, so that
 * closing them after the iteration stays out of the measurement.
 */
@State(Scope.Benchmark)
public class ColdSessionState extends SessionParams {

    @Param({"1", "8", "32"})
    public int batchSize;

    public OrtEnvironment env;

    public SessionOptions options;
    public OrtSession session;
    public Map<String, OnnxTensor> inputTensors;
    public OrtSession.Result firstResult;

    /** A cold start is the JVM's first session: refused with more than one caller ({@link SingleCaller}). */
    @Setup(Level.Trial)
    public void oneCaller(BenchmarkParams params) {
        SingleCaller.require(params);
    }

    /**
     * Resolves the model file, reads the input files if {@code inputs} names any (so the
     * measurement builds tensors from values in memory, as it does when it synthesizes them), and
     * creates the environment (which loads ONNX Runtime's native library). The provider is checked against the build's list only
     * ({@link ProviderCheck#requireInBuild}): attaching it here would warm up what the measurement
     * is meant to catch cold.
     */
    @Setup(Level.Iteration)
    public void prepare() {
        ProviderCheck.forThisBuild().requireInBuild(provider);
        modelFile = ModelCatalog.standard().resolve(model);
        inputSource = InputSource.of(inputs, modelFile);
        env = Sessions.environment();
    }

    /** Fresh options with the provider attached and the symbolic dimensions set: part of creating a session. */
    public SessionOptions newOptions() throws OrtException {
        return Sessions.options(provider, intraOpThreads, dimValues());
    }

    @TearDown(Level.Iteration)
    public void close() throws OrtException {
        if (firstResult != null) {
            firstResult.close();
            firstResult = null;
        }
        if (inputTensors != null) {
            inputTensors.values().forEach(OnnxTensor::close);
            inputTensors = null;
        }
        if (session != null) {
            session.close();
            session = null;
        }
        if (options != null) {
            options.close();
            options = null;
        }
    }
}
