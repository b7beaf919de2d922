package dev.whereabouts.graph.request;

import dev.whereabouts.model.dsr.DataSubjectRequest;
import dev.whereabouts.model.dsr.HolderOutcome;
import dev.whereabouts.model.dsr.RequestDecision;

/** Where the DPO API hands requests, decisions and outcomes (recorded by the DPO or called back by a holder) to the Streams topology. */
public interface RequestPublisher extends AutoCloseable {

    /** Publishes a request, keyed by the pseudonym of its first identifier; returns once it is durable. */
    void file(DataSubjectRequest request);

    /** Publishes a holder outcome, keyed by request id; returns once it is durable. */
    void recordOutcome(HolderOutcome outcome);

    /** Publishes a controller's decision, keyed by request id; returns once it is durable. */
    void decide(RequestDecision decision);

    @Override
    default void close() {}
}
