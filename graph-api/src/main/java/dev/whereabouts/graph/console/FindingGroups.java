package dev.whereabouts.graph.console;

import dev.whereabouts.graph.findings.FindingRepository.FindingGroup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the findings page orders and sums the groups of open findings the graph counted (one group per
 * holder, kind, category and rule). Pure, so it is unit-tested without a graph.
 */
final class FindingGroups {

    /** The order of the groups: most findings first, or the oldest due date first. */
    enum Sort {
        COUNT,
        DUE
    }

    /**
     * The open findings at one holder: how many groups, how many findings, the oldest due date.
     *
     * @param holder    catalog id
     * @param groups    groups at the holder
     * @param findings  open findings at the holder
     * @param oldestDue the earliest due date of them
     */
    record HolderTotal(String holder, int groups, long findings, Instant oldestDue) {}

    private static final Comparator<FindingGroup> BY_KEY = Comparator.comparing(FindingGroup::holder)
            .thenComparing(FindingGroup::kind)
            .thenComparing(FindingGroup::category)
            .thenComparing(FindingGroup::rule);

    private static final Comparator<FindingGroup> BY_DUE =
            Comparator.comparing(FindingGroup::oldestDue, Comparator.nullsLast(Comparator.naturalOrder()));

    private FindingGroups() {}

    /** The groups in {@code sort} order; ties by holder, kind, category and rule, so the order is stable. */
    static List<FindingGroup> sorted(List<FindingGroup> groups, Sort sort) {
        Comparator<FindingGroup> order = sort == Sort.COUNT
                ? Comparator.comparingLong(FindingGroup::count).reversed().thenComparing(BY_KEY)
                : BY_DUE.thenComparing(BY_KEY);
        return groups.stream().sorted(order).toList();
    }

    /** Per holder, its groups summed, by holder id. */
    static List<HolderTotal> perHolder(List<FindingGroup> groups) {
        Map<String, List<FindingGroup>> byHolder = new TreeMap<>();
        for (FindingGroup group : groups) {
            byHolder.computeIfAbsent(group.holder(), h -> new ArrayList<>()).add(group);
        }
        List<HolderTotal> totals = new ArrayList<>();
        byHolder.forEach((holder, its) -> totals.add(new HolderTotal(
                holder,
                its.size(),
                its.stream().mapToLong(FindingGroup::count).sum(),
                its.stream()
                        .map(FindingGroup::oldestDue)
                        .filter(java.util.Objects::nonNull)
                        .min(Comparator.naturalOrder())
                        .orElse(null))));
        return totals;
    }
}
