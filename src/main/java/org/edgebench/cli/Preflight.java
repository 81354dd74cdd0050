package org.edgebench.cli;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.edgebench.BadInputException;
import org.edgebench.model.Dims;
import org.edgebench.model.InputSynthesizer;
import org.edgebench.model.ModelCatalog;
import org.edgebench.model.ModelInspector;
import org.edgebench.model.ModelInspector.ModelDescription;
import org.edgebench.runtime.Provider;
import org.edgebench.runtime.ProviderCheck;
import org.edgebench.runtime.Sessions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything that can be known wrong before a fork starts: unknown or unavailable providers, bad
 * batch sizes and thread counts, missing or broken models, inputs that cannot be synthesized,
 * unresolved symbolic dimensions. A bad value stops the run with one line instead of failing in
 * every fork; an unavailable provider is dropped with its reason.
 */
public final class Preflight {

    /** The checked run: parameter values to hand JMH, skipped providers, the models' descriptions. */
    public record Checked(Map<String, List<String>> params, List<ProviderCheck.Skipped> skipped,
                          List<ModelDescription> models) {
    }

    private Preflight() {
    }

    public static Checked check(Map<String, List<String>> requested, ModelCatalog catalog, ProviderCheck providers) {
        Map<String, List<String>> params = new LinkedHashMap<>(requested);

        ProviderCheck.Resolution resolution = providers.resolve(requested.get("provider"));
        if (resolution.run().isEmpty()) {
            throw new BadInputException("no provider left to run: " + String.join("; ",
                    resolution.skipped().stream().map(ProviderCheck.Skipped::line).toList())
                    + ". Providers in this ONNX Runtime build: " + providers.availableNames()
                    + " (another build: -Donnxruntime.native.path=DIR, see README)");
        }
        params.put("provider", resolution.run().stream().map(Provider::name).toList());

        List<Integer> batchSizes = integers("batchSize", requested.get("batchSize"), 1);
        integers("intraOpThreads", requested.get("intraOpThreads"), 0);
        List<Map<String, Long>> dims = requested.get("dims").stream().map(Dims::parse).toList();

        List<ModelDescription> models = new ArrayList<>();
        for (String model : requested.get("model")) {
            Path file = catalog.resolve(model);
            ModelDescription description = ModelInspector.describe(ModelCatalog.displayName(model), file);
            if (description.error() != null) {
                throw new BadInputException(description.error());
            }
            checkInputs(model, file, batchSizes, dims);
            models.add(description);
        }
        return new Checked(Map.copyOf(params), resolution.skipped(), List.copyOf(models));
    }

    private static void checkInputs(String model, Path file, List<Integer> batchSizes, List<Map<String, Long>> dims) {
        try (OrtSession session = Sessions.openForMetadata(Sessions.environment(), file)) {
            for (int batch : batchSizes) {
                for (Map<String, Long> dim : dims) {
                    InputSynthesizer.plan(model, session.getInputInfo(), batch, dim);
                }
            }
        } catch (OrtException e) {
            throw new BadInputException(model + ": cannot read its inputs: " + e.getMessage(), e);
        }
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
