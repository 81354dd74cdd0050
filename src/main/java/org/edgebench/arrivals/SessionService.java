package org.edgebench.arrivals;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import org.edgebench.model.Dims;
import org.edgebench.model.inputs.InputPlan;
import org.edgebench.model.inputs.InputSource;
import org.edgebench.model.inputs.InputSynthesizer;
import org.edgebench.model.ModelCatalog;
import org.edgebench.run.Configuration;
import org.edgebench.runtime.Provider;
import org.edgebench.runtime.Sessions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A configuration's session as a {@link Service}: one request is one batch of the configuration's
 * {@code batchSize} records, and {@code k} batched requests are one call on {@code k x batchSize}
 * records. The session is made as the benchmark makes it (provider, intra-op threads, dims), and
 * every batch's input tensors are made before the first schedule, so a call only runs the model
 * and closes its result.
 */
public final class SessionService implements Service, AutoCloseable {

    private final OrtSession session;
    private final SessionOptions options;
    private final List<Map<String, OnnxTensor>> inputs = new ArrayList<>();

    /** @param maxBatch the most requests one call will serve */
    public SessionService(ModelCatalog catalog, Configuration c, int maxBatch) throws OrtException {
        Provider provider = Provider.parse(c.provider().isEmpty() ? Provider.CPU.name() : c.provider());
        int threads = c.intraOpThreads().isEmpty() ? 0 : Integer.parseInt(c.intraOpThreads());
        int batchSize = c.itemsPerOp();
        Path file = catalog.resolve(c.model());
        String files = c.params().getOrDefault(Configuration.INPUTS, "");
        Map<String, Long> dims = Dims.forModel(c.params().getOrDefault(Configuration.DIMS, ""), file, files);
        OrtEnvironment env = Sessions.environment();
        options = Sessions.options(provider, threads, dims);
        OrtSession opened = null;
        try {
            opened = Sessions.open(env, file, options);
            for (int k = 1; k <= maxBatch; k++) {
                int records = k * batchSize;
                if (files.isBlank()) {
                    List<InputPlan> plans = InputSynthesizer.plan(c.model(), opened.getInputInfo(), records, dims);
                    inputs.add(InputSynthesizer.create(env, plans, InputSynthesizer.SEED));
                } else {
                    inputs.add(InputSource.of(files, file).tensors(env, c.model(), opened.getInputInfo(), records, dims));
                }
            }
        } catch (OrtException | RuntimeException e) {
            inputs.forEach(batch -> batch.values().forEach(OnnxTensor::close));
            if (opened != null) {
                opened.close();
            }
            options.close();
            throw e;
        }
        session = opened;
    }

    @Override
    public void serve(int requests) throws OrtException {
        try (OrtSession.Result ignored = session.run(inputs.get(requests - 1))) {
            // The outputs are made by the call; closing them frees their native memory.
        }
    }

    @Override
    public void close() throws OrtException {
        inputs.forEach(batch -> batch.values().forEach(OnnxTensor::close));
        session.close();
        options.close();
    }
}
