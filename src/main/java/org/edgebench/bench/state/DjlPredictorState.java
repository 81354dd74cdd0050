package org.edgebench.bench.state;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.edgebench.model.inputs.ElementTypes;
import org.edgebench.model.inputs.TensorValues;
import org.edgebench.runtime.Sessions;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.List;

/**
 * One caller's DJL {@code Predictor<NDList, NDList>} on the shared {@link DjlModelState}, and its
 * batch of input NDArrays holding the same bytes and shapes as {@link InputBatchState}'s tensors
 * (seeded, or read from the files of {@code -p inputs=}), both built once per trial. One per JMH thread ({@link Scope#Thread}): DJL documents
 * {@code Predictor} as not thread-safe, and each call's outputs are attached to the inputs' manager,
 * so callers sharing either would step on each other.
 */
@State(Scope.Thread)
public class DjlPredictorState {

    @Param({"1", "8", "32"})
    public int batchSize;

    public Predictor<NDList, NDList> predictor;
    /** Inputs in the model's input order, each named after its input. */
    public NDList inputs;
    /** Owns {@link #inputs}; DJL also attaches each call's outputs to it until they are closed. */
    private NDManager inputManager;

    @Setup(Level.Trial)
    public void open(DjlModelState model) {
        predictor = model.zooModel.newPredictor();
        inputManager = model.zooModel.getNDManager().newSubManager();
        inputs = batchOfInputs(model);
    }

    /** The values the model's input source gives for this batch (as {@link InputBatchState} has them), in DJL's arrays. */
    private NDList batchOfInputs(DjlModelState model) {
        List<TensorValues> values;
        try (OrtSession metadata = Sessions.openForMetadata(OrtEnvironment.getEnvironment(), model.modelFile)) {
            values = model.inputSource.values(model.model, metadata.getInputInfo(), batchSize, model.dimValues());
        } catch (OrtException e) {
            throw new IllegalStateException(model.model + ": cannot read its inputs: " + e.getMessage(), e);
        }
        NDList list = new NDList(values.size());
        for (TensorValues value : values) {
            NDArray array = inputManager.create(value.data(), new Shape(value.shape()), dataType(model.model, value));
            array.setName(value.name());
            list.add(array);
        }
        return list;
    }

    private static DataType dataType(String model, TensorValues value) {
        return switch (value.type()) {
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT -> DataType.FLOAT32;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE -> DataType.FLOAT64;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16 -> DataType.FLOAT16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_BFLOAT16 -> DataType.BFLOAT16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8 -> DataType.INT8;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8 -> DataType.UINT8;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32 -> DataType.INT32;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 -> DataType.INT64;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL -> DataType.BOOLEAN;
            default -> throw new IllegalStateException(model + ": input '" + value.name() + "' is "
                    + ElementTypes.name(value.type()) + ", which DJL's OnnxRuntime engine cannot make a tensor of");
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
    }
}
