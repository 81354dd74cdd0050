package org.edgebench.bench.state;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import org.edgebench.model.inputs.InputSource;
import org.edgebench.model.ModelCatalog;
import org.edgebench.runtime.ProviderCheck;
import org.edgebench.runtime.SessionProfile;
import org.edgebench.runtime.Sessions;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.util.Map;

/**
 * An ONNX Runtime session on one model, with one execution provider and intra-op thread count,
 * created once per trial and shared by every caller (JMH thread): {@code OrtSession.run} may be
 * called from several threads at once, and serving one session to concurrent requests is what
 * {@code -t}/{@code --callers} measure. The launcher checks providers before JMH starts; the check
 * here makes a provider this build lacks fail loudly when the class is run by plain JMH too.
 *
 * <p>With {@code -Dedgebench.profile=<file>} ({@link SessionProfile}, the launcher's {@code --profile}
 * fork) the session is created with ONNX Runtime's profiler on, and the trace is written to that
 * file at the end of the trial.
 */
@State(Scope.Benchmark)
public class OrtSessionState extends SessionParams {

    public OrtEnvironment env;
    public OrtSession session;
    private SessionOptions options;
    private SessionProfile profile;

    @Setup(Level.Trial)
    public void open() throws OrtException, IOException {
        open(Map.of());
    }

    /**
     * Opens the session with ONNX Runtime session config entries on top of the provider's settings,
     * e.g. {@code session.intra_op.allow_spinning=0} for the instruction count's single-threaded session.
     */
    public void open(Map<String, String> configEntries) throws OrtException, IOException {
        ProviderCheck.forThisBuild().require(provider);
        modelFile = ModelCatalog.standard().resolve(model);
        inputSource = InputSource.of(inputs, modelFile);
        env = Sessions.environment();
        options = Sessions.options(provider, intraOpThreads, dimValues());
        for (Map.Entry<String, String> entry : configEntries.entrySet()) {
            options.addConfigEntry(entry.getKey(), entry.getValue());
        }
        profile = SessionProfile.requested().orElse(null);
        if (profile != null) {
            profile.enable(options);
        }
        session = Sessions.open(env, modelFile, options);
        // Set up before the callers' states, which each add their tensors to the new trial's count.
        TensorFootprint.reset();
    }

    @TearDown(Level.Trial)
    public void close() throws OrtException, IOException {
        if (session != null) {
            if (profile != null) {
                profile.end(session);
            }
            session.close();
        }
        if (options != null) {
            options.close();
        }
    }
}
