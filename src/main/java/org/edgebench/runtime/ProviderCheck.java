package org.edgebench.runtime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession.SessionOptions;
import org.edgebench.BadInputException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides, before JMH starts, which requested providers run: a provider this ONNX Runtime build
 * lacks, or one that fails to attach, is skipped with its reason, never replaced by CPU.
 */
public final class ProviderCheck {

    /** A provider that will not run, and why, as recorded in env.json and the summary. */
    public record Skipped(Provider provider, String reason) {

        /** The line printed for the user, e.g. {@code XNNPACK: not in this ONNX Runtime build ...; skipped}. */
        public String line() {
            return provider + ": " + reason + "; skipped";
        }
    }

    /** The outcome: providers to run, in the order requested, and the skipped ones. */
    public record Resolution(List<Provider> run, List<Skipped> skipped) {
    }

    private final Set<OrtProvider> available;

    private ProviderCheck(Set<OrtProvider> available) {
        this.available = available;
    }

    /** Checks against the providers of the ONNX Runtime build that is loaded. */
    public static ProviderCheck forThisBuild() {
        return new ProviderCheck(OrtEnvironment.getAvailableProviders());
    }

    /** Checks against a given set, as if the build offered exactly those providers. */
    public static ProviderCheck assuming(Set<OrtProvider> available) {
        return new ProviderCheck(available.isEmpty() ? EnumSet.noneOf(OrtProvider.class) : EnumSet.copyOf(available));
    }

    /**
     * Parses and checks the requested names.
     *
     * @throws BadInputException for an unknown name (listing the valid ones)
     */
    public Resolution resolve(Collection<String> requested) {
        Set<Provider> providers = new LinkedHashSet<>();
        for (String name : requested) {
            try {
                providers.add(Provider.parse(name));
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage());
            }
        }
        List<Provider> run = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Provider provider : providers) {
            String reason = unavailableReason(provider);
            if (reason == null) {
                run.add(provider);
            } else {
                skipped.add(new Skipped(provider, reason));
            }
        }
        return new Resolution(List.copyOf(run), List.copyOf(skipped));
    }

    /**
     * Fails, with the line the launcher prints, when this build cannot run {@code provider}. The
     * states call it so that a class run by plain JMH fails as loudly as the launcher would.
     */
    public void require(Provider provider) {
        String reason = unavailableReason(provider);
        if (reason != null) {
            throw new IllegalStateException(new Skipped(provider, reason).line());
        }
    }

    /**
     * As {@link #require} but without attaching the provider: for a measurement of session
     * creation, where attaching it beforehand would warm up what is meant to be caught cold.
     */
    public void requireInBuild(Provider provider) {
        String reason = missingReason(provider);
        if (reason != null) {
            throw new IllegalStateException(new Skipped(provider, reason).line());
        }
    }

    /** Null when the build lists the provider, else why not. */
    private String missingReason(Provider provider) {
        return available.contains(provider.ortProvider()) ? null
                : "not in this ONNX Runtime build (available: " + availableNames() + ")";
    }

    /** Null when the provider can be used, else why not. */
    private String unavailableReason(Provider provider) {
        String missing = missingReason(provider);
        if (missing != null) {
            return missing;
        }
        try (SessionOptions options = new SessionOptions()) {
            provider.configureSession(options, 0);
            return null;
        } catch (OrtException | RuntimeException e) {
            String message = Sessions.oneLine(e.getMessage());
            // Microsoft's Java binding compiles some providers' attach calls only into builds that have them,
            // so a native library from elsewhere can list a provider that this binding cannot reach.
            if (message.contains("not compiled with")) {
                return "listed by the native library but not attachable through this Java binding (its JNI layer"
                        + " was built without " + provider + "): " + message;
            }
            return "listed by this ONNX Runtime build but could not be attached: " + message;
        }
    }

    /** The build's providers in our names where we have one, ONNX Runtime's otherwise. */
    public List<String> available() {
        return available.stream()
                .map(ort -> EnumSet.allOf(Provider.class).stream()
                        .filter(p -> p.ortProvider() == ort).map(Enum::name).findFirst().orElse(ort.name()))
                .toList();
    }

    /** {@link #available()} joined for messages: {@code CPU, XNNPACK}. */
    public String availableNames() {
        return String.join(", ", available());
    }
}
