package dev.whereabouts.graph.holder;

import dev.whereabouts.graph.schema.LegalHolds;
import java.util.List;

/**
 * A holder as the catalog declares it, with everything the console shows of it: who runs it, why it
 * gets data, how long it keeps each category, what the law makes it keep, how it is asked to erase,
 * and the declared onward flows into and out of it.
 *
 * @param id              catalog id
 * @param declared        true when the catalog declares it; false when only lineage names it
 * @param displayName     name
 * @param legalEntity     operator
 * @param country         country of the legal entity
 * @param role            INTERNAL, PROCESSOR or SUB_PROCESSOR
 * @param purposes        purposes it may receive data for
 * @param erasureChannel  KAFKA, WEBHOOK, EMAIL or MANUAL
 * @param erasureEndpoint where erasure tasks go on that channel (an address, a URL), if any
 * @param retention       the declared categories with their retention, by category
 * @param legalHolds      legal obligations to keep data
 * @param flowsIn         declared flows into it
 * @param flowsOut        declared flows out of it
 */
public record DeclaredHolder(
        String id,
        boolean declared,
        String displayName,
        String legalEntity,
        String country,
        String role,
        List<String> purposes,
        String erasureChannel,
        String erasureEndpoint,
        List<HolderDetail.DeclaredRetention> retention,
        List<LegalHolds.Hold> legalHolds,
        List<FlowView> flowsIn,
        List<FlowView> flowsOut) {}
