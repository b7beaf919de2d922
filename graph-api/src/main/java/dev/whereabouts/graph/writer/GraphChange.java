package dev.whereabouts.graph.writer;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One decoded record as a graph change: an upsert row, or a delete (a tombstone) of the node or
 * edge with this key. Keyed so that within a batch only the last change per key is written, as
 * compaction would keep it.
 *
 * @param kind   which topic it came from
 * @param key    the graph key it changes (holder id, pseudonym, subject|category|holder, ...)
 * @param row    the Cypher parameters of an upsert; {@code null} for a delete
 * @param source the original record, for the dead-letter topic
 */
public record GraphChange(RecordKind kind, String key, Map<String, Object> row, ConsumerRecord<byte[], byte[]> source) {

    public GraphChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
    }

    public boolean isDelete() {
        return row == null;
    }
}
