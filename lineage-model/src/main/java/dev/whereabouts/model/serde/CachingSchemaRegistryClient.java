package dev.whereabouts.model.serde;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.apache.avro.Schema;

/**
 * Wraps another {@link SchemaRegistryClient} so that each answer that can never change is asked
 * for once.
 *
 * <p>Schema ids are immutable in every Confluent-compatible registry: id to schema and (subject,
 * schema) to id are cached without expiry, in both directions (registering or looking up a
 * schema also teaches the id to schema map). The latest version of a subject does change, so it
 * is cached only for a configurable time. {@link #subjects()} and {@link #isCompatible} are
 * never cached: they are administrative calls whose answer the caller wants fresh.
 *
 * <p>Thread-safe; concurrent misses for the same key may both reach the registry, which is
 * harmless because every cached call is idempotent. Each cache is bounded.
 */
public final class CachingSchemaRegistryClient implements SchemaRegistryClient {

    private record SubjectSchema(String subject, Schema schema) {}

    private record Timed(RegisteredSchema value, long fetchedAtNanos) {}

    private final SchemaRegistryClient delegate;
    private final BoundedCache<Integer, Schema> schemasById;
    private final BoundedCache<SubjectSchema, Integer> idsBySubjectSchema;
    private final BoundedCache<String, Timed> latestBySubject;
    private final long latestTtlNanos;
    private final LongSupplier nanoClock;

    /**
     * Caches up to 1000 entries per map and the latest version of a subject until restart, as
     * Confluent's defaults do.
     */
    public CachingSchemaRegistryClient(SchemaRegistryClient delegate) {
        this(delegate, 1000, Optional.empty());
    }

    /**
     * @param delegate the client that makes the real calls; closed by {@link #close()}
     * @param capacity maximum entries per cache
     * @param latestTtl how long a latest version stays cached; empty means until restart, {@link
     *     Duration#ZERO} disables caching of latest versions
     */
    public CachingSchemaRegistryClient(SchemaRegistryClient delegate, int capacity, Optional<Duration> latestTtl) {
        this(delegate, capacity, latestTtl, System::nanoTime);
    }

    /** Builds the cache that {@link AvroSerializer} and {@link AvroDeserializer} use by default. */
    public static CachingSchemaRegistryClient forConfig(SchemaRegistryClient delegate, SerdeConfig config) {
        return new CachingSchemaRegistryClient(delegate, config.maxSchemasPerSubject(), config.latestCacheTtl());
    }

    CachingSchemaRegistryClient(
            SchemaRegistryClient delegate, int capacity, Optional<Duration> latestTtl, LongSupplier nanoClock) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.schemasById = new BoundedCache<>(capacity);
        this.idsBySubjectSchema = new BoundedCache<>(capacity);
        this.latestBySubject = new BoundedCache<>(capacity);
        this.latestTtlNanos = latestTtl.map(Duration::toNanos).orElse(Long.MAX_VALUE);
        this.nanoClock = nanoClock;
    }

    @Override
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        int id = delegate.register(subject, schema);
        remember(key, id);
        return id;
    }

    @Override
    public int idOf(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        int id = delegate.idOf(subject, schema);
        remember(key, id);
        return id;
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        Schema schema = delegate.schemaById(id);
        schemasById.put(id, schema);
        return schema;
    }

    @Override
    public RegisteredSchema latest(String subject) {
        Timed cached = latestBySubject.get(subject);
        long now = nanoClock.getAsLong();
        if (cached != null && now - cached.fetchedAtNanos() < latestTtlNanos) {
            return cached.value();
        }
        RegisteredSchema latest = delegate.latest(subject);
        if (latestTtlNanos > 0) {
            latestBySubject.put(subject, new Timed(latest, now));
        }
        remember(new SubjectSchema(subject, latest.schema()), latest.id());
        return latest;
    }

    @Override
    public List<String> subjects() {
        return delegate.subjects();
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        return delegate.isCompatible(subject, schema);
    }

    /** Drops every cached answer, e.g. after a registry was restored from backup with new ids. */
    public void invalidateAll() {
        schemasById.clear();
        idsBySubjectSchema.clear();
        latestBySubject.clear();
    }

    @Override
    public void close() {
        invalidateAll();
        delegate.close();
    }

    private void remember(SubjectSchema key, int id) {
        idsBySubjectSchema.put(key, id);
        if (schemasById.get(id) == null) {
            schemasById.put(id, key.schema());
        }
    }
}
