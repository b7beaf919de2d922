package dev.whereabouts.graph.console;

import dev.whereabouts.graph.holder.DeclaredHolder;
import dev.whereabouts.graph.holder.FlowView;
import dev.whereabouts.model.catalog.Backups;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The catalog's declared onward flows as the elements {@code graph.js} draws: each holder at either
 * end of a flow a node (labelled with its name; a backup drawn as one), each flow an edge labelled
 * with the categories that travel. Holders nothing flows into are the roots of the layout. Pure, so
 * it is unit-tested without a graph.
 */
final class FlowGraph {

    /** The status every declared flow carries in the drawing (one colour: these are promises, not observations). */
    static final String DECLARED = "DECLARED";

    private FlowGraph() {}

    /**
     * @param flows   the declared flows
     * @param holders the holders by id, for their names; a flow may name a holder the graph only knows from lineage
     */
    static Map<String, Object> of(List<FlowView> flows, Map<String, DeclaredHolder> holders) {
        Set<String> ids = new LinkedHashSet<>();
        Set<String> receivers = new LinkedHashSet<>();
        for (FlowView flow : flows) {
            ids.add(flow.from());
            ids.add(flow.to());
            receivers.add(flow.to());
        }
        List<Object> elements = new ArrayList<>();
        List<String> roots = new ArrayList<>();
        for (String id : ids.stream().sorted().toList()) {
            DeclaredHolder holder = holders.get(id);
            String label = holder == null || holder.displayName() == null ? id : holder.displayName();
            List<String> classes = new ArrayList<>();
            if (receivers.contains(id)) {
                classes.add("onward");
            }
            if (holder != null && Backups.isBackupHolder(holder.purposes())) {
                classes.add("backup");
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("id", id);
            data.put("label", label);
            elements.add(element("nodes", data, String.join(" ", classes)));
            if (!receivers.contains(id)) {
                roots.add("#" + id);
            }
        }
        for (FlowView flow : flows) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("id", "flow:" + flow.id());
            data.put("source", flow.from());
            data.put("target", flow.to());
            data.put(
                    "label",
                    String.join(", ", flow.categories())
                            + (flow.retention() == null ? "" : " (kept " + flow.retention() + ")"));
            data.put("status", DECLARED);
            data.put("statuses", List.of(DECLARED));
            data.put("categories", flow.categories());
            elements.add(element("edges", data, DECLARED));
        }
        Map<String, Object> graph = new LinkedHashMap<>();
        graph.put("elements", elements);
        graph.put("roots", roots);
        return graph;
    }

    private static Map<String, Object> element(String group, Map<String, Object> data, String classes) {
        Map<String, Object> element = new LinkedHashMap<>();
        element.put("group", group);
        element.put("data", data);
        element.put("classes", classes);
        return element;
    }
}
