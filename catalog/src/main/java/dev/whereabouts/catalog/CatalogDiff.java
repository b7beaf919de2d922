package dev.whereabouts.catalog;

import dev.whereabouts.model.catalog.ControllerPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What has to be written to make the catalog topics show a catalog: holders and flows that are new
 * or differ from what the topics hold, and tombstones for those the catalog dropped; likewise the
 * controller's policy record, written when new or different and tombstoned when the catalog has no
 * controller (only a catalog built in code lacks one; a file always has it).
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
 * @param controllerToWrite the controller whose policy record is new or changed
 * @param controllerToRemove whether the controller record is to be tombstoned
 */
record CatalogDiff(
        List<CatalogHolder> holdersToWrite,
        List<String> holdersToRemove,
        List<CatalogFlow> flowsToWrite,
        List<String> flowsToRemove,
        int holdersUnchanged,
        int flowsUnchanged,
        Optional<Controller> controllerToWrite,
        boolean controllerToRemove) {

    public CatalogDiff {
        holdersToWrite = List.copyOf(holdersToWrite);
        holdersToRemove = List.copyOf(holdersToRemove);
        flowsToWrite = List.copyOf(flowsToWrite);
        flowsToRemove = List.copyOf(flowsToRemove);
        Objects.requireNonNull(controllerToWrite, "controllerToWrite");
    }

    /**
     * What the topics hold now.
     *
     * @param holders              holders on the topic, by key
     * @param flows                flows on the topic, by key
     * @param unreadableHolders    keys on the holders topic whose latest record could not be read
     * @param unreadableFlows      keys on the flows topic whose latest record could not be read
     * @param controllerPolicy     the controller record, when there is a readable one
     * @param controllerUnreadable whether the latest controller record could not be read
     */
    record Current(
            Map<String, CatalogHolder> holders,
            Map<String, CatalogFlow> flows,
            Set<String> unreadableHolders,
            Set<String> unreadableFlows,
            Optional<ControllerPolicy> controllerPolicy,
            boolean controllerUnreadable) {

        static Current of(CatalogTopicsReader reader) {
            return new Current(
                    reader.holders(),
                    reader.flows(),
                    reader.unreadableHolders(),
                    reader.unreadableFlows(),
                    reader.controllerPolicy(),
                    reader.controllerUnreadable());
        }
    }

    /** What to write so that topics holding {@code current} show {@code desired}. */
    static CatalogDiff between(Current current, Catalog desired) {
        Map<String, CatalogHolder> currentHolders = current.holders();
        Map<String, CatalogFlow> currentFlows = current.flows();
        Set<String> unreadableHolders = current.unreadableHolders();
        Set<String> unreadableFlows = current.unreadableFlows();
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
        Optional<Controller> controllerToWrite = desired.controller()
                .filter(c -> current.controllerUnreadable()
                        || current.controllerPolicy().isEmpty()
                        || !sameContent(current.controllerPolicy().get(), CatalogAvro.toAvro(c, desired.version())));
        boolean controllerToRemove = desired.controller().isEmpty()
                && (current.controllerPolicy().isPresent() || current.controllerUnreadable());
        return new CatalogDiff(
                holdersToWrite,
                holdersToRemove,
                flowsToWrite,
                flowsToRemove,
                holdersUnchanged,
                flowsUnchanged,
                controllerToWrite,
                controllerToRemove);
    }

    /** Whether the topics already show the catalog. */
    boolean isEmpty() {
        return holdersToWrite.isEmpty()
                && holdersToRemove.isEmpty()
                && flowsToWrite.isEmpty()
                && flowsToRemove.isEmpty()
                && controllerToWrite.isEmpty()
                && !controllerToRemove;
    }

    /** Equal but for the catalog version each is stamped with. */
    private static boolean sameContent(ControllerPolicy a, ControllerPolicy b) {
        return ControllerPolicy.newBuilder(a)
                .setCatalogVersion("")
                .build()
                .equals(ControllerPolicy.newBuilder(b).setCatalogVersion("").build());
    }
}
