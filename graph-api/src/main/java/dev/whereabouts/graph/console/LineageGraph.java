package dev.whereabouts.graph.console;

import dev.whereabouts.graph.holder.HolderRepository;
import dev.whereabouts.graph.lookup.Location;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One person's lineage as the elements {@code graph.js} draws: the person, each holder their data
 * reached, and an edge from the person to each direct holder and from the last holder on an onward
 * holder's path to it. One edge per (from, to, status), labelled with its categories, so held, erased
 * and restricted data are drawn apart (the edge's class is its status). Holders that keep backups
 * (the catalog's purposes say so) are {@code backup} nodes; holders reached only onward are
 * {@code onward} nodes.
 */
public final class LineageGraph {

    /** The person's node id. */
    public static final String PERSON = "person";

    private LineageGraph() {}

    /**
     * The graph of {@code locations}.
     *
     * @param personLabel what the person's node says
     * @param keeping     what the catalog says of the holders, by id (backups); a holder missing is not one
     */
    public static Map<String, Object> of(
            String personLabel, List<Location> locations, Map<String, HolderRepository.Keeping> keeping) {
        Map<String, String> names = new TreeMap<>();
        Map<String, Boolean> directly = new TreeMap<>();
        for (Location location : locations) {
            names.put(location.holder(), name(location));
            directly.merge(location.holder(), location.direct(), Boolean::logicalOr);
        }
        // Holders on a path that this person's data did not stay at are drawn too: the path runs through them.
        for (Location location : locations) {
            for (String hop : via(location)) {
                names.putIfAbsent(hop, hop);
                directly.putIfAbsent(hop, false);
            }
        }
        Map<List<String>, TreeSet<String>> edges = new TreeMap<>(LineageGraph::compare);
        for (Location location : locations) {
            List<String> via = via(location);
            String from = location.direct() || via.isEmpty() ? PERSON : nodeId(via.get(via.size() - 1));
            String status = location.status() == null ? "HELD" : location.status();
            edges.computeIfAbsent(List.of(from, nodeId(location.holder()), status), k -> new TreeSet<>())
                    .add(location.category());
        }
        List<Map<String, Object>> elements = new ArrayList<>();
        elements.add(node(PERSON, personLabel, "person"));
        names.forEach((holder, name) -> {
            List<String> classes = new ArrayList<>();
            if (!directly.get(holder)) {
                classes.add("onward");
            }
            HolderRepository.Keeping kept = keeping.get(holder);
            if (kept != null && kept.isBackup()) {
                classes.add("backup");
            }
            elements.add(node(nodeId(holder), name, String.join(" ", classes)));
        });
        edges.forEach((key, categories) -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("id", "e-" + key.get(0) + "-" + key.get(1) + "-" + key.get(2));
            data.put("source", key.get(0));
            data.put("target", key.get(1));
            data.put("label", String.join("\n", categories));
            data.put("status", key.get(2));
            data.put("statuses", List.of(key.get(2)));
            data.put("categories", List.copyOf(categories));
            Map<String, Object> edge = new LinkedHashMap<>();
            edge.put("group", "edges");
            edge.put("data", data);
            edge.put("classes", key.get(2));
            elements.add(edge);
        });
        Map<String, Object> graph = new LinkedHashMap<>();
        graph.put("elements", elements);
        graph.put("roots", List.of("#" + PERSON));
        return graph;
    }

    /**
     * The holders an onward holder's data travelled through before it: the path without the holder itself
     * (the topology's paths end at the holder, from the directly shared holder on; older records' paths
     * stop before it).
     */
    static List<String> via(Location location) {
        List<String> path = location.path();
        if (!path.isEmpty() && path.get(path.size() - 1).equals(location.holder())) {
            return path.subList(0, path.size() - 1);
        }
        return path;
    }

    /** The node id of a holder: its catalog id (lower-case kebab, safe in a selector) behind a prefix. */
    static String nodeId(String holder) {
        return "h-" + holder;
    }

    private static String name(Location location) {
        return location.displayName() == null ? location.holder() : location.displayName();
    }

    private static Map<String, Object> node(String id, String label, String classes) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id);
        data.put("label", label);
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("group", "nodes");
        node.put("data", data);
        node.put("classes", classes);
        return node;
    }

    private static int compare(List<String> a, List<String> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
