package dev.whereabouts.graph.holder;

import java.util.List;

/**
 * A holder as listed.
 *
 * @param id                 catalog id
 * @param declared           true when the catalog declares it; false when only lineage names it
 * @param displayName        name
 * @param legalEntity        operator
 * @param country            country of the legal entity
 * @param role               INTERNAL, PROCESSOR or SUB_PROCESSOR
 * @param erasureChannel     KAFKA, WEBHOOK, EMAIL or MANUAL
 * @param declaredCategories categories the catalog declares for it
 * @param observedCategories categories lineage has shown it holding
 */
public record HolderSummary(
        String id,
        boolean declared,
        String displayName,
        String legalEntity,
        String country,
        String role,
        String erasureChannel,
        List<String> declaredCategories,
        List<String> observedCategories) {}
