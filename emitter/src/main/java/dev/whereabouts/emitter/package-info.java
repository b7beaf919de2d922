/**
 * The library services embed to publish sharing events: {@link dev.whereabouts.emitter.WhereaboutsEmitter},
 * built by {@link dev.whereabouts.emitter.WhereaboutsEmitter#builder()}. Identifiers are
 * pseudonymised inside the call, events are validated locally and queued, and a sender thread
 * hands them to Kafka; the caller is never blocked or thrown at. How-to: {@code docs/emitter.md}.
 */
package dev.whereabouts.emitter;
