package dev.whereabouts.graph.writer;

import dev.whereabouts.model.deadletter.DeadLetter;
import java.util.List;

/**
 * Where the graph writer puts records it gives up on. {@link #send} returns only once every dead
 * letter is durably stored, because the writer commits the records' offsets right after.
 */
public interface DeadLetterSink extends AutoCloseable {

    /** Stores the dead letters durably; throws when that is not possible (the offsets then stay uncommitted). */
    void send(List<DeadLetter> deadLetters);

    @Override
    default void close() {}
}
