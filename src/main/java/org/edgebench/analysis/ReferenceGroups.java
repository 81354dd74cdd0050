package org.edgebench.analysis;

import org.edgebench.run.Configuration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Configurations grouped by one dimension: those that differ only in that parameter form a group
 * (two members at least, one per value, the first of each value kept), and the member whose value
 * is the preferred one, else the first, is the group's reference. Providers with CPU as the
 * reference are the case the report has.
 */
public final class ReferenceGroups {

    /** A group: the reference, then the others in the order they came. */
    public record Group<T>(T reference, List<T> others) {

        /** The reference first, then the others. */
        public List<T> members() {
            List<T> members = new ArrayList<>();
            members.add(reference);
            members.addAll(others);
            return members;
        }
    }

    private ReferenceGroups() {
    }

    /**
     * Groups {@code items} (each with its configuration) on every parameter but {@code param};
     * items without {@code param} are left out.
     */
    public static <T> List<Group<T>> of(List<T> items, Function<T, Configuration> configuration, String param,
                                        String preferred) {
        Function<T, String> value = t -> configuration.apply(t).params().getOrDefault(param, "");
        Map<Configuration.Key, List<T>> groups = new LinkedHashMap<>();
        for (T item : items) {
            String v = value.apply(item);
            if (v.isEmpty()) {
                continue;
            }
            List<T> group = groups.computeIfAbsent(configuration.apply(item).key().without(param), k -> new ArrayList<>());
            if (group.stream().noneMatch(g -> value.apply(g).equals(v))) {
                group.add(item);
            }
        }
        List<Group<T>> result = new ArrayList<>();
        for (List<T> group : groups.values()) {
            if (group.size() < 2) {
                continue;
            }
            T reference = group.stream().filter(t -> preferred.equalsIgnoreCase(value.apply(t))).findFirst()
                    .orElse(group.get(0));
            result.add(new Group<>(reference, group.stream().filter(t -> t != reference).toList()));
        }
        return result;
    }
}
