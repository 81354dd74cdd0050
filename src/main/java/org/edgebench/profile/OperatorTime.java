package org.edgebench.profile;

import org.edgebench.runtime.Provider;

/**
 * The kernel time of one operator type on one execution provider, in one profiled configuration.
 *
 * @param provider        the execution provider the trace names ({@code CPUExecutionProvider})
 * @param opType          the kernel's operator type ({@code Conv})
 * @param nodes           distinct nodes of this type on this provider
 * @param usPerInference  their kernel time summed over the counted inferences, divided by the inferences
 */
public record OperatorTime(String provider, String opType, int nodes, double usPerInference) {

    /** The mean kernel time of one of these nodes in one inference. */
    public double usPerNode() {
        return nodes == 0 ? Double.NaN : usPerInference / nodes;
    }

    /** The provider as the suite's {@code provider} parameter spells it ({@code CPU}, {@code XNNPACK}). */
    public String providerName() {
        return providerName(provider);
    }

    /** {@code CPUExecutionProvider} as {@code CPU}; a provider the suite does not know loses only its suffix. */
    public static String providerName(String traceName) {
        try {
            return Provider.parse(traceName).name();
        } catch (IllegalArgumentException e) {
            String suffix = "ExecutionProvider";
            return traceName.endsWith(suffix) && traceName.length() > suffix.length()
                    ? traceName.substring(0, traceName.length() - suffix.length()) : traceName;
        }
    }
}
