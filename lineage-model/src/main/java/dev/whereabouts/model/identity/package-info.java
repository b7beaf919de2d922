/**
 * Identity at the ingest edge: how a raw identifier (email, phone, account id, ...) becomes the
 * pseudonymous {@link dev.whereabouts.model.common.SubjectIdentifier} that is the only form
 * allowed on Kafka, in the Streams state, in the graph and in logs.
 *
 * <p>{@link dev.whereabouts.model.identity.IdentifierNormaliser} brings each value to one
 * canonical spelling; {@link dev.whereabouts.model.identity.Pseudonymiser} applies a keyed
 * HMAC-SHA256 with the current key of a {@link dev.whereabouts.model.identity.PseudonymisationKeys}
 * ring. Rules, key format and the rotation procedure: {@code docs/pseudonymisation.md}.
 */
package dev.whereabouts.model.identity;
