package dev.whereabouts.model.topic;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Where a lineage record goes on {@link Topics#LINEAGE}: by its subject, not by its full
 * (subject, category, holder) key, so one person's records reach the graph writer in the same
 * partition and are written together. The partition is the one Kafka's default partitioner would
 * give the subject id as a key.
 */
public final class LineagePartitions {

    private LineagePartitions() {}

    /** The partition of every lineage record of {@code subjectId} on a topic of {@code partitions}. */
    public static int of(String subjectId, int partitions) {
        return Utils.toPositive(Utils.murmur2(subjectId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
