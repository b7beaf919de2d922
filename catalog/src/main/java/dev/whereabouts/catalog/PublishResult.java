package dev.whereabouts.catalog;

import java.util.List;

/**
 * What one publication of a catalog wrote to the catalog topics.
 *
 * @param catalogVersion   version of the published catalog
 * @param holdersWritten   ids of holders written because they are new or changed
 * @param holdersRemoved   ids of holders tombstoned because the catalog no longer has them
 * @param flowsWritten     ids of flows written because they are new or changed
 * @param flowsRemoved     ids of flows tombstoned
 * @param holdersUnchanged holders already on the topic exactly as in the catalog
 * @param flowsUnchanged   flows already on the topic exactly as in the catalog
 * @param controllerWritten whether the controller's policy record was written (new or changed)
 * @param controllerRemoved whether the controller record was tombstoned (a catalog without controller)
 */
public record PublishResult(
        String catalogVersion,
        List<String> holdersWritten,
        List<String> holdersRemoved,
        List<String> flowsWritten,
        List<String> flowsRemoved,
        int holdersUnchanged,
        int flowsUnchanged,
        boolean controllerWritten,
        boolean controllerRemoved) {

    public PublishResult {
        holdersWritten = List.copyOf(holdersWritten);
        holdersRemoved = List.copyOf(holdersRemoved);
        flowsWritten = List.copyOf(flowsWritten);
        flowsRemoved = List.copyOf(flowsRemoved);
    }

    /** Whether anything was written. */
    public boolean changed() {
        return recordsWritten() > 0;
    }

    /** Records written, tombstones included. */
    public int recordsWritten() {
        return holdersWritten.size()
                + holdersRemoved.size()
                + flowsWritten.size()
                + flowsRemoved.size()
                + (controllerWritten ? 1 : 0)
                + (controllerRemoved ? 1 : 0);
    }

    @Override
    public String toString() {
        return "catalog " + catalogVersion + ": holders written " + holdersWritten + ", removed " + holdersRemoved
                + ", unchanged " + holdersUnchanged + "; flows written " + flowsWritten + ", removed " + flowsRemoved
                + ", unchanged " + flowsUnchanged + "; controller "
                + (controllerWritten ? "written" : controllerRemoved ? "removed" : "unchanged");
    }
}
