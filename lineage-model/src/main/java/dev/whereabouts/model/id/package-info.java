/**
 * Typed identifiers: one small value type per kind of id the platform passes around, each with its
 * rule written once. Edges (the emitter, the HTTP APIs, the catalog validator) construct them and
 * report the rule on bad input; code behind the edges takes the types and never checks again.
 *
 * <p>Every rule is a character loop rather than a regular expression: the emitter checks several
 * ids per event on the caller's thread, where a {@code Matcher} per check cost more than
 * pseudonymisation. No rejection message contains the rejected value: a confused caller may have
 * passed an address or a name where an id belongs.
 *
 * <p>The Avro records keep plain strings; these types are for validation at the edges and for
 * Java APIs.
 */
package dev.whereabouts.model.id;
