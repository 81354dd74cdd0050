package org.edgebench.plan;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import org.edgebench.BadInputException;
import org.edgebench.bench.state.SingleCaller;
import org.edgebench.model.Dims;
import org.edgebench.model.inputs.InputPlan;
import org.edgebench.model.inputs.InputSource;
import org.edgebench.model.ModelCatalog;
import org.edgebench.runtime.ModelInspector;
import org.edgebench.runtime.ModelInspector.ModelDescription;
import org.edgebench.run.Configuration;
import org.edgebench.runtime.Provider;
import org.edgebench.runtime.ProviderCheck;
import org.edgebench.runtime.Sessions;
import org.edgebench.runtime.ThisMachine;
import org.edgebench.text.Numbers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything that can be known wrong before a fork starts: unknown or unavailable providers, bad
 * batch sizes and thread counts, missing or broken models, inputs that cannot be made, input
 * folders that are missing or whose files do not fit the model ({@code -p inputs=}), unresolved
 * symbolic dimensions, batches whose tensors (every caller's) cannot fit in memory, benchmarks
 * that cannot have the callers asked for. A bad value stops the run with one line
 * instead of failing in every fork; an unavailable provider is dropped with its reason.
 */
public final class Preflight {

    /** The checked run: parameter values to hand JMH, skipped providers, the models' descriptions. */
    public record Checked(Map<String, List<String>> params, List<ProviderCheck.Skipped> skipped,
                          List<ModelDescription> models) {
    }

    private Preflight() {
    }

    /**
     * @param callers the most callers any configuration will have: each holds its own input and
     *                output tensors, so that many batches must fit in memory at once
     */
    public static Checked check(Map<String, List<String>> requested, ModelCatalog catalog, ProviderCheck providers,
                                int callers) {
        Map<String, List<String>> params = new LinkedHashMap<>(requested);

        ProviderCheck.Resolution resolution = providers.resolve(requested.get(Configuration.PROVIDER));
        if (resolution.run().isEmpty()) {
            throw new BadInputException("no provider left to run: " + String.join("; ",
                    resolution.skipped().stream().map(ProviderCheck.Skipped::line).toList())
                    + ". Providers in this ONNX Runtime build: " + providers.availableNames()
                    + " (another build: -Donnxruntime.native.path=DIR, see README)");
        }
        params.put(Configuration.PROVIDER, resolution.run().stream().map(Provider::name).toList());

        List<Integer> batchSizes = integers(Configuration.BATCH_SIZE, requested.get(Configuration.BATCH_SIZE), 1);
        integers(Configuration.INTRA_OP_THREADS, requested.get(Configuration.INTRA_OP_THREADS), 0);
        requested.get(Configuration.DIMS).forEach(Dims::parse);

        long available = ThisMachine.availableMemoryBytes();
        List<String> inputs = requested.getOrDefault(Configuration.INPUTS, List.of());
        List<ModelDescription> models = new ArrayList<>();
        for (String model : requested.get(Configuration.MODEL)) {
            Path file = catalog.resolve(model);
            ModelDescription description = ModelInspector.describe(ModelCatalog.displayName(model), file);
            if (description.error() != null) {
                throw new BadInputException(description.error());
            }
            checkInputs(model, file, inputs.isEmpty() ? List.of("") : inputs, requested.get(Configuration.DIMS), batchSizes,
                    callers, available);
            models.add(description);
        }
        return new Checked(Map.copyOf(params), resolution.skipped(), List.copyOf(models));
    }

    /** The benchmarks refuse more than one caller where their number would mean nothing ({@link SingleCaller}). */
    public static void checkCallers(List<Configuration> configurations) {
        for (Configuration c : configurations) {
            SingleCaller.refusal(c.benchmark(), c.callers()).ifPresent(line -> {
                throw new BadInputException(line);
            });
        }
    }

    /**
     * Every {@code inputs} value's source (a folder that exists and holds a file for every input,
     * or the model's test_data_set_0), its files checked against the model's inputs at every batch
     * size and dims, and the tensors of each such batch against the memory this machine has.
     */
    private static void checkInputs(String model, Path file, List<String> inputs, List<String> dimsValues,
                                    List<Integer> batchSizes, int callers, long availableBytes) {
        try (OrtSession session = Sessions.openForMetadata(Sessions.environment(), file)) {
            for (String inputsValue : inputs) {
                InputSource source = InputSource.of(inputsValue, file);
                for (int batch : batchSizes) {
                    for (String dimsValue : dimsValues) {
                        Map<String, Long> dims = Dims.forModel(dimsValue, file, inputsValue);
                        long one = tensorBytes(model, session, source, batch, dims);
                        long bytes = one > Long.MAX_VALUE / callers ? Long.MAX_VALUE : one * callers;
                        if (availableBytes > 0 && bytes > availableBytes) {
                            String whose = callers == 1 ? " needs %s for its input and output tensors alone"
                                    : " with " + callers + " callers needs %s for their input and output tensors alone"
                                            + " (each caller holds its own)";
                            throw new BadInputException(String.format(Locale.ROOT, "%s at batchSize=%d" + whose
                                            + ", more than the %s this machine has available; use a smaller batchSize%s",
                                    model, batch, size(bytes), size(availableBytes), callers == 1 ? "" : " or fewer callers"));
                        }
                    }
                }
            }
        } catch (OrtException e) {
            throw new BadInputException(model + ": cannot read its inputs: " + e.getMessage(), e);
        }
    }

    /**
     * The bytes of a batch's inputs and outputs. Output shapes come from the model's metadata with
     * the batch and {@code dims} filled in; an output dimension only known at run time counts as
     * 1, so this is a lower bound, and activations inside the model come on top.
     */
    static long tensorBytes(String model, OrtSession session, InputSource inputs, int batch, Map<String, Long> dims)
            throws OrtException {
        try {
            long bytes = 0;
            for (InputPlan plan : inputs.plan(model, session.getInputInfo(), batch, dims)) {
                bytes = Math.addExact(bytes, plan.bytes());
            }
            for (NodeInfo output : session.getOutputInfo().values()) {
                if (output.getInfo() instanceof TensorInfo info) {
                    long elements = 1;
                    boolean batchDone = false;
                    String[] names = info.getDimensionNames();
                    for (int d = 0; d < info.getShape().length; d++) {
                        long size = info.getShape()[d];
                        if (size < 0) {
                            Long given = Dims.valueFor(dims, output.getName(), d, names);
                            size = given != null ? given : batchDone ? 1L : batch;
                            batchDone |= given == null;
                        }
                        elements = Math.multiplyExact(elements, size);
                    }
                    bytes = Math.addExact(bytes, Math.multiplyExact(elements, Math.max(1, info.type.size)));
                }
            }
            return bytes;
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static String size(long bytes) {
        return bytes == Long.MAX_VALUE ? "more bytes than a long can count" : Numbers.bytes(bytes);
    }

    private static List<Integer> integers(String param, List<String> values, int min) {
        List<Integer> out = new ArrayList<>();
        for (String value : values) {
            int n;
            try {
                n = Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw new BadInputException(param + " must be a whole number >= " + min + ", was '" + value + "'");
            }
            if (n < min) {
                throw new BadInputException(param + " must be >= " + min + ", was " + n);
            }
            out.add(n);
        }
        return out;
    }
}
