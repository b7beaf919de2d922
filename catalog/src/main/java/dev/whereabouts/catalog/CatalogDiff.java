package dev.whereabouts.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What has to be written to make the catalog topics show a catalog: holders and flows that are new
 * or differ from what the topics hold, and tombstones for those the catalog dropped.
 *
 * <p>Records are compared on content, not on the {@code catalogVersion} they are stamped with: a
 * new file version that leaves a holder alone does not rewrite it, so a holder's record says in
 * which version it last changed. Keys whose record on the topic could not be read count as
 * different, so publishing repairs them.
 *
 * @param holdersToWrite   holders to write, in catalog order
 * @param holdersToRemove  holder ids to tombstone
 * @param flowsToWrite     flows to write, in catalog order
 * @param flowsToRemove    flow ids to tombstone
 * @param holdersUnchanged holders that need nothing
 * @param flowsUnchanged   flows that need nothing
 */
record CatalogDiff(
        List<CatalogHolder> holdersToWrite,
        List<String> holdersToRemove,
        List<CatalogFlow> flowsToWrite,
        List<String> flowsToRemove,
        int holdersUnchanged,
        int flowsUnchanged) {

    public CatalogDiff {
        holdersToWrite = List.copyOf(holdersToWrite);
        holdersToRemove = List.copyOf(holdersToRemove);
        flowsToWrite = List.copyOf(flowsToWrite);
        flowsToRemove = List.copyOf(flowsToRemove);
    }

    /**
     * @param currentHolders holders on the topic now, by key
     * @param currentFlows   flows on the topic now, by key
     * @param unreadableHolders keys on the holders topic whose latest record could not be read
     * @param unreadableFlows   keys on the flows topic whose latest record could not be read
     * @param desired        the catalog the topics should show
     */
    static CatalogDiff between(
            Map<String, CatalogHolder> currentHolders,
            Map<String, CatalogFlow> currentFlows,
            Set<String> unreadableHolders,
            Set<String> unreadableFlows,
            Catalog desired) {
        List<CatalogHolder> holdersToWrite = new ArrayList<>();
        int holdersUnchanged = 0;
        for (CatalogHolder holder : desired.holders().values()) {
            if (holder.equals(currentHolders.get(holder.id())) && !unreadableHolders.contains(holder.id())) {
                holdersUnchanged++;
            } else {
                holdersToWrite.add(holder);
            }
        }
        List<CatalogFlow> flowsToWrite = new ArrayList<>();
        int flowsUnchanged = 0;
        for (CatalogFlow flow : desired.flows().values()) {
            if (flow.equals(currentFlows.get(flow.id())) && !unreadableFlows.contains(flow.id())) {
                flowsUnchanged++;
            } else {
                flowsToWrite.add(flow);
            }
        }
        // An unreadable record of a key the catalog no longer has is tombstoned too: compaction then drops it.
        List<String> holdersToRemove = java.util.stream.Stream.concat(
                        currentHolders.keySet().stream(), unreadableHolders.stream())
                .distinct()
                .filter(id -> !desired.holders().containsKey(id))
                .toList();
        List<String> flowsToRemove = java.util.stream.Stream.concat(
                        currentFlows.keySet().stream(), unreadableFlows.stream())
                .distinct()
                .filter(id -> !desired.flows().containsKey(id))
                .toList();
        return new CatalogDiff(
                holdersToWrite, holdersToRemove, flowsToWrite, flowsToRemove, holdersUnchanged, flowsUnchanged);
    }

    /** Whether the topics already show the catalog. */
    boolean isEmpty() {
        return holdersToWrite.isEmpty()
                && holdersToRemove.isEmpty()
                && flowsToWrite.isEmpty()
                && flowsToRemove.isEmpty();
    }
}
