package dev.whereabouts.emitter;

/**
 * A snapshot of the emitter's counters since it was built. Every call to {@code emit()} ends in
 * exactly one of {@code invalid}, {@code rejectedBufferFull}, {@code rejectedClosed} or
 * {@code accepted}; every accepted event is {@code pending} until it is {@code acked} or
 * {@code failed}. So {@code accepted == acked + failed + pending} once the emitter is idle.
 *
 * @param accepted           events that passed validation and got a place in the buffer
 * @param sent               accepted events handed to the Kafka producer
 * @param acked              events the broker acknowledged
 * @param failed             accepted events that failed: timed out, refused, or still pending at close
 * @param rejectedBufferFull events rejected because {@code max.pending.events} were pending
 * @param rejectedClosed     events emitted after close
 * @param invalid            events rejected by local validation
 * @param pending            accepted events neither acknowledged nor failed yet (a gauge)
 */
public record EmitterMetrics(
        long accepted,
        long sent,
        long acked,
        long failed,
        long rejectedBufferFull,
        long rejectedClosed,
        long invalid,
        long pending) {

    /** Events that did not reach Kafka, each reported through the callback: failed plus every rejection. */
    public long notDelivered() {
        return failed + rejectedBufferFull + rejectedClosed + invalid;
    }
}
