package dev.whereabouts.registry.store;

import dev.whereabouts.registry.CompatibilityLevel;
import dev.whereabouts.registry.RegistryException;
import dev.whereabouts.registry.compatibility.CompatibilityChecker;
import dev.whereabouts.registry.compatibility.CompatibilityChecker.PreviousVersion;
import dev.whereabouts.registry.compatibility.CompatibilityResult;
import dev.whereabouts.registry.schema.AvroSchema;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's operations, with Confluent's semantics: subjects, versions, global ids, soft and
 * permanent deletes, compatibility levels.
 *
 * <p>Every mutation is validated, written to the {@link MutationLog} and forced to disk, and only
 * then applied in memory and acknowledged. Mutations are serialised by a write lock; reads share
 * a read lock and run concurrently.
 */
public final class SchemaStore implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaStore.class);

    private final RegistryState state;
    private final MutationLog log;
    private final CompatibilityChecker checker = new CompatibilityChecker();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private SchemaStore(RegistryState state, MutationLog log) {
        this.state = state;
        this.log = log;
    }

    /**
     * Opens the store in {@code dataDirectory}, replaying its log.
     *
     * @param defaultCompatibility global level until one is set (a level set earlier and logged
     *                             takes precedence)
     * @throws IOException if the directory is unusable, in use, or the log is corrupt
     */
    public static SchemaStore open(Path dataDirectory, CompatibilityLevel defaultCompatibility) throws IOException {
        RegistryState state = new RegistryState(defaultCompatibility);
        MutationLog log = MutationLog.open(dataDirectory, state::apply);
        LOG.info("Loaded {} schemas under {} subjects from {}", state.schemaCount(), state.subjectCount(), log.file());
        return new SchemaStore(state, log);
    }

    // ---- schemas and subjects ----

    /**
     * Registers {@code schema} under {@code subject} and returns its global id.
     *
     * <p>Idempotent: a schema already live under the subject returns its id without a new version;
     * a schema known under any subject keeps its id.
     *
     * @throws RegistryException {@code 409} if the schema breaks the subject's compatibility level
     */
    public int register(String subject, AvroSchema schema) {
        Optional<Integer> existing = read(() -> liveIdUnder(subject, schema));
        if (existing.isPresent()) {
            return existing.get(); // the common case for serdes: no write lock, no fsync
        }
        return write(() -> {
            Optional<Integer> raced = liveIdUnder(subject, schema);
            if (raced.isPresent()) {
                return raced.get();
            }
            CompatibilityLevel level = state.effectiveCompatibility(subject);
            CompatibilityResult result = checker.check(level, schema, previousVersions(subject, null));
            if (!result.isCompatible()) {
                throw RegistryException.incompatibleSchema(subject, result.messages());
            }
            int id = state.idOf(schema).orElseGet(state::nextId);
            int version = state.lastVersionNumber(subject) + 1;
            append(new LogRecord.SchemaRegistered(id, subject, version, schema.canonical()));
            return id;
        });
    }

    /**
     * Finds {@code schema} under {@code subject} (the latest version holding it).
     *
     * @throws RegistryException {@code 40401} unknown subject, {@code 40403} schema not under it
     */
    public SubjectVersion lookup(String subject, AvroSchema schema, boolean includeDeleted) {
        return read(() -> {
            List<RegistryState.Version> versions = existingVersions(subject, includeDeleted);
            Optional<Integer> id = state.idOf(schema);
            for (int i = versions.size() - 1; i >= 0 && id.isPresent(); i--) {
                if (versions.get(i).id() == id.get()) {
                    return toSubjectVersion(subject, versions.get(i));
                }
            }
            throw RegistryException.schemaNotFound();
        });
    }

    /** The schema with global id {@code id}, if it was ever registered. */
    public Optional<AvroSchema> schemaById(int id) {
        return read(() -> state.schema(id));
    }

    /**
     * Every subject version using schema {@code id}, by subject then version.
     *
     * @throws RegistryException {@code 40403} if the id was never assigned
     */
    public List<SubjectVersion> versionsOfSchema(int id, boolean includeDeleted) {
        return read(() -> {
            if (state.schema(id).isEmpty()) {
                throw RegistryException.schemaNotFound(Integer.toString(id));
            }
            List<SubjectVersion> result = new ArrayList<>();
            for (String subject : state.subjects(true)) {
                for (RegistryState.Version v : state.versions(subject, includeDeleted)) {
                    if (v.id() == id) {
                        result.add(toSubjectVersion(subject, v));
                    }
                }
            }
            return result;
        });
    }

    /** Subject names in order, filtered by prefix (empty for all). */
    public List<String> subjects(String prefix, boolean includeDeleted) {
        return read(() -> state.subjects(includeDeleted).stream()
                .filter(s -> s.startsWith(prefix))
                .collect(Collectors.toList()));
    }

    /**
     * Version numbers of {@code subject}, ascending.
     *
     * @throws RegistryException {@code 40401} if the subject has no (live, unless asked) version
     */
    public List<Integer> versions(String subject, boolean includeDeleted) {
        return read(() -> existingVersions(subject, includeDeleted).stream()
                .map(RegistryState.Version::number)
                .collect(Collectors.toList()));
    }

    /**
     * One version of {@code subject}.
     *
     * @throws RegistryException {@code 40401} unknown subject, {@code 40402} unknown version
     */
    public SubjectVersion version(String subject, VersionSpec spec, boolean includeDeleted) {
        return read(() -> toSubjectVersion(subject, resolve(subject, spec, includeDeleted)));
    }

    // ---- deletion ----

    /**
     * Soft-deletes every live version of {@code subject}, or permanently removes an already
     * soft-deleted subject, and returns the version numbers affected.
     *
     * @throws RegistryException {@code 40401} unknown subject, {@code 40404} already soft-deleted,
     *                           {@code 40405} permanent delete of a subject not soft-deleted first
     */
    public List<Integer> deleteSubject(String subject, boolean permanent) {
        return write(() -> {
            List<RegistryState.Version> all = state.versions(subject, true);
            if (all.isEmpty()) {
                throw RegistryException.subjectNotFound(subject);
            }
            boolean anyLive = all.stream().anyMatch(v -> !v.deleted());
            if (permanent && anyLive) {
                throw RegistryException.subjectNotSoftDeleted(subject);
            }
            if (!permanent && !anyLive) {
                throw RegistryException.subjectSoftDeleted(subject);
            }
            List<Integer> affected = all.stream()
                    .filter(v -> permanent || !v.deleted())
                    .map(RegistryState.Version::number)
                    .collect(Collectors.toList());
            append(new LogRecord.SubjectDeleted(subject, permanent));
            return affected;
        });
    }

    /**
     * Soft-deletes one version, or permanently removes an already soft-deleted one, and returns its
     * number. {@code latest} means the latest live version for a soft delete and the latest of all
     * for a permanent one.
     *
     * @throws RegistryException {@code 40401}, {@code 40402}, {@code 40406} already soft-deleted,
     *                           {@code 40407} permanent delete not preceded by a soft delete
     */
    public int deleteVersion(String subject, VersionSpec spec, boolean permanent) {
        return write(() -> {
            // A numbered version is looked up among deleted ones too, to tell 40406 from 40402.
            RegistryState.Version version = resolve(subject, spec, permanent || !spec.isLatest());
            if (!permanent && version.deleted()) {
                throw RegistryException.versionSoftDeleted(subject, version.number());
            }
            if (permanent && !version.deleted()) {
                throw RegistryException.versionNotSoftDeleted(subject, version.number());
            }
            append(new LogRecord.VersionDeleted(subject, version.number(), permanent));
            return version.number();
        });
    }

    // ---- compatibility ----

    /** The global compatibility level. */
    public CompatibilityLevel globalCompatibility() {
        return read(state::globalCompatibility);
    }

    /** Sets the global compatibility level. */
    public void setGlobalCompatibility(CompatibilityLevel level) {
        write(() -> {
            append(new LogRecord.CompatibilitySet(null, level));
            return null;
        });
    }

    /** Resets the global level to the configured default and returns the level it replaced. */
    public CompatibilityLevel resetGlobalCompatibility() {
        return write(() -> {
            CompatibilityLevel old = state.globalCompatibility();
            append(new LogRecord.CompatibilitySet(null, null));
            return old;
        });
    }

    /** The level set for {@code subject} itself, if any. */
    public Optional<CompatibilityLevel> subjectCompatibility(String subject) {
        return read(() -> state.subjectCompatibility(subject));
    }

    /** Sets {@code subject}'s own level; the subject need not have versions yet. */
    public void setSubjectCompatibility(String subject, CompatibilityLevel level) {
        write(() -> {
            append(new LogRecord.CompatibilitySet(subject, level));
            return null;
        });
    }

    /**
     * Removes {@code subject}'s own level (it falls back to the global one) and returns it.
     *
     * @throws RegistryException {@code 40408} if the subject has no level of its own
     */
    public CompatibilityLevel deleteSubjectCompatibility(String subject) {
        return write(() -> {
            CompatibilityLevel old = state.subjectCompatibility(subject)
                    .orElseThrow(() -> RegistryException.subjectCompatibilityNotConfigured(subject));
            append(new LogRecord.CompatibilitySet(subject, null));
            return old;
        });
    }

    /**
     * Checks {@code schema} against one version of {@code subject}, or, if {@code spec} is null,
     * against the versions its level calls for (compatible if the subject has none).
     *
     * @throws RegistryException {@code 40401}/{@code 40402} if {@code spec} names no version
     */
    public CompatibilityResult checkCompatibility(String subject, VersionSpec spec, AvroSchema schema) {
        return read(() -> {
            CompatibilityLevel level = state.effectiveCompatibility(subject);
            return checker.check(level, schema, previousVersions(subject, spec));
        });
    }

    @Override
    public void close() throws IOException {
        Lock writeLock = lock.writeLock();
        writeLock.lock();
        try {
            if (!closed) {
                closed = true;
                log.close();
            }
        } finally {
            writeLock.unlock();
        }
    }

    // ---- internals; callers hold the lock ----

    private Optional<Integer> liveIdUnder(String subject, AvroSchema schema) {
        return state.idOf(schema)
                .filter(id -> state.versions(subject, false).stream().anyMatch(v -> v.id() == id));
    }

    /** Newest first: all live versions if {@code spec} is null, else the one it names. */
    private List<PreviousVersion> previousVersions(String subject, VersionSpec spec) {
        List<RegistryState.Version> versions =
                spec == null ? new ArrayList<>(state.versions(subject, false)) : List.of(resolve(subject, spec, false));
        List<PreviousVersion> previous = new ArrayList<>(versions.size());
        for (RegistryState.Version v : versions) {
            previous.add(new PreviousVersion(v.number(), schemaOf(v)));
        }
        previous.sort(Comparator.comparingInt(PreviousVersion::version).reversed());
        return previous;
    }

    private List<RegistryState.Version> existingVersions(String subject, boolean includeDeleted) {
        List<RegistryState.Version> versions = state.versions(subject, includeDeleted);
        if (versions.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        return versions;
    }

    private RegistryState.Version resolve(String subject, VersionSpec spec, boolean includeDeleted) {
        List<RegistryState.Version> versions = existingVersions(subject, includeDeleted);
        if (spec.isLatest()) {
            return versions.get(versions.size() - 1);
        }
        return state.version(subject, spec.number())
                .filter(v -> includeDeleted || !v.deleted())
                .orElseThrow(() -> RegistryException.versionNotFound(spec.number()));
    }

    private SubjectVersion toSubjectVersion(String subject, RegistryState.Version v) {
        return new SubjectVersion(subject, v.number(), v.id(), schemaOf(v).canonical(), v.deleted());
    }

    private AvroSchema schemaOf(RegistryState.Version v) {
        return state.schema(v.id()).orElseThrow(() -> new IllegalStateException("No schema for id " + v.id()));
    }

    /** Logs {@code record} durably, then applies it; callers hold the write lock. */
    private void append(LogRecord record) {
        if (closed) {
            throw RegistryException.storeError("The schema registry is shut down", null);
        }
        try {
            log.append(record);
        } catch (IOException e) {
            throw RegistryException.storeError("Error while writing to the registry's log", e);
        }
        state.apply(record);
    }

    private <T> T read(Supplier<T> operation) {
        Lock readLock = lock.readLock();
        readLock.lock();
        try {
            return operation.get();
        } finally {
            readLock.unlock();
        }
    }

    private <T> T write(Supplier<T> operation) {
        Lock writeLock = lock.writeLock();
        writeLock.lock();
        try {
            return operation.get();
        } finally {
            writeLock.unlock();
        }
    }
}
