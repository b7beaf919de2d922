package dev.whereabouts.graph.lookup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the graph knows about where one person's data lives, grouped by category.
 *
 * @param subjectIds pseudonymous subject ids the identifiers resolved to (after merges); usually one
 * @param locations  every (category, holder) edge, sorted by category then holder
 */
public record SubjectLocations(List<String> subjectIds, List<Location> locations) {

    public SubjectLocations {
        subjectIds = List.copyOf(subjectIds);
        locations = List.copyOf(locations);
    }

    /** The locations of each category, categories in order. */
    public Map<String, List<Location>> byCategory() {
        Map<String, List<Location>> grouped = new LinkedHashMap<>();
        for (Location location : locations) {
            grouped.computeIfAbsent(location.category(), k -> new ArrayList<>()).add(location);
        }
        return grouped;
    }
}
