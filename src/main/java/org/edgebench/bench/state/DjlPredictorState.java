package org.edgebench.bench.state;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.edgebench.model.Dims;
import org.edgebench.model.InputSynthesizer;
import org.edgebench.model.ModelCatalog;
import org.edgebench.runtime.Provider;
import org.edgebench.runtime.ProviderCheck;
import org.edgebench.runtime.Sessions;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A DJL {@code Predictor<NDList, NDList>} on DJL's OnnxRuntime engine, loaded offline from a local
 * .onnx file with a {@link NoopTranslator}, and one batch of input NDArrays holding the same seeded
 * bytes and shapes as {@link InputBatchState}'s tensors, both built once per trial.
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
public class DjlPredictorState {

    private static final String ENGINE = "OnnxRuntime";

    /** A model name from models/ or a path to an .onnx file. */
    @Param(ModelCatalog.DEFAULT_MODEL)
    public String model;

    @Param({"1", "8", "32"})
    public int batchSize;

    @Param("CPU")
    public Provider provider;

    /** Threads of ONNX Runtime's intra-op pool, through DJL's {@code intraOpNumThreads}; 0 keeps the default. */
    @Param("0")
    public int intraOpThreads;

    /** Symbolic dimensions other than the batch, e.g. {@code sequence_length=128}; empty for none. */
    @Param("")
    public String dims;

    public ZooModel<NDList, NDList> zooModel;
    public Predictor<NDList, NDList> predictor;
    /** Inputs in the model's input order, each named after its input. */
    public NDList inputs;
    /** Owns {@link #inputs}; DJL also attaches each call's outputs to it until they are closed. */
    private NDManager inputManager;

    @Setup(Level.Trial)
    public void open() throws OrtException, IOException, ModelNotFoundException, MalformedModelException {
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
        Path file = ModelCatalog.standard().resolve(model);
        Criteria.Builder<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(file)
                .optEngine(ENGINE)
                .optTranslator(new NoopTranslator());
        if (intraOpThreads > 0) {
            criteria.optOption("intraOpNumThreads", Integer.toString(intraOpThreads));
        }
        zooModel = criteria.build().loadModel();
        predictor = zooModel.newPredictor();
        inputManager = zooModel.getNDManager().newSubManager();
        inputs = seededInputs(file);
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

    /** The bytes {@link InputSynthesizer} makes for this model and batch, copied into DJL's arrays. */
    private NDList seededInputs(Path file) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        List<InputSynthesizer.InputPlan> plans;
        try (OrtSession metadata = Sessions.openForMetadata(env, file)) {
            plans = InputSynthesizer.plan(model, metadata.getInputInfo(), batchSize, Dims.forModel(dims, file));
        }
        Map<String, OnnxTensor> tensors = InputSynthesizer.create(env, plans, InputSynthesizer.SEED);
        try {
            NDList list = new NDList(plans.size());
            for (InputSynthesizer.InputPlan plan : plans) {
                NDArray array = inputManager.create(tensors.get(plan.name()).getByteBuffer(),
                        new Shape(plan.shape()), dataType(plan));
                array.setName(plan.name());
                list.add(array);
            }
            return list;
        } finally {
            tensors.values().forEach(OnnxTensor::close);
        }
    }

    private DataType dataType(InputSynthesizer.InputPlan plan) {
        return switch (plan.elementType()) {
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT -> DataType.FLOAT32;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE -> DataType.FLOAT64;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16 -> DataType.FLOAT16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_BFLOAT16 -> DataType.BFLOAT16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8 -> DataType.INT8;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8 -> DataType.UINT8;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32 -> DataType.INT32;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 -> DataType.INT64;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL -> DataType.BOOLEAN;
            default -> throw new IllegalStateException(model + ": input '" + plan.name() + "' is "
                    + InputSynthesizer.typeName(plan.elementType())
                    + ", which DJL's OnnxRuntime engine cannot make a tensor of");
        };
    }

    @TearDown(Level.Trial)
    public void close() {
        if (inputManager != null) {
            inputManager.close();
        }
        if (predictor != null) {
            predictor.close();
        }
        if (zooModel != null) {
            zooModel.close();
        }
    }
}
