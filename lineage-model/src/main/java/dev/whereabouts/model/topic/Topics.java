package dev.whereabouts.model.topic;

import dev.whereabouts.model.catalog.ControllerPolicy;
import dev.whereabouts.model.catalog.DeclaredFlow;
import dev.whereabouts.model.catalog.Holder;
import dev.whereabouts.model.deadletter.DeadLetter;
import dev.whereabouts.model.dsr.DataSubjectRequest;
import dev.whereabouts.model.dsr.HolderOutcome;
import dev.whereabouts.model.dsr.HolderTask;
import dev.whereabouts.model.dsr.RequestDecision;
import dev.whereabouts.model.dsr.RequestStatus;
import dev.whereabouts.model.lineage.IdentityLink;
import dev.whereabouts.model.lineage.LineageKey;
import dev.whereabouts.model.lineage.LineageRecord;
import dev.whereabouts.model.lineage.SubjectMerge;
import dev.whereabouts.model.retention.RetentionFinding;
import dev.whereabouts.model.sharing.SharingEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The catalogue of every topic the platform uses. This is the only place a topic name is written;
 * every module and every test refers to these constants. Names carry a version: a change that is
 * not backward compatible gets a new topic, never a rewritten one.
 */
public final class Topics {

    /** Partitions of the keyed, high-volume topics; more instances scale up to this many tasks. */
    public static final int DEFAULT_PARTITIONS = 6;

    /** Dead letters are kept long enough to be noticed, fixed and replayed, then age out. */
    public static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(90);

    public static final Topic<String, SharingEvent> SHARING_EVENTS = input(
            "whereabouts.sharing-events.v1",
            String.class,
            SharingEvent.class,
            DEFAULT_PARTITIONS,
            CleanupPolicy.DELETE,
            "Sharing events from services, keyed by the subject's primary pseudonym so one person's events stay in order."
                    + " Kept forever: the lineage can always be rebuilt from offset 0.");

    public static final Topic<String, Holder> CATALOG_HOLDERS = input(
            "whereabouts.catalog.holders.v1",
            String.class,
            Holder.class,
            1,
            CleanupPolicy.COMPACT,
            "Catalog holders, keyed by holder id; a tombstone removes a holder.");

    public static final Topic<String, DeclaredFlow> CATALOG_FLOWS = input(
            "whereabouts.catalog.flows.v1",
            String.class,
            DeclaredFlow.class,
            1,
            CleanupPolicy.COMPACT,
            "Declared onward flows between holders, keyed by flow id; a tombstone removes a flow.");

    /** The key of the one record on {@link #CATALOG_CONTROLLER}. */
    public static final String CONTROLLER_KEY = "controller";

    public static final Topic<String, ControllerPolicy> CATALOG_CONTROLLER = input(
            "whereabouts.catalog.controller.v1",
            String.class,
            ControllerPolicy.class,
            1,
            CleanupPolicy.COMPACT,
            "The controller and its request-handling policy (answer time, identity verification, supervisory authority),"
                    + " one record keyed 'controller'.");

    public static final Topic<LineageKey, LineageRecord> LINEAGE = output(
            "whereabouts.lineage.v1",
            LineageKey.class,
            LineageRecord.class,
            DEFAULT_PARTITIONS,
            CleanupPolicy.COMPACT,
            "Where each category of each subject lives, one record per (subject, category, holder), emitted only on change.");

    public static final Topic<String, SubjectMerge> SUBJECT_MERGES = output(
            "whereabouts.subject-merges.v1",
            String.class,
            SubjectMerge.class,
            DEFAULT_PARTITIONS,
            CleanupPolicy.COMPACT,
            "Identity stitching results, keyed by the merged subject id.");

    public static final Topic<String, IdentityLink> SUBJECT_IDENTITIES = output(
            "whereabouts.subject-identities.v1",
            String.class,
            IdentityLink.class,
            DEFAULT_PARTITIONS,
            CleanupPolicy.COMPACT,
            "Which subject each pseudonymous identifier belongs to, keyed by the identifier's pseudonym; updated on merges.");

    public static final Topic<String, DataSubjectRequest> DSR_REQUESTS = input(
            "whereabouts.dsr.requests.v1",
            String.class,
            DataSubjectRequest.class,
            DEFAULT_PARTITIONS,
            CleanupPolicy.DELETE,
            "Data-subject requests as filed, keyed by the pseudonym of the request's first identifier.");

    public static final Topic<String, RequestDecision> DSR_DECISIONS = input(
            "whereabouts.dsr.decisions.v1",
            String.class,
            RequestDecision.class,
            DEFAULT_PARTITIONS,
            CleanupPolicy.DELETE,
            "The controller's decisions on requests (verification, information asked and received, refusal, extension),"
                    + " keyed by request id; one the request's state does not allow is dead-lettered with the reason.");

    public static final Topic<String, HolderTask> DSR_TASKS = output(
            "whereabouts.dsr.tasks.v1",
            String.class,
            HolderTask.class,
            DEFAULT_PARTITIONS,
            CleanupPolicy.DELETE,
            "One task per holder per request, keyed by holder id so each holder consumes only its own.");

    public static final Topic<String, HolderOutcome> DSR_OUTCOMES = input(
            "whereabouts.dsr.outcomes.v1",
            String.class,
            HolderOutcome.class,
            DEFAULT_PARTITIONS,
            CleanupPolicy.DELETE,
            "Holders' outcomes for their tasks, keyed by request id.");

    public static final Topic<String, RequestStatus> DSR_STATUS = output(
            "whereabouts.dsr.status.v1",
            String.class,
            RequestStatus.class,
            DEFAULT_PARTITIONS,
            CleanupPolicy.COMPACT,
            "Current status of every data-subject request with its per-holder tasks, keyed by request id.");

    public static final Topic<String, RetentionFinding> RETENTION_FINDINGS = output(
            "whereabouts.retention-findings.v1",
            String.class,
            RetentionFinding.class,
            DEFAULT_PARTITIONS,
            CleanupPolicy.COMPACT,
            "Edges held past their retention or past the backup promise, keyed by finding id; resolved findings stay as history.");

    /**
     * Records the graph writer cannot write even after retries (it reads output topics, which have no
     * twin of their own), with the original bytes and the reason.
     */
    public static final Topic<byte[], DeadLetter> GRAPH_WRITER_DEAD_LETTERS = new Topic<>(
            "whereabouts.graph-writer.dead-letters.v1",
            byte[].class,
            DeadLetter.class,
            1,
            CleanupPolicy.DELETE,
            Optional.of(DEAD_LETTER_RETENTION),
            TopicRole.DEAD_LETTER,
            Optional.empty(),
            "Records the graph writer gave up on (poison bytes, unwritable rows), with the original bytes, source and reason.");

    /**
     * Tasks the dispatcher could not deliver on the holder's webhook or e-mail channel after its last
     * try, with the original task bytes and the reason (the task is also reported FAILED).
     */
    public static final Topic<byte[], DeadLetter> DSR_DELIVERY_DEAD_LETTERS = new Topic<>(
            "whereabouts.dsr.deliveries.dead-letters.v1",
            byte[].class,
            DeadLetter.class,
            1,
            CleanupPolicy.DELETE,
            Optional.of(DEAD_LETTER_RETENTION),
            TopicRole.DEAD_LETTER,
            Optional.empty(),
            "Holder tasks the dispatcher gave up delivering (webhook or e-mail), with the original bytes and the reason.");

    private static final List<Topic<?, ?>> ALL = collectAll(List.of(
            SHARING_EVENTS,
            CATALOG_HOLDERS,
            CATALOG_FLOWS,
            CATALOG_CONTROLLER,
            LINEAGE,
            SUBJECT_MERGES,
            SUBJECT_IDENTITIES,
            DSR_REQUESTS,
            DSR_DECISIONS,
            DSR_TASKS,
            DSR_OUTCOMES,
            DSR_STATUS,
            RETENTION_FINDINGS,
            GRAPH_WRITER_DEAD_LETTERS,
            DSR_DELIVERY_DEAD_LETTERS));

    private Topics() {}

    /** Every topic, input topics followed by their dead-letter twins, in a stable order. */
    public static List<Topic<?, ?>> all() {
        return ALL;
    }

    /** The topic with this exact name, if the catalogue has one. */
    public static Optional<Topic<?, ?>> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    private static <K, V> Topic<K, V> input(
            String name, Class<K> keyType, Class<V> valueType, int partitions, CleanupPolicy cleanup, String doc) {
        String base = name.substring(0, name.lastIndexOf(".v"));
        String version = name.substring(name.lastIndexOf(".v"));
        Topic<byte[], DeadLetter> deadLetters = new Topic<>(
                base + ".dead-letters" + version,
                byte[].class,
                DeadLetter.class,
                1,
                CleanupPolicy.DELETE,
                Optional.of(DEAD_LETTER_RETENTION),
                TopicRole.DEAD_LETTER,
                Optional.empty(),
                "Records from " + name + " that could not be processed, with the original bytes and the reason.");
        return new Topic<>(
                name,
                keyType,
                valueType,
                partitions,
                cleanup,
                Optional.empty(),
                TopicRole.INPUT,
                Optional.of(deadLetters),
                doc);
    }

    private static <K, V> Topic<K, V> output(
            String name, Class<K> keyType, Class<V> valueType, int partitions, CleanupPolicy cleanup, String doc) {
        return new Topic<>(
                name,
                keyType,
                valueType,
                partitions,
                cleanup,
                Optional.empty(),
                TopicRole.OUTPUT,
                Optional.empty(),
                doc);
    }

    private static List<Topic<?, ?>> collectAll(List<Topic<?, ?>> declared) {
        List<Topic<?, ?>> all = new ArrayList<>(declared);
        declared.forEach(t -> t.deadLetters().ifPresent(all::add));
        return List.copyOf(all);
    }
}
