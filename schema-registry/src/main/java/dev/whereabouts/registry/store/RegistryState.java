package dev.whereabouts.registry.store;

import dev.whereabouts.registry.CompatibilityLevel;
import dev.whereabouts.registry.schema.AvroSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The registry's state in memory: what replaying the {@link MutationLog} produces.
 *
 * <p>{@link #apply} trusts its records (the store validated them before logging), so replay and
 * live mutation share one code path and cannot drift apart. Not thread-safe: the store guards it.
 */
final class RegistryState {

    /** One version under a subject. */
    record Version(int number, int id, boolean deleted) {}

    private final CompatibilityLevel defaultCompatibility;
    // Ids are never forgotten, even after every version using one is permanently deleted: data
    // already written with the id must stay readable, and the id must not be handed out again.
    private final Map<Integer, AvroSchema> schemasById = new HashMap<>();
    private final Map<String, Integer> idsByCanonical = new HashMap<>();
    private final NavigableMap<String, NavigableMap<Integer, Version>> subjects = new TreeMap<>();
    private final Map<String, CompatibilityLevel> subjectCompatibility = new HashMap<>();
    private CompatibilityLevel globalCompatibility;
    private int maxId;

    RegistryState(CompatibilityLevel defaultCompatibility) {
        this.defaultCompatibility = defaultCompatibility;
        this.globalCompatibility = defaultCompatibility;
    }

    void apply(LogRecord record) {
        if (record instanceof LogRecord.SchemaRegistered r) {
            applyRegistered(r);
        } else if (record instanceof LogRecord.VersionDeleted r) {
            applyVersionDeleted(r);
        } else if (record instanceof LogRecord.SubjectDeleted r) {
            applySubjectDeleted(r);
        } else if (record instanceof LogRecord.CompatibilitySet r) {
            applyCompatibilitySet(r);
        } else {
            throw new IllegalArgumentException("Unknown record " + record);
        }
    }

    private void applyRegistered(LogRecord.SchemaRegistered r) {
        AvroSchema known = schemasById.get(r.id());
        if (known == null) {
            // Keep the logged text as the identity key even if Avro would now render it differently.
            schemasById.put(
                    r.id(),
                    new AvroSchema(r.schema(), AvroSchema.parse(r.schema()).schema()));
            idsByCanonical.put(r.schema(), r.id());
            maxId = Math.max(maxId, r.id());
        } else if (!known.canonical().equals(r.schema())) {
            throw new IllegalStateException("Schema id " + r.id() + " registered with two schemas");
        }
        NavigableMap<Integer, Version> versions = subjects.computeIfAbsent(r.subject(), s -> new TreeMap<>());
        // Confluent drops soft-deleted versions of the same schema when it is registered again.
        versions.values().removeIf(v -> v.deleted() && v.id() == r.id());
        versions.put(r.version(), new Version(r.version(), r.id(), false));
    }

    private void applyVersionDeleted(LogRecord.VersionDeleted r) {
        NavigableMap<Integer, Version> versions = subjects.get(r.subject());
        if (versions == null || !versions.containsKey(r.version())) {
            throw new IllegalStateException("No version " + r.version() + " of " + r.subject());
        }
        if (r.permanent()) {
            versions.remove(r.version());
        } else {
            Version v = versions.get(r.version());
            versions.put(r.version(), new Version(v.number(), v.id(), true));
        }
        afterDeletion(r.subject(), versions);
    }

    private void applySubjectDeleted(LogRecord.SubjectDeleted r) {
        NavigableMap<Integer, Version> versions = subjects.get(r.subject());
        if (versions == null) {
            throw new IllegalStateException("No subject " + r.subject());
        }
        if (r.permanent()) {
            versions.clear();
        } else {
            versions.replaceAll((n, v) -> new Version(n, v.id(), true));
        }
        afterDeletion(r.subject(), versions);
    }

    // Confluent forgets a subject's own level once it has no live version left.
    private void afterDeletion(String subject, NavigableMap<Integer, Version> versions) {
        if (versions.values().stream().allMatch(Version::deleted)) {
            subjectCompatibility.remove(subject);
        }
        if (versions.isEmpty()) {
            subjects.remove(subject);
        }
    }

    private void applyCompatibilitySet(LogRecord.CompatibilitySet r) {
        if (r.subject() == null) {
            globalCompatibility = r.level() == null ? defaultCompatibility : r.level();
        } else if (r.level() == null) {
            subjectCompatibility.remove(r.subject());
        } else {
            subjectCompatibility.put(r.subject(), r.level());
        }
    }

    // ---- queries ----

    Optional<AvroSchema> schema(int id) {
        return Optional.ofNullable(schemasById.get(id));
    }

    Optional<Integer> idOf(AvroSchema schema) {
        return Optional.ofNullable(idsByCanonical.get(schema.canonical()));
    }

    int nextId() {
        return maxId + 1;
    }

    /** Versions of {@code subject}, oldest first, live ones only unless {@code includeDeleted}. */
    List<Version> versions(String subject, boolean includeDeleted) {
        NavigableMap<Integer, Version> versions = subjects.get(subject);
        if (versions == null) {
            return List.of();
        }
        List<Version> result = new ArrayList<>(versions.size());
        for (Version v : versions.values()) {
            if (includeDeleted || !v.deleted()) {
                result.add(v);
            }
        }
        return result;
    }

    Optional<Version> version(String subject, int number) {
        NavigableMap<Integer, Version> versions = subjects.get(subject);
        return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(number));
    }

    /** Highest version number ever used by {@code subject}, deleted ones included; 0 if none. */
    int lastVersionNumber(String subject) {
        NavigableMap<Integer, Version> versions = subjects.get(subject);
        return versions == null || versions.isEmpty() ? 0 : versions.lastKey();
    }

    /** Subject names in order, those with only soft-deleted versions only if asked. */
    List<String> subjects(boolean includeDeleted) {
        List<String> names = new ArrayList<>();
        subjects.forEach((name, versions) -> {
            if (includeDeleted || versions.values().stream().anyMatch(v -> !v.deleted())) {
                names.add(name);
            }
        });
        return names;
    }

    int subjectCount() {
        return subjects.size();
    }

    int schemaCount() {
        return schemasById.size();
    }

    CompatibilityLevel globalCompatibility() {
        return globalCompatibility;
    }

    Optional<CompatibilityLevel> subjectCompatibility(String subject) {
        return Optional.ofNullable(subjectCompatibility.get(subject));
    }

    CompatibilityLevel effectiveCompatibility(String subject) {
        return subjectCompatibility.getOrDefault(subject, globalCompatibility);
    }
}
