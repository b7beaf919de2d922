package dev.whereabouts.graph.request;

import dev.whereabouts.model.dsr.DataSubjectRequest;
import dev.whereabouts.model.dsr.HolderOutcome;

/** Where the DPO API hands requests and manually recorded outcomes to the Streams topology. */
public interface RequestPublisher extends AutoCloseable {

    /** Publishes a request, keyed by the pseudonym of its first identifier; returns once it is durable. */
    void file(DataSubjectRequest request);

    /** Publishes a holder outcome, keyed by request id; returns once it is durable. */
    void recordOutcome(HolderOutcome outcome);

    @Override
    default void close() {}
}
