package org.edgebench.agreement;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import org.edgebench.analysis.Workloads;
import org.edgebench.model.Dims;
import org.edgebench.model.inputs.InputPlan;
import org.edgebench.model.inputs.InputSource;
import org.edgebench.model.inputs.InputSynthesizer;
import org.edgebench.model.ModelCatalog;
import org.edgebench.run.Configuration;
import org.edgebench.runtime.OutputValues;
import org.edgebench.runtime.Provider;
import org.edgebench.runtime.Sessions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs an fp32 model and its int8 twin on the same inputs and adds up how far the int8 outputs
 * are from the fp32 ones ({@link OutputAgreement}). Every tensor output of the fp32 model is
 * compared with the int8 model's output of the same name; outputs that are not numeric tensors
 * (sequences, maps, strings) are left out. Nothing here is timed: the launcher calls it after the
 * benchmarks have run, in its own JVM.
 *
 * <p>{@link #add} takes any batch of input tensors, so the inputs can be synthesized ({@link #of})
 * or read from files.
 */
public final class OutputComparison {

    /**
     * Input records both models are given: enough that a top-1 share moves in steps of 0.4% and
     * the mean errors settle, few enough to take about a second for the student models at batch 1.
     */
    public static final int RECORDS = 256;

    /** Between the seeds of consecutive batches: more than {@link InputSynthesizer} steps between one batch's inputs. */
    static final long BATCH_SEED_STEP = 1_000_003L;

    private final OrtSession fp32;
    private final OrtSession int8;
    private final Map<String, OutputAgreement.Tally> tallies = new LinkedHashMap<>();
    private long inputs;

    /**
     * @throws IllegalArgumentException when the int8 model lacks an output of the fp32 model
     */
    public OutputComparison(OrtSession fp32, OrtSession int8) {
        this.fp32 = fp32;
        this.int8 = int8;
        List<String> missing = fp32.getOutputNames().stream().filter(name -> !int8.getOutputNames().contains(name)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the int8 model has no output " + quoted(missing) + " (its outputs: "
                    + quoted(List.copyOf(int8.getOutputNames())) + ")");
        }
    }

    /**
     * Runs both models on one batch and adds their outputs.
     *
     * @param batch     input tensors by name, given to both models; the caller closes them
     * @param batchSize the records in the batch (its first dimension)
     * @throws IllegalArgumentException when an output's shape or element type differs between the models
     */
    public void add(Map<String, OnnxTensor> batch, int batchSize) throws OrtException {
        try (OrtSession.Result a = fp32.run(batch); OrtSession.Result b = int8.run(batch, fp32.getOutputNames())) {
            for (Map.Entry<String, OnnxValue> output : a) {
                String name = output.getKey();
                Optional<double[]> fp32Values = output.getValue() instanceof OnnxTensor t ? OutputValues.of(t) : Optional.empty();
                if (fp32Values.isEmpty()) {
                    continue;
                }
                OnnxValue other = b.get(name).orElseThrow();
                Optional<double[]> int8Values = other instanceof OnnxTensor t ? OutputValues.of(t) : Optional.empty();
                if (int8Values.isEmpty()) {
                    throw new IllegalArgumentException("output '" + name + "' is a numeric tensor in the fp32 model"
                            + " but not in the int8 model");
                }
                long[] shape = ((OnnxTensor) output.getValue()).getInfo().getShape();
                long[] int8Shape = ((OnnxTensor) other).getInfo().getShape();
                if (!Arrays.equals(shape, int8Shape)) {
                    throw new IllegalArgumentException("output '" + name + "' has shape " + Arrays.toString(shape)
                            + " in the fp32 model and " + Arrays.toString(int8Shape) + " in the int8 model");
                }
                tallies.computeIfAbsent(name, n -> new OutputAgreement.Tally())
                        .add(fp32Values.get(), int8Values.get(), shape, batchSize);
            }
        }
        inputs += batchSize;
    }

    /**
     * The figures of every output compared so far, in the fp32 model's output order.
     *
     * @throws IllegalStateException when no output was a numeric tensor
     */
    public List<OutputAgreement> result(OutputAgreement.Twins twins, String inputSource) {
        if (tallies.isEmpty()) {
            throw new IllegalStateException(inputs == 0 ? "no inputs were compared"
                    : "no output of the fp32 model is a numeric tensor " + quoted(List.copyOf(fp32.getOutputNames())));
        }
        List<OutputAgreement> rows = new ArrayList<>();
        tallies.forEach((name, tally) -> rows.add(tally.result(twins, name, inputSource, inputs)));
        return rows;
    }

    /** What {@link #of} compared: the pair, its provider and the run's {@code dims}. */
    public static OutputAgreement.Twins twins(Workloads.Int8Twin twin) {
        return new OutputAgreement.Twins(twin.fp32().model(), twin.int8().model(), twin.fp32().provider(),
                twin.fp32().params().getOrDefault(Configuration.DIMS, ""));
    }

    /** How {@link #of} made its inputs, as agreement.csv's {@code input_source} says it. */
    public static String synthesizedSource() {
        return "synthesized (seed " + InputSynthesizer.SEED + ")";
    }

    /** The input files of {@code -p inputs=VALUE}, as agreement.csv's {@code input_source} says it. */
    static String filesSource(String inputs, int batchSize) {
        return "files (-p inputs=" + inputs + "), the measured batch of " + batchSize;
    }

    /**
     * Compares the twins as the benchmark ran them (provider, intra-op threads, {@code dims}): on
     * the measured batch of the run's input files when it ran with {@code -p inputs=}, else on
     * {@link #RECORDS} synthesized input records, in batches of the configuration's batch size:
     * batch {@code k} is seeded with {@code InputSynthesizer.SEED + k * 1000003}, so the first is
     * the batch the benchmark measured. Never throws: a pair that cannot be compared (a model that
     * does not load, outputs of different shapes) gives one {@link OutputAgreement#failed} row.
     */
    public static List<OutputAgreement> of(ModelCatalog catalog, Workloads.Int8Twin twin) {
        OutputAgreement.Twins twins = twins(twin);
        Configuration c = twin.fp32();
        try {
            Provider provider = Provider.parse(c.provider().isEmpty() ? Provider.CPU.name() : c.provider());
            int threads = c.intraOpThreads().isEmpty() ? 0 : Integer.parseInt(c.intraOpThreads());
            int batchSize = c.hasBatchSize() ? Integer.parseInt(c.batchSize()) : 1;
            Path fp32File = catalog.resolve(c.model());
            Path int8File = catalog.resolve(twin.int8().model());
            String inputs = c.params().getOrDefault(Configuration.INPUTS, "");
            Map<String, Long> dims = Dims.forModel(twins.dims(), fp32File, inputs);
            OrtEnvironment env = Sessions.environment();
            try (SessionOptions options = Sessions.options(provider, threads, dims);
                 OrtSession fp32 = Sessions.open(env, fp32File, options);
                 OrtSession int8 = Sessions.open(env, int8File, options)) {
                OutputComparison comparison = new OutputComparison(fp32, int8);
                if (!inputs.isBlank()) {
                    // Real inputs: the batch the benchmark measured, records repeated as it repeated them.
                    Map<String, OnnxTensor> batch = InputSource.of(inputs, fp32File)
                            .tensors(env, c.model(), fp32.getInputInfo(), batchSize, dims);
                    try {
                        comparison.add(batch, batchSize);
                    } finally {
                        batch.values().forEach(OnnxTensor::close);
                    }
                    return comparison.result(twins, filesSource(inputs, batchSize));
                }
                List<InputPlan> plans = InputSynthesizer.plan(c.model(), fp32.getInputInfo(), batchSize, dims);
                int batches = (RECORDS + batchSize - 1) / batchSize;
                for (int k = 0; k < batches; k++) {
                    Map<String, OnnxTensor> batch = InputSynthesizer.create(env, plans, InputSynthesizer.SEED + k * BATCH_SEED_STEP);
                    try {
                        comparison.add(batch, batchSize);
                    } finally {
                        batch.values().forEach(OnnxTensor::close);
                    }
                }
                return comparison.result(twins, synthesizedSource());
            }
        } catch (OrtException | RuntimeException e) {
            return List.of(OutputAgreement.failed(twins, synthesizedSource(), oneLine(e)));
        }
    }

    private static String quoted(List<String> names) {
        return names.stream().map(n -> "'" + n + "'").reduce((x, y) -> x + ", " + y).orElse("none");
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : Sessions.oneLine(message);
    }
}
