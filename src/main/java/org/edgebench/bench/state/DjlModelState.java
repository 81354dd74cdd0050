package org.edgebench.bench.state;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import org.edgebench.model.ModelCatalog;
import org.edgebench.runtime.Provider;
import org.edgebench.runtime.ProviderCheck;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Path;

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
 * <p>Differences from {@link OrtSessionState} that DJL imposes: only the CPU provider (see
 * {@link #open()}), and {@code dims} shapes the inputs but is not passed to ONNX Runtime as symbolic
 * dimension values, because DJL's engine has no option for them.
 *
 * <p>DJL's engine creates ONNX Runtime's process-wide environment itself (with global thread
 * pools) and fails when one already exists, so this state must be the first user of ONNX Runtime
 * in its JVM; JMH's forks guarantee that.
 */
@State(Scope.Benchmark)
public class DjlModelState {

    private static final String ENGINE = "OnnxRuntime";

    /** A model name from models/ or a path to an .onnx file. */
    @Param(ModelCatalog.DEFAULT_MODEL)
    public String model;

    @Param("CPU")
    public Provider provider;

    /** Threads of ONNX Runtime's intra-op pool, through DJL's {@code intraOpNumThreads}; 0 keeps the default. */
    @Param("0")
    public int intraOpThreads;

    /** Symbolic dimensions other than the batch, e.g. {@code sequence_length=128}; empty for none. */
    @Param("")
    public String dims;

    /** The resolved model file. */
    public Path file;
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
        file = ModelCatalog.standard().resolve(model);
        Criteria.Builder<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(file)
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
