package dev.whereabouts.graph.findings;

import dev.whereabouts.model.id.CategoryKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Compares the catalog with observed lineage. Pure, so it is unit-tested without a graph. A declared
 * category covers its children ({@code user.contact} covers {@code user.contact.email}); a holder may
 * hold what it declares and what declared flows bring it.
 */
public final class DriftAnalysis {

    /** What the analysis needs to know of one holder. */
    public record HolderFacts(String id, boolean declaredInCatalog, Set<String> declared, Set<String> observed) {}

    /** One declared flow, and whether lineage showed the hop. */
    public record FlowFacts(String id, String from, String to, List<String> categories) {}

    private DriftAnalysis() {}

    /**
     * @param holders       every holder
     * @param flows         every declared flow
     * @param observedHops  observed onward hops as (from, to)
     */
    public static List<DriftFinding> analyse(
            Collection<HolderFacts> holders, Collection<FlowFacts> flows, Set<List<String>> observedHops) {
        List<DriftFinding> findings = new ArrayList<>();
        for (HolderFacts holder : holders) {
            List<String> allowed = new ArrayList<>(holder.declared());
            flows.stream().filter(f -> f.to().equals(holder.id())).forEach(f -> allowed.addAll(f.categories()));
            for (String category : holder.observed()) {
                if (!holder.declaredInCatalog()) {
                    findings.add(new DriftFinding(
                            DriftFinding.Kind.OBSERVED_NOT_DECLARED,
                            holder.id(),
                            category,
                            null,
                            null,
                            "lineage shows '" + holder.id() + "' holding " + category
                                    + ", but the catalog does not know this holder"));
                } else if (allowed.stream().noneMatch(d -> CategoryKey.covers(d, category))) {
                    findings.add(new DriftFinding(
                            DriftFinding.Kind.OBSERVED_NOT_DECLARED,
                            holder.id(),
                            category,
                            null,
                            null,
                            "lineage shows '" + holder.id() + "' holding " + category
                                    + ", which the catalog does not declare for it"));
                }
            }
            for (String category : holder.declared()) {
                if (holder.observed().stream().noneMatch(o -> CategoryKey.covers(category, o))) {
                    findings.add(new DriftFinding(
                            DriftFinding.Kind.DECLARED_NOT_OBSERVED,
                            holder.id(),
                            category,
                            null,
                            null,
                            "the catalog declares " + category + " at '" + holder.id()
                                    + "', but lineage has never shown it there"));
                }
            }
        }
        for (FlowFacts flow : flows) {
            if (!observedHops.contains(List.of(flow.from(), flow.to()))) {
                findings.add(new DriftFinding(
                        DriftFinding.Kind.FLOW_DECLARED_NOT_OBSERVED,
                        flow.to(),
                        null,
                        flow.id(),
                        flow.from(),
                        "declared flow '" + flow.id() + "' from '" + flow.from() + "' to '" + flow.to()
                                + "' has never been observed"));
            }
        }
        for (List<String> hop : observedHops) {
            boolean declared = flows.stream().anyMatch(f -> f.from().equals(hop.get(0)) && f.to().equals(hop.get(1)));
            if (!declared) {
                findings.add(new DriftFinding(
                        DriftFinding.Kind.FLOW_OBSERVED_NOT_DECLARED,
                        hop.get(1),
                        null,
                        null,
                        hop.get(0),
                        "lineage shows data travelling from '" + hop.get(0) + "' to '" + hop.get(1)
                                + "' with no declared flow"));
            }
        }
        findings.sort(Comparator.comparing((DriftFinding f) -> f.kind().name())
                .thenComparing(DriftFinding::holder)
                .thenComparing(f -> f.category() == null ? "" : f.category())
                .thenComparing(f -> f.from() == null ? "" : f.from()));
        return findings;
    }
}
