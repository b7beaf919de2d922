package dev.whereabouts.ingest.deadletter;

import dev.whereabouts.model.deadletter.DeadLetter;

/**
 * One dead letter as listed: where it sits on its dead-letter topic, and the letter itself.
 *
 * @param topic     dead-letter topic
 * @param partition partition on that topic
 * @param offset    offset on that topic; {@code --offsets} of {@code dead-letters replay} refers to it
 * @param letter    the original bytes, source and reason
 */
public record DeadLetterEntry(String topic, int partition, long offset, DeadLetter letter) {

    /** One line for a terminal: position, time, stage, source, reason. Never the payload itself. */
    public String summary() {
        String source = letter.getSourceTopic()
                + (letter.getSourcePartition() == null ? "" : "-" + letter.getSourcePartition())
                + (letter.getSourceOffset() == null ? "" : "@" + letter.getSourceOffset());
        int size = letter.getOriginalValue() == null
                ? 0
                : letter.getOriginalValue().remaining();
        return String.format(
                "%s-%d@%d  %s  %-15s %s  %d bytes  %s: %s",
                topic,
                partition,
                offset,
                letter.getFailedAt(),
                letter.getStage(),
                source,
                size,
                letter.getErrorClass(),
                letter.getReason());
    }
}
