package org.edgebench.report;

import org.edgebench.analysis.ReferenceGroups;
import org.edgebench.analysis.Workloads;
import org.edgebench.profile.OperatorProfile;
import org.edgebench.profile.OperatorTime;
import org.edgebench.profile.Profiles;
import org.edgebench.report.chart.OperatorsChart;
import org.edgebench.run.Configuration;
import org.edgebench.text.Numbers;
import org.edgebench.text.RatioText;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The summary's sections from the {@code --profile} traces: where each configuration's inference
 * time goes by operator type, and, when configurations differ only in their provider, which
 * operators each provider took and how fast each operator type ran on each. One profiled fork per
 * configuration gives no interval, and the sections say so: the timed runs carry the verdicts.
 */
final class OperatorSections {

    /** Operator types per configuration in the table; operators.csv and the chart have more. */
    static final int TOP_IN_TABLE = 5;
    /** Operator types named in a configuration's one-line summary. */
    static final int TOP_IN_LINE = 3;

    static final String ONE_FORK_NOTE = "One profiled fork per configuration, outside the measured ones (the profiler"
            + " slows every call): no interval, and its times are the profiler's, so read the shares and the ratios,"
            + " and take the verdicts from the timed runs.";

    private OperatorSections() {
    }

    static List<Summary.Section> of(Profiles profiles) {
        if (profiles.isEmpty() && profiles.missing().isEmpty()) {
            return List.of();
        }
        List<Summary.Section> sections = new ArrayList<>();
        sections.add(operators(profiles));
        byProvider(profiles).ifPresent(sections::add);
        return sections;
    }

    /**
     * {@code student CPU b1 t0: Conv 98.4%, GlobalAveragePool 0.6%, Gemm 0.4% of 402.1 µs of kernels per
     * inference (88.0% of model_run's 457.0 µs; 31 runs counted)}.
     */
    static String line(Profiles.Profiled p) {
        OperatorProfile profile = p.profile();
        boolean providers = severalProviders(profile);
        String top = profile.operators().stream().limit(TOP_IN_LINE)
                .map(o -> name(o, providers) + " " + Numbers.percent(profile.share(o)))
                .collect(Collectors.joining(", "));
        return p.configuration().label(false) + ": " + (top.isEmpty() ? "no kernel events" : top) + " of "
                + Numbers.us(profile.kernelUs()) + " \u00b5s of kernels per inference ("
                + (Double.isFinite(profile.kernelShareOfRun()) ? Numbers.percent(profile.kernelShareOfRun()) + " of " : "")
                + "model_run's " + Numbers.us(profile.modelRunUs()) + " \u00b5s; " + profile.inferences()
                + (profile.inferences() == 1 ? " run" : " runs") + " counted)";
    }

    private static Summary.Section operators(Profiles profiles) {
        List<String> lines = new ArrayList<>(profiles.profiled().stream().map(OperatorSections::line).toList());
        if (!profiles.missing().isEmpty()) {
            lines.add("no trace (the profiled fork failed; its error is in the run's output): "
                    + profiles.missing().stream().map(c -> c.label(false)).collect(Collectors.joining(", ")));
        }
        List<List<String>> rows = new ArrayList<>();
        for (Profiles.Profiled p : profiles.profiled()) {
            OperatorProfile profile = p.profile();
            List<OperatorTime> operators = profile.operators();
            for (int i = 0; i < Math.min(TOP_IN_TABLE, operators.size()); i++) {
                OperatorTime o = operators.get(i);
                rows.add(List.of(i == 0 ? p.configuration().label(false) : "", o.opType(), o.providerName(),
                        Integer.toString(o.nodes()), Numbers.us(o.usPerInference()), Numbers.us(o.usPerNode()),
                        Numbers.percent(profile.share(o))));
            }
            if (operators.size() > TOP_IN_TABLE) {
                List<OperatorTime> rest = operators.subList(TOP_IN_TABLE, operators.size());
                double us = rest.stream().mapToDouble(OperatorTime::usPerInference).sum();
                rows.add(List.of("", "other " + rest.size() + (rest.size() == 1 ? " type" : " types"), "",
                        Integer.toString(rest.stream().mapToInt(OperatorTime::nodes).sum()), Numbers.us(us), "",
                        Numbers.percent(us / profile.kernelUs())));
            }
        }
        List<Summary.Table> tables = rows.isEmpty() ? List.of() : List.of(new Summary.Table(
                "Top " + TOP_IN_TABLE + " operator types per configuration",
                List.of("configuration", "operator", "provider", "nodes", "\u00b5s per inference", "\u00b5s per node", "share"),
                List.of(false, false, false, true, true, true, true), rows));
        int warmup = OperatorProfile.WARMUP_RUNS;
        return new Summary.Section("Where the time goes: operator types (ONNX Runtime profile, --profile)", lines, tables,
                List.of(String.format(Locale.ROOT, "From ONNX Runtime's trace of each OrtSessionRunBenchmark configuration"
                        + " (profile/<configuration>.json): the first %d runs of a trace are dropped as warm-up (the"
                        + " first half of a trace of %d runs or fewer). µs per inference: an operator type's kernel time"
                        + " over the counted runs, divided by the runs; µs per node: that over its nodes; share: of the"
                        + " kernel time of all types. The rest of model_run is the session's own work around the"
                        + " kernels. operators.csv has every type, charts/operators_<configuration>.png the top %d.",
                        warmup, 2 * warmup, OperatorsChart.TOP), ONE_FORK_NOTE));
    }

    /** A group of profiled configurations that differ only in their provider, the reference first. */
    private record ProviderGroup(String setting, List<Profiles.Profiled> members) {
    }

    private static List<ProviderGroup> providerGroups(Profiles profiles) {
        List<ProviderGroup> result = new ArrayList<>();
        for (ReferenceGroups.Group<Profiles.Profiled> group : ReferenceGroups.of(profiles.profiled(),
                Profiles.Profiled::configuration, Configuration.PROVIDER, Workloads.REFERENCE_PROVIDER)) {
            Configuration c = group.reference().configuration();
            Map<String, String> params = new LinkedHashMap<>(c.params());
            params.remove(Configuration.PROVIDER);
            result.add(new ProviderGroup(Configuration.planned(c.benchmark(), c.callers(), params).label(false), group.members()));
        }
        return result;
    }

    private static Optional<Summary.Section> byProvider(Profiles profiles) {
        List<ProviderGroup> groups = providerGroups(profiles);
        if (groups.isEmpty()) {
            return Optional.empty();
        }
        List<String> lines = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (ProviderGroup group : groups) {
            lines.add(group.setting() + ": " + group.members().stream().map(OperatorSections::placement)
                    .collect(Collectors.joining("; ")));
            OperatorProfile reference = group.members().get(0).profile();
            Set<String> types = new LinkedHashSet<>(reference.usPerOpType().keySet());
            group.members().forEach(m -> types.addAll(m.profile().usPerOpType().keySet()));
            boolean firstRow = true;
            for (String type : types) {
                Double referenceUs = reference.usPerOpType().get(type);
                for (int i = 0; i < group.members().size(); i++) {
                    Profiles.Profiled m = group.members().get(i);
                    Double us = m.profile().usPerOpType().get(type);
                    String speed = i == 0 ? "reference" : us == null ? "not run"
                            : referenceUs == null ? "not run by " + group.members().get(0).configuration().provider()
                            : RatioText.pointLabel(referenceUs / us);
                    rows.add(List.of(firstRow ? group.setting() : "", i == 0 ? type : "", m.configuration().provider(),
                            ranOn(m.profile(), type), us == null ? "-" : Numbers.us(us), speed));
                    firstRow = false;
                }
            }
        }
        Summary.Table table = new Summary.Table("Operator types by provider",
                List.of("configuration", "operator", "provider", "nodes ran on", "\u00b5s per inference", "speed-up"),
                List.of(false, false, false, false, true, false), rows);
        return Optional.of(new Summary.Section("Operators by provider (ONNX Runtime profile, --profile)", lines, List.of(table),
                List.of("The trace names the execution provider of every node: a provider runs the nodes it supports and"
                        + " ONNX Runtime leaves the rest on CPU. speed-up: the reference's (" + Workloads.REFERENCE_PROVIDER
                        + ", or the first provider by name) kernel time of the operator type over this provider's. A"
                        + " provider that compiles a subgraph into one kernel (DNNL, OpenVINO, TensorRT) shows it as an"
                        + " operator type of its own, which has no counterpart on the reference. One profiled fork per"
                        + " configuration gives these ratios no interval; Providers side by side has the timed ones.")));
    }

    /** {@code with XNNPACK: 48 nodes on XNNPACK (Conv 35, Clip 10, Add 3), 8 on CPU (Gemm 1, ...)}. */
    private static String placement(Profiles.Profiled p) {
        Map<String, Map<String, Integer>> byProvider = new TreeMap<>();
        for (OperatorTime o : p.profile().operators()) {
            byProvider.computeIfAbsent(o.providerName(), k -> new TreeMap<>()).merge(o.opType(), o.nodes(), Integer::sum);
        }
        String configured = p.configuration().provider();
        if (byProvider.size() == 1) {
            String only = byProvider.keySet().iterator().next();
            int nodes = byProvider.get(only).values().stream().mapToInt(Integer::intValue).sum();
            return "with " + configured + ", all " + nodes + " nodes on " + only;
        }
        List<String> parts = new ArrayList<>();
        // The configured provider first: what it took, then what was left to the others.
        List<String> order = new ArrayList<>(byProvider.keySet());
        if (order.remove(configured)) {
            order.add(0, configured);
        }
        for (String provider : order) {
            Map<String, Integer> types = byProvider.get(provider);
            int nodes = types.values().stream().mapToInt(Integer::intValue).sum();
            String listed = types.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
            parts.add(nodes + (parts.isEmpty() ? " nodes" : "") + " on " + provider + " (" + listed + ")");
        }
        return "with " + configured + ", " + String.join(", ", parts);
    }

    /** {@code 52 CPU}, or {@code 35 XNNPACK, 2 CPU} when the type's nodes were split. */
    private static String ranOn(OperatorProfile profile, String type) {
        String ran = profile.operators().stream().filter(o -> o.opType().equals(type))
                .map(o -> o.nodes() + " " + o.providerName()).collect(Collectors.joining(", "));
        return ran.isEmpty() ? "-" : ran;
    }

    /** {@code Conv}, or {@code Conv (XNNPACK)} in a configuration whose nodes ran on several providers. */
    static String name(OperatorTime o, boolean severalProviders) {
        return severalProviders ? o.opType() + " (" + o.providerName() + ")" : o.opType();
    }

    static boolean severalProviders(OperatorProfile profile) {
        return profile.operators().stream().map(OperatorTime::provider).distinct().count() > 1;
    }
}
