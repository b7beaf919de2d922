package dev.whereabouts.graph.writer;

import dev.whereabouts.graph.schema.EdgeDetail;
import dev.whereabouts.graph.schema.LegalHolds;
import dev.whereabouts.model.catalog.CategoryRetention;
import dev.whereabouts.model.catalog.DeclaredFlow;
import dev.whereabouts.model.catalog.Holder;
import dev.whereabouts.model.catalog.LegalHold;
import dev.whereabouts.model.dsr.InformationRequest;
import dev.whereabouts.model.dsr.Refusal;
import dev.whereabouts.model.dsr.RequestStatus;
import dev.whereabouts.model.dsr.TaskStatus;
import dev.whereabouts.model.dsr.VerificationRecord;
import dev.whereabouts.model.id.CategoryKey;
import dev.whereabouts.model.lineage.IdentityLink;
import dev.whereabouts.model.lineage.LineageRecord;
import dev.whereabouts.model.lineage.SubjectMerge;
import dev.whereabouts.model.retention.RetentionFinding;
import dev.whereabouts.model.topic.Topic;
import dev.whereabouts.model.topic.TopicSerdes;
import dev.whereabouts.model.topic.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Decodes the raw bytes of the topics the writer reads into {@link GraphChange}s. The writer consumes
 * bytes and decodes here, not in the consumer, so a poison record becomes a dead letter with its
 * original bytes instead of a consumer that cannot get past it.
 */
public final class RecordDecoder {

    /** The topics the writer consumes, catalog first. */
    public static final List<Topic<?, ?>> TOPICS = List.of(
            Topics.CATALOG_HOLDERS,
            Topics.CATALOG_FLOWS,
            Topics.SUBJECT_IDENTITIES,
            Topics.SUBJECT_MERGES,
            Topics.LINEAGE,
            Topics.DSR_STATUS,
            Topics.RETENTION_FINDINGS);

    /** Thrown for records that can never be written; the writer dead-letters them. */
    public static final class UndecodableRecordException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UndecodableRecordException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Map<String, BiFunction<ConsumerRecord<byte[], byte[]>, Boolean, GraphChange>> decoders =
            new HashMap<>();

    public RecordDecoder(TopicSerdes serdes) {
        register(serdes, Topics.CATALOG_HOLDERS, RecordKind.HOLDER, (k, v) -> v.getId(), RecordDecoder::holderRow);
        register(serdes, Topics.CATALOG_FLOWS, RecordKind.FLOW, (k, v) -> v.getId(), RecordDecoder::flowRow);
        register(
                serdes,
                Topics.SUBJECT_IDENTITIES,
                RecordKind.IDENTITY,
                (k, v) -> v.getIdentifier().getPseudonym(),
                RecordDecoder::identityRow);
        register(
                serdes,
                Topics.SUBJECT_MERGES,
                RecordKind.MERGE,
                (k, v) -> v.getMergedSubjectId(),
                RecordDecoder::mergeRow);
        register(
                serdes,
                Topics.LINEAGE,
                RecordKind.LINEAGE,
                (k, v) -> lineageKey(v.getSubjectId(), v.getCategory(), v.getHolder()),
                RecordDecoder::lineageRow,
                k -> lineageKey(k.getSubjectId(), k.getCategory(), k.getHolder()));
        register(serdes, Topics.DSR_STATUS, RecordKind.STATUS, (k, v) -> v.getRequestId(), RecordDecoder::statusRow);
        register(
                serdes,
                Topics.RETENTION_FINDINGS,
                RecordKind.FINDING,
                (k, v) -> v.getFindingId(),
                RecordDecoder::findingRow);
    }

    /** The topic names this decoder reads. */
    public Set<String> topicNames() {
        return decoders.keySet();
    }

    /**
     * The graph change a record asks for.
     *
     * @throws UndecodableRecordException when the bytes are not what the topic carries
     */
    public GraphChange decode(ConsumerRecord<byte[], byte[]> record) {
        var decoder = decoders.get(record.topic());
        if (decoder == null) {
            throw new UndecodableRecordException("the graph writer does not read topic " + record.topic(), null);
        }
        return decoder.apply(record, Boolean.TRUE);
    }

    static String lineageKey(String subjectId, String category, String holder) {
        return subjectId + '\u0000' + category + '\u0000' + holder;
    }

    private <K, V> void register(
            TopicSerdes serdes,
            Topic<K, V> topic,
            RecordKind kind,
            BiFunction<K, V, String> keyOf,
            java.util.function.Function<V, Map<String, Object>> rowOf) {
        register(serdes, topic, kind, keyOf, rowOf, k -> String.valueOf(k));
    }

    private <K, V> void register(
            TopicSerdes serdes,
            Topic<K, V> topic,
            RecordKind kind,
            BiFunction<K, V, String> keyOf,
            java.util.function.Function<V, Map<String, Object>> rowOf,
            java.util.function.Function<K, String> tombstoneKey) {
        Deserializer<K> keys = serdes.keySerde(topic).deserializer();
        Deserializer<V> values = serdes.valueSerde(topic).deserializer();
        decoders.put(topic.name(), (record, unused) -> {
            K key = decodePart(
                    record,
                    "key",
                    () -> record.key() == null
                            ? null
                            : keys.deserialize(record.topic(), record.headers(), record.key()));
            if (record.value() == null) {
                if (key == null) {
                    throw new UndecodableRecordException("tombstone without a key on " + record.topic(), null);
                }
                return new GraphChange(kind, tombstoneKey.apply(key), null, record);
            }
            V value = decodePart(
                    record, "value", () -> values.deserialize(record.topic(), record.headers(), record.value()));
            try {
                return new GraphChange(kind, keyOf.apply(key, value), rowOf.apply(value), record);
            } catch (RuntimeException e) {
                throw new UndecodableRecordException(
                        "record on " + record.topic() + " cannot become a graph change: " + e.getMessage(), e);
            }
        });
    }

    private static <T> T decodePart(
            ConsumerRecord<byte[], byte[]> record, String part, java.util.function.Supplier<T> decode) {
        try {
            T decoded = decode.get();
            if (decoded == null && "value".equals(part)) {
                throw new UndecodableRecordException("the value decoded to nothing", null);
            }
            return decoded;
        } catch (UndecodableRecordException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UndecodableRecordException(
                    "the " + part + " of a record on " + record.topic() + " partition "
                            + record.partition() + " offset " + record.offset() + " is not a valid " + record.topic()
                            + " " + part
                            + ": " + e.getMessage(),
                    e);
        }
    }

    static Map<String, Object> holderRow(Holder holder) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", holder.getId());
        row.put("displayName", holder.getDisplayName());
        row.put("legalEntity", holder.getLegalEntity());
        row.put("country", holder.getCountry());
        row.put("role", holder.getRole().name());
        row.put("purposes", List.copyOf(holder.getPurposes()));
        row.put("categories", List.copyOf(holder.getCategories()));
        row.put("erasureChannel", holder.getErasureChannel().name());
        row.put("erasureEndpoint", holder.getErasureEndpoint());
        row.put("catalogVersion", holder.getCatalogVersion());
        List<String> holds = new ArrayList<>();
        for (LegalHold hold : holder.getLegalHolds()) {
            holds.add(LegalHolds.encode(hold));
        }
        row.put("legalHolds", holds);
        List<Map<String, Object>> declares = new ArrayList<>();
        // Only declared categories: a retention rule may name a parent key ("user") without declaring all of it.
        for (String category : new java.util.LinkedHashSet<>(holder.getCategories())) {
            Map<String, Object> declared = new HashMap<>();
            declared.put("category", category);
            CategoryRetention retention = retentionFor(holder.getRetention(), category);
            declared.put("retention", retention == null ? null : retention.getRetention());
            declared.put("note", retention == null ? null : retention.getNote());
            declares.add(declared);
        }
        row.put("declares", declares);
        return row;
    }

    /** The most specific retention rule covering {@code category} (exact key, else the longest parent key). */
    static CategoryRetention retentionFor(List<CategoryRetention> rules, String category) {
        CategoryRetention best = null;
        int bestLength = -1;
        for (CategoryRetention rule : rules) {
            for (String key : rule.getCategories()) {
                if (CategoryKey.covers(key, category) && key.length() > bestLength) {
                    best = rule;
                    bestLength = key.length();
                }
            }
        }
        return best;
    }

    static Map<String, Object> flowRow(DeclaredFlow flow) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", flow.getId());
        row.put("from", flow.getFrom());
        row.put("to", flow.getTo());
        row.put("categories", List.copyOf(flow.getCategories()));
        row.put("retention", flow.getRetention());
        row.put("purpose", flow.getPurpose());
        row.put("description", flow.getDescription());
        row.put("catalogVersion", flow.getCatalogVersion());
        return row;
    }

    static Map<String, Object> identityRow(IdentityLink link) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("pseudonym", link.getIdentifier().getPseudonym());
        row.put("type", link.getIdentifier().getType().name());
        row.put("keyId", link.getIdentifier().getKeyId());
        row.put("subjectId", link.getSubjectId());
        row.put("linkedAt", millis(link.getLinkedAt()));
        row.put("causedBy", link.getCausedByEventId());
        return row;
    }

    static Map<String, Object> mergeRow(SubjectMerge merge) {
        if (merge.getMergedSubjectId().equals(merge.getSurvivingSubjectId())) {
            throw new IllegalArgumentException("subject " + merge.getMergedSubjectId() + " cannot merge into itself");
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("merged", merge.getMergedSubjectId());
        row.put("surviving", merge.getSurvivingSubjectId());
        row.put("mergedAt", millis(merge.getMergedAt()));
        row.put("causedBy", merge.getCausedByEventId());
        return row;
    }

    /**
     * A lineage row: the edge's key, its {@code updatedAt} (for the guard against older records) and
     * {@code props}, every property of the edge in one map for a single {@code SET r += row.props}:
     * the values queries filter on as properties of their own, the rest as one {@link EdgeDetail}
     * string. An absent retention or status reason is {@code null}, which removes the property.
     */
    static Map<String, Object> lineageRow(LineageRecord record) {
        Map<String, Object> props = new HashMap<>();
        props.put("direct", record.getDirect());
        props.put("status", record.getStatus().name());
        props.put("retentionUntil", millis(record.getRetentionUntil()));
        props.put("updatedAt", millis(record.getUpdatedAt()));
        props.put(
                "detail",
                EdgeDetail.encode(new EdgeDetail.Detail(
                        strings(record.getPath()),
                        strings(record.getPurposes()),
                        record.getLegalBases().stream().map(Enum::name).toList(),
                        strings(record.getSourceSystems()),
                        millis(record.getFirstSharedAt()),
                        millis(record.getLastSharedAt()),
                        record.getStatusReason(),
                        record.getLastEventId())));
        Map<String, Object> row = new HashMap<>();
        row.put("subjectId", record.getSubjectId());
        row.put("category", record.getCategory());
        row.put("holder", record.getHolder());
        row.put("updatedAt", props.get("updatedAt"));
        // Read by the observed-summary derivation in WriteBatch, not written to the edge.
        row.put("direct", record.getDirect());
        row.put("path", strings(record.getPath()));
        row.put("props", props);
        return row;
    }

    private static List<String> strings(List<? extends CharSequence> values) {
        return values.stream().map(CharSequence::toString).toList();
    }

    static Map<String, Object> statusRow(RequestStatus status) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", status.getRequestId());
        row.put("type", status.getType().name());
        row.put("subjectId", status.getSubjectId());
        row.put("state", status.getState().name());
        row.put("receivedAt", millis(status.getReceivedAt()));
        row.put("deadline", millis(status.getDeadline()));
        row.put("extensionReason", status.getExtensionReason());
        row.put("updatedAt", millis(status.getUpdatedAt()));
        row.put("completedAt", millis(status.getCompletedAt()));
        row.put("statutoryDeadline", millis(status.getStatutoryDeadline()));
        row.put("promisedDeadline", millis(status.getPromisedDeadline()));
        row.put("deadlineBasis", status.getDeadlineBasis());
        row.put("overdue", status.getOverdue());
        row.put("verificationMethod", status.getVerificationMethod());
        row.put("verification", verificationRow(status.getVerification()));
        row.put("informationRequest", informationRow(status.getInformationRequest()));
        row.put("refusal", refusalRow(status.getRefusal()));
        row.put("failedHolders", strings(status.getFailedHolders()));
        row.put("escalatedTasks", strings(status.getEscalatedTasks()));
        row.put("answer", status.getAnswer());
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (TaskStatus task : status.getTasks()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("id", task.getTaskId());
            t.put("holder", task.getHolder());
            t.put("type", task.getType().name());
            t.put("categories", List.copyOf(task.getCategories()));
            t.put("state", task.getState().name());
            t.put("reason", task.getReason());
            t.put("evidence", task.getEvidence());
            t.put("updatedAt", millis(task.getUpdatedAt()));
            t.put("overdue", task.getOverdue());
            t.put("escalated", task.getEscalated());
            t.put("answerBy", millis(task.getAnswerBy()));
            t.put("remindedAt", millis(task.getRemindedAt()));
            t.put("expiresAt", millis(task.getExpiresAt()));
            tasks.add(t);
        }
        row.put("tasks", tasks);
        return row;
    }

    private static Map<String, Object> verificationRow(VerificationRecord verification) {
        if (verification == null) {
            return null;
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("method", verification.getMethod());
        row.put("verified", verification.getVerified());
        row.put("decidedBy", verification.getDecidedBy());
        row.put("decidedAt", millis(verification.getDecidedAt()));
        row.put("note", verification.getNote());
        return row;
    }

    private static Map<String, Object> informationRow(InformationRequest information) {
        if (information == null) {
            return null;
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("askedAt", millis(information.getAskedAt()));
        row.put("askedBy", information.getAskedBy());
        row.put("note", information.getNote());
        row.put("answeredAt", millis(information.getAnsweredAt()));
        row.put("pausedMillis", information.getPausedMillis());
        return row;
    }

    private static Map<String, Object> refusalRow(Refusal refusal) {
        if (refusal == null) {
            return null;
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("ground", refusal.getGround().name());
        row.put("reason", refusal.getReason());
        row.put("notice", refusal.getNotice());
        row.put("decidedBy", refusal.getDecidedBy());
        row.put("decidedAt", millis(refusal.getDecidedAt()));
        return row;
    }

    static Map<String, Object> findingRow(RetentionFinding finding) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", finding.getFindingId());
        row.put("subjectId", finding.getSubjectId());
        row.put("category", finding.getCategory());
        row.put("holder", finding.getHolder());
        row.put("kind", finding.getKind().name());
        row.put("lastSharedAt", millis(finding.getLastSharedAt()));
        row.put("dueAt", millis(finding.getDueAt()));
        row.put("detectedAt", millis(finding.getDetectedAt()));
        row.put("resolved", finding.getResolved());
        row.put("rule", finding.getRule());
        return row;
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }
}
