package org.edgebench.runtime;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession.SessionOptions;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The execution providers the ONNX Runtime Java API can attach. Each constant configures a
 * {@link SessionOptions} itself, so a benchmark never branches on the provider.
 *
 * <p>{@code intraOpThreads} is the JMH parameter of the same name: 0 leaves ONNX Runtime's default.
 */
public enum Provider {

    /** Always there: nothing to attach. */
    CPU(OrtProvider.CPU),
    /**
     * ONNX Runtime's XNNPACK guidance: the session's own pool at one thread without spinning, and
     * XNNPACK's pool sized through its provider option, so the two pools do not fight for cores.
     */
    XNNPACK(OrtProvider.XNNPACK) {
        @Override
        void setThreads(SessionOptions options, int intraOpThreads) throws OrtException {
            options.setIntraOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
        }

        @Override
        void attach(SessionOptions options, int intraOpThreads) throws OrtException {
            int threads = intraOpThreads > 0 ? intraOpThreads : Runtime.getRuntime().availableProcessors();
            options.addXnnpack(Map.of("intra_op_num_threads", Integer.toString(threads)));
        }
    },
    CUDA(OrtProvider.CUDA, options -> options.addCUDA(0)),
    TENSORRT(OrtProvider.TENSOR_RT, options -> options.addTensorrt(0)),
    ROCM(OrtProvider.ROCM, options -> options.addROCM()),
    DNNL(OrtProvider.DNNL, options -> options.addDnnl(true)),
    OPENVINO(OrtProvider.OPEN_VINO, options -> options.addOpenVINO("CPU")),
    COREML(OrtProvider.CORE_ML, options -> options.addCoreML()),
    NNAPI(OrtProvider.NNAPI, options -> options.addNnapi()),
    QNN(OrtProvider.QNN, options -> options.addQnn(Map.of("backend_type", "htp"))),
    ACL(OrtProvider.ACL, options -> options.addACL(false)),
    DIRECTML(OrtProvider.DIRECT_ML, options -> options.addDirectML(0)),
    /** Attached by name: {@code SessionOptions.addWebGPU} is newer than some Java APIs this project builds against. */
    WEBGPU(OrtProvider.WEBGPU, options -> attachByName(options, "addWebGPU"));

    /** Adds a provider to session options, the way each {@code SessionOptions.addX} call does. */
    @FunctionalInterface
    private interface Attach {
        void to(SessionOptions options) throws OrtException;
    }

    private final OrtProvider ortProvider;
    private final Attach attach;

    Provider(OrtProvider ortProvider) {
        this(ortProvider, options -> { });
    }

    Provider(OrtProvider ortProvider, Attach attach) {
        this.ortProvider = ortProvider;
        this.attach = attach;
    }

    /**
     * Calls {@code SessionOptions.<method>(Map.of())} if this ONNX Runtime Java API has it, so the
     * project compiles against older APIs; without it the provider is refused in one line.
     */
    static void attachByName(SessionOptions options, String method) throws OrtException {
        Method add;
        try {
            add = options.getClass().getMethod(method, Map.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("this jar's ONNX Runtime Java API (" + NativeBuild.javaApiVersion().orElse("unknown version")
                    + ") has no SessionOptions." + method + "; build the jar against a newer one with mvn package -Donnxruntime.version=VERSION");
        }
        try {
            add.invoke(options, Map.of());
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof OrtException ort) {
                throw ort;
            }
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ONNX Runtime constant this provider checks against {@code getAvailableProviders()}. */
    public OrtProvider ortProvider() {
        return ortProvider;
    }

    /**
     * Sets the thread count and attaches this provider. ONNX Runtime falls back to CPU for the
     * nodes a provider cannot run; that is its normal partitioning, not a silent substitution of
     * the whole model.
     */
    public void configureSession(SessionOptions options, int intraOpThreads) throws OrtException {
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intraOpThreads must be >= 0, was " + intraOpThreads);
        }
        setThreads(options, intraOpThreads);
        attach(options, intraOpThreads);
    }

    void setThreads(SessionOptions options, int intraOpThreads) throws OrtException {
        if (intraOpThreads > 0) {
            options.setIntraOpNumThreads(intraOpThreads);
        }
    }

    void attach(SessionOptions options, int intraOpThreads) throws OrtException {
        attach.to(options);
    }

    /**
     * Parses a provider name case-insensitively, also in ONNX Runtime's spelling
     * ({@code XnnpackExecutionProvider}, {@code CPUExecutionProvider}).
     *
     * @throws IllegalArgumentException naming the valid providers
     */
    public static Provider parse(String name) {
        String key = name.strip().toUpperCase(Locale.ROOT).replace("_", "");
        if (key.endsWith("EXECUTIONPROVIDER")) {
            key = key.substring(0, key.length() - "EXECUTIONPROVIDER".length());
        }
        for (Provider provider : values()) {
            if (provider.name().replace("_", "").equals(key)
                    || provider.ortProvider.name().replace("_", "").equals(key)) {
                return provider;
            }
        }
        throw new IllegalArgumentException("unknown provider '" + name + "'; valid providers: " + names());
    }

    /** The valid names, comma separated, for error messages and help. */
    public static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
