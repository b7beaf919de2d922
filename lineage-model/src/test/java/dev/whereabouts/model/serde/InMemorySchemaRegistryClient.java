package dev.whereabouts.model.serde;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * An in-memory {@link SchemaRegistryClient} for unit tests: Confluent's semantics (global ids
 * shared by equal schemas, versions per subject, the same error codes) without HTTP. Counts every
 * call so tests can prove the serde's caching. Compatibility is BACKWARD against the latest
 * version, the project's policy.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

    private record Version(int id, Schema schema) {}

    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, Integer> idsBySchemaText = new HashMap<>();
    private final Map<String, List<Version>> versionsBySubject = new LinkedHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private int nextId = 1;

    /** Registers {@code schema} under {@code subject} with a chosen id, as a fixture would. */
    public synchronized int registerWithId(String subject, Schema schema, int id) {
        schemasById.put(id, schema);
        versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(new Version(id, schema));
        return id;
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        count("register");
        List<Version> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        for (Version version : versions) {
            if (version.schema().toString().equals(schema.toString())) {
                return version.id();
            }
        }
        if (!versions.isEmpty()) {
            Schema latest = versions.get(versions.size() - 1).schema();
            if (!backwardCompatible(schema, latest)) {
                throw new SchemaRegistryException(
                        "Schema being registered is incompatible with an earlier schema for subject \"" + subject
                                + "\"",
                        409,
                        SchemaRegistryException.INCOMPATIBLE_SCHEMA);
            }
        }
        int id = idsBySchemaText.computeIfAbsent(schema.toString(), text -> nextFreeId());
        schemasById.putIfAbsent(id, schema);
        versions.add(new Version(id, schema));
        return id;
    }

    @Override
    public synchronized int idOf(String subject, Schema schema) {
        count("idOf");
        List<Version> versions = versionsBySubject.get(subject);
        if (versions == null) {
            throw new SchemaRegistryException(
                    "Subject '" + subject + "' not found.", 404, SchemaRegistryException.SUBJECT_NOT_FOUND);
        }
        for (Version version : versions) {
            if (version.schema().toString().equals(schema.toString())) {
                return version.id();
            }
        }
        throw new SchemaRegistryException("Schema not found", 404, SchemaRegistryException.SCHEMA_NOT_FOUND);
    }

    @Override
    public synchronized Schema schemaById(int id) {
        count("schemaById");
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaRegistryException(
                    "Schema " + id + " not found", 404, SchemaRegistryException.SCHEMA_NOT_FOUND);
        }
        return schema;
    }

    @Override
    public synchronized RegisteredSchema latest(String subject) {
        count("latest");
        List<Version> versions = versionsBySubject.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw new SchemaRegistryException(
                    "Subject '" + subject + "' not found.", 404, SchemaRegistryException.SUBJECT_NOT_FOUND);
        }
        Version latest = versions.get(versions.size() - 1);
        return new RegisteredSchema(subject, versions.size(), latest.id(), latest.schema());
    }

    @Override
    public synchronized List<String> subjects() {
        count("subjects");
        return List.copyOf(versionsBySubject.keySet());
    }

    @Override
    public synchronized boolean isCompatible(String subject, Schema schema) {
        count("isCompatible");
        List<Version> versions = versionsBySubject.get(subject);
        if (versions == null || versions.isEmpty()) {
            return true;
        }
        return backwardCompatible(schema, versions.get(versions.size() - 1).schema());
    }

    @Override
    public void close() {
        count("close");
    }

    /** How often {@code method} was called ({@code register}, {@code idOf}, {@code schemaById}, ...). */
    public int calls(String method) {
        AtomicInteger counter = calls.get(method);
        return counter == null ? 0 : counter.get();
    }

    /** Calls of every method except {@code close}. */
    public int totalCalls() {
        return calls.entrySet().stream()
                .filter(e -> !e.getKey().equals("close"))
                .mapToInt(e -> e.getValue().get())
                .sum();
    }

    private int nextFreeId() {
        while (schemasById.containsKey(nextId)) {
            nextId++;
        }
        return nextId++;
    }

    private void count(String method) {
        calls.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
    }

    private static boolean backwardCompatible(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
                        .getType()
                == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
    }
}
