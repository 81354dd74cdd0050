package org.edgebench.profile;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import org.edgebench.model.Dims;
import org.edgebench.model.inputs.InputPlan;
import org.edgebench.model.inputs.InputSynthesizer;
import org.edgebench.model.ModelCatalog;
import org.edgebench.runtime.OutputValues;
import org.edgebench.runtime.Provider;
import org.edgebench.runtime.SessionProfile;
import org.edgebench.runtime.Sessions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where ONNX Runtime placed a model's nodes when {@code provider} was attached: the nodes (after
 * ONNX Runtime's graph optimizations) that each provider ran, the operator types left to CPU, and
 * how far the outputs are from the CPU provider's on the same inputs. ONNX Runtime runs on CPU
 * whatever a provider cannot take, silently; this says how much that was.
 *
 * <p>Measured by {@link #measure} from one profiled inference (batch 1, synthesized inputs) in a
 * session of its own, so it needs no {@code --profile} and times nothing.
 *
 * @param nodes           nodes that ran, by the provider that ran them (our names: {@code XNNPACK}, {@code CPU})
 * @param cpuOperators    operator types of the nodes that ran on CPU, with their counts
 * @param maxAbsDiffVsCpu the largest absolute difference between this provider's outputs and CPU's; null for CPU itself or when not known
 * @param error           why the placement could not be measured; empty when it was
 */
public record Placement(String model, String provider, String dims, Map<String, Integer> nodes,
                        Map<String, Integer> cpuOperators, Double maxAbsDiffVsCpu, String error) {

    private static final String CPU = Provider.CPU.name();

    public Placement {
        nodes = Collections.unmodifiableSortedMap(new TreeMap<>(nodes));
        cpuOperators = Collections.unmodifiableSortedMap(new TreeMap<>(cpuOperators));
        error = error == null ? "" : error;
    }

    public static Placement failed(String model, String provider, String dims, String error) {
        return new Placement(model, provider, dims, Map.of(), Map.of(), null, error);
    }

    public boolean isFailure() {
        return !error.isEmpty();
    }

    public int totalNodes() {
        return nodes.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int onCpu() {
        return nodes.getOrDefault(CPU, 0);
    }

    /** True when every node ran on the attached provider (always, for CPU itself). */
    public boolean fullyDelegated() {
        return !isFailure() && (CPU.equals(provider) || onCpu() == 0);
    }

    /** {@code student/XNNPACK} (with the dims when there are any). */
    public String label() {
        return model + "/" + provider + (dims.isEmpty() ? "" : " " + dims);
    }

    /**
     * {@code student/XNNPACK: 53 of 67 nodes on XNNPACK; on CPU: Add (12), Transpose (2); outputs vs CPU: max |diff| 3.1e-06}.
     */
    public String line() {
        if (isFailure()) {
            return label() + ": placement not known (" + error + ")";
        }
        if (CPU.equals(provider)) {
            return label() + ": all " + totalNodes() + " nodes on CPU";
        }
        String placed = nodes.getOrDefault(provider, 0) + " of " + totalNodes() + " nodes on " + provider;
        String left = onCpu() == 0 ? "; none on CPU"
                : "; on CPU: " + cpuOperators.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", "));
        String others = nodes.keySet().stream().filter(p -> !p.equals(provider) && !p.equals(CPU)).sorted()
                .map(p -> "; on " + p + ": " + nodes.get(p)).collect(Collectors.joining());
        String diff = maxAbsDiffVsCpu == null ? "" : String.format(Locale.ROOT, "; outputs vs CPU: max |diff| %.2g", maxAbsDiffVsCpu);
        return label() + ": " + placed + left + others + diff;
    }

    /**
     * Runs one profiled inference of {@code model} with {@code provider} attached (and, for another
     * provider than CPU, the same inputs on CPU) and reads the placement from the trace, which is
     * written to {@code scratch} and deleted. A failure is a row saying why, never an exception.
     */
    public static Placement measure(ModelCatalog catalog, String model, Provider provider, int intraOpThreads, String dims,
                                    Path scratch) {
        try {
            Path file = catalog.resolve(model);
            Map<String, Long> dimValues = Dims.forModel(dims, file, "");
            OrtEnvironment env = Sessions.environment();
            SessionProfile profile = new SessionProfile(scratch.resolve("placement-" + ProcessHandle.current().pid() + ".json"));
            try (SessionOptions options = Sessions.options(provider, intraOpThreads, dimValues)) {
                profile.enable(options);
                try (OrtSession session = Sessions.open(env, file, options)) {
                    List<InputPlan> plans = InputSynthesizer.plan(model, session.getInputInfo(), 1, dimValues);
                    Map<String, OnnxTensor> inputs = InputSynthesizer.create(env, plans, InputSynthesizer.SEED);
                    try {
                        Map<String, double[]> outputs = outputs(session, inputs);
                        Double diff = provider == Provider.CPU ? null : maxAbsDiff(outputs, cpuOutputs(env, file, dimValues, inputs));
                        Path trace = profile.end(session);
                        try {
                            return of(model, provider.name(), dims, OrtTrace.read(trace), diff);
                        } finally {
                            Files.deleteIfExists(trace);
                        }
                    } finally {
                        inputs.values().forEach(OnnxTensor::close);
                    }
                }
            }
        } catch (OrtException | IOException | RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceAll("\\s+", " ").strip();
            return failed(model, provider.name(), dims, message);
        }
    }

    /** The placement a trace shows: each node counted once, under the provider that ran it. */
    static Placement of(String model, String provider, String dims, OrtTrace trace, Double maxAbsDiffVsCpu) {
        Map<String, OrtTrace.Kernel> byNode = new LinkedHashMap<>();
        trace.kernels().forEach(k -> byNode.putIfAbsent(k.node(), k));
        Map<String, Integer> nodes = new TreeMap<>();
        Map<String, Integer> cpuOperators = new TreeMap<>();
        for (OrtTrace.Kernel kernel : byNode.values()) {
            String runBy = ourName(kernel.provider());
            nodes.merge(runBy, 1, Integer::sum);
            if (runBy.equals(CPU)) {
                cpuOperators.merge(kernel.opType(), 1, Integer::sum);
            }
        }
        return new Placement(model, provider, dims, nodes, cpuOperators, maxAbsDiffVsCpu, "");
    }

    /** {@code XnnpackExecutionProvider} as {@code XNNPACK}; a provider we have no name for keeps ONNX Runtime's. */
    static String ourName(String ortName) {
        try {
            return Provider.parse(ortName).name();
        } catch (IllegalArgumentException e) {
            return ortName;
        }
    }

    private static Map<String, double[]> cpuOutputs(OrtEnvironment env, Path file, Map<String, Long> dims,
                                                    Map<String, OnnxTensor> inputs) throws OrtException {
        try (SessionOptions options = Sessions.options(Provider.CPU, 1, dims); OrtSession cpu = Sessions.open(env, file, options)) {
            return outputs(cpu, inputs);
        }
    }

    private static Map<String, double[]> outputs(OrtSession session, Map<String, OnnxTensor> inputs) throws OrtException {
        Map<String, double[]> values = new LinkedHashMap<>();
        try (OrtSession.Result result = session.run(inputs)) {
            for (Map.Entry<String, OnnxValue> output : result) {
                if (output.getValue() instanceof OnnxTensor tensor) {
                    OutputValues.of(tensor).ifPresent(v -> values.put(output.getKey(), v));
                }
            }
        }
        return values;
    }

    /** Null when no numeric output is common to both or the shapes differ. */
    static Double maxAbsDiff(Map<String, double[]> a, Map<String, double[]> b) {
        Optional<Double> max = Optional.empty();
        for (Map.Entry<String, double[]> output : a.entrySet()) {
            double[] x = output.getValue();
            double[] y = b.get(output.getKey());
            if (y == null || y.length != x.length) {
                return null;
            }
            double m = 0;
            for (int i = 0; i < x.length; i++) {
                m = Math.max(m, Math.abs(x[i] - y[i]));
            }
            double found = m;
            max = Optional.of(max.map(v -> Math.max(v, found)).orElse(found));
        }
        return max.orElse(null);
    }
}
