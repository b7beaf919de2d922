package dev.whereabouts.registry.store;

/**
 * One version of a subject: the unit {@code GET /subjects/{subject}/versions/{version}} returns.
 *
 * @param subject the subject name
 * @param version version number within the subject, from 1
 * @param id      global schema id, shared by every subject registering the same schema
 * @param schema  canonical schema text
 * @param deleted whether the version is soft-deleted
 */
public record SubjectVersion(String subject, int version, int id, String schema, boolean deleted) {}
