package org.edgebench.bench.state;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import org.edgebench.model.inputs.InputSource;
import org.edgebench.model.ModelCatalog;
import org.edgebench.runtime.Provider;
import org.edgebench.runtime.ProviderCheck;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;

/**
 * A DJL {@code ZooModel<NDList, NDList>} on DJL's OnnxRuntime engine, loaded offline from a local
 * .onnx file with a {@link NoopTranslator} once per trial and shared by every caller, each of
 * which makes its own predictor from it ({@link DjlPredictorState}): DJL documents a model as
 * shareable between threads and a predictor as not.
 *
 * <p>DJL's OnnxRuntime engine runs on the ONNX Runtime of the class path (ours; the engine's own
 * dependency is excluded in the pom) and has no native loader of its own. DJL is set offline, and
 * its fallback to another engine for unsupported operators is switched off, so a trial neither
 * downloads anything nor loads a second native library.
 *
 * <p>It takes the parameters of every session ({@link SessionParams}), with these differences that
 * DJL imposes: only the CPU provider (another is refused in {@link #open()}), threads through
 * DJL's {@code intraOpNumThreads}, and {@code dims} shapes the inputs but is not passed to ONNX
 * Runtime as symbolic dimension values, because DJL's engine has no option for them.
 *
 * <p>DJL's engine creates ONNX Runtime's process-wide environment itself (with global thread
 * pools) and fails when one already exists, so this state must be the first user of ONNX Runtime
 * in its JVM; JMH's forks guarantee that.
 */
@State(Scope.Benchmark)
public class DjlModelState extends SessionParams {

    private static final String ENGINE = "OnnxRuntime";

    public ZooModel<NDList, NDList> zooModel;

    @Setup(Level.Trial)
    public void open() throws IOException, ModelNotFoundException, MalformedModelException {
        if (provider != Provider.CPU) {
            throw new IllegalStateException(provider + ": DJL's OnnxRuntime engine attaches only CPU here"
                    + " (it adds CUDA for a GPU device and TensorRT, ROCm or CoreML through its ortDevice option,"
                    + " none of which this ONNX Runtime build has); run " + provider + " with OrtSessionRunBenchmark");
        }
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intraOpThreads must be >= 0, was " + intraOpThreads);
        }
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.onnx.disable_alternative", "true");
        startEngine();
        ProviderCheck.forThisBuild().require(provider);
        modelFile = ModelCatalog.standard().resolve(model);
        inputSource = InputSource.of(inputs, modelFile);
        Criteria.Builder<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(modelFile)
                .optEngine(ENGINE)
                .optTranslator(new NoopTranslator());
        if (intraOpThreads > 0) {
            criteria.optOption("intraOpNumThreads", Integer.toString(intraOpThreads));
        }
        zooModel = criteria.build().loadModel();
    }

    /**
     * Starts DJL's engine before anything else touches ONNX Runtime: it insists on creating the
     * environment, and says so only as an unrelated-looking error otherwise.
     */
    private static void startEngine() {
        try {
            Engine.getEngine(ENGINE);
        } catch (IllegalStateException | ExceptionInInitializerError | NoClassDefFoundError e) {
            throw new IllegalStateException("DJL's OnnxRuntime engine could not start: it creates ONNX Runtime's"
                    + " environment itself and fails when this JVM already made one (run DJL in its own fork): "
                    + e, e);
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        if (zooModel != null) {
            zooModel.close();
        }
    }
}
