package dev.whereabouts.graph.report;

import dev.whereabouts.graph.schema.Cypher;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Record;
import org.neo4j.driver.SimpleQueryRunner;
import org.neo4j.driver.Value;

/**
 * The person's copies as {@code (:PersonCopy)} nodes: the link's token only as its SHA-256, the
 * package (report HTML and PDF, export JSON) as byte arrays until the copy is revoked or expires. Only
 * the DPO API writes them; the graph writer never does, and a replay of the topics leaves them alone.
 */
final class PersonCopyRepository {

    private static final String META = """
            c {.id, .requestId, .requestType, .subjectIds, .language, .createdAt, .createdBy, .expiresAt, .revokedAt,
               .revokedBy, .downloads, .lastDownloadAt}""";

    private static final String CREATE = Cypher.of("""
            CREATE (c:${PersonCopy} {id: $id, tokenHash: $tokenHash, requestId: $requestId, requestType: $requestType,
                                     subjectIds: $subjectIds, language: $language, createdAt: $createdAt,
                                     createdBy: $createdBy, expiresAt: $expiresAt, downloads: 0,
                                     reportHtml: $reportHtml, reportPdf: $reportPdf, export: $export})
            """);

    /** The package of one copy. */
    record Package(byte[] reportHtml, byte[] reportPdf, byte[] export) {}

    void create(SimpleQueryRunner tx, PersonCopy copy, String tokenHash, Package files) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("id", copy.id());
        parameters.put("tokenHash", tokenHash);
        parameters.put("requestId", copy.requestId());
        parameters.put("requestType", copy.requestType());
        parameters.put("subjectIds", copy.subjectIds());
        parameters.put("language", copy.language());
        parameters.put("createdAt", copy.createdAt().toEpochMilli());
        parameters.put("createdBy", copy.createdBy());
        parameters.put("expiresAt", copy.expiresAt().toEpochMilli());
        parameters.put("reportHtml", files.reportHtml());
        parameters.put("reportPdf", files.reportPdf());
        parameters.put("export", files.export());
        tx.run(CREATE, parameters).consume();
    }

    private static final String OF_REQUEST = Cypher.of("""
            MATCH (c:${PersonCopy}) WHERE c.requestId = $requestId
            RETURN %s AS c ORDER BY c.createdAt DESC, c.id DESC LIMIT $limit
            """.formatted(META));

    /** The copies made for a request, newest first. */
    List<PersonCopy> forRequest(SimpleQueryRunner tx, String requestId, int limit) {
        return tx.run(OF_REQUEST, Map.of("requestId", requestId, "limit", limit))
                .list(PersonCopyRepository::copy);
    }

    private static final String BY_ID = Cypher.of("""
            MATCH (c:${PersonCopy} {id: $id}) RETURN %s AS c
            """.formatted(META));

    Optional<PersonCopy> find(SimpleQueryRunner tx, String id) {
        return tx.run(BY_ID, Map.of("id", id)).list(PersonCopyRepository::copy).stream()
                .findFirst();
    }

    private static final String BY_TOKEN = Cypher.of("""
            MATCH (c:${PersonCopy}) WHERE c.tokenHash = $tokenHash RETURN %s AS c
            """.formatted(META));

    Optional<PersonCopy> findByToken(SimpleQueryRunner tx, String tokenHash) {
        return tx.run(BY_TOKEN, Map.of("tokenHash", tokenHash)).list(PersonCopyRepository::copy).stream()
                .findFirst();
    }

    private static final String DOWNLOAD = Cypher.of("""
            MATCH (c:${PersonCopy} {id: $id}) WHERE c.revokedAt IS NULL
            SET c.downloads = c.downloads + 1, c.lastDownloadAt = $at
            RETURN CASE $file WHEN 'html' THEN c.reportHtml WHEN 'pdf' THEN c.reportPdf ELSE c.export END AS body
            """);

    /** One file of the package, counted as downloaded; empty when the copy is gone or revoked. */
    Optional<byte[]> download(SimpleQueryRunner tx, String id, String file, Instant at) {
        return tx
                .run(DOWNLOAD, Map.of("id", id, "file", file, "at", at.toEpochMilli()))
                .list(r -> r.get("body").asByteArray())
                .stream()
                .findFirst();
    }

    private static final String REVOKE = Cypher.of("""
            MATCH (c:${PersonCopy} {id: $id}) WHERE c.revokedAt IS NULL
            SET c.revokedAt = $at, c.revokedBy = $by
            REMOVE c.reportHtml, c.reportPdf, c.export
            RETURN %s AS c
            """.formatted(META));

    /** Withdraws the link and drops the package at once; empty when there is no such copy or it was revoked. */
    Optional<PersonCopy> revoke(SimpleQueryRunner tx, String id, String by, Instant at) {
        return tx
                .run(REVOKE, Map.of("id", id, "by", by, "at", at.toEpochMilli()))
                .list(PersonCopyRepository::copy)
                .stream()
                .findFirst();
    }

    private static final String EXPIRED = Cypher.of("""
            MATCH (c:${PersonCopy}) WHERE c.expiresAt <= $now
            WITH c LIMIT $limit
            WITH c, %s AS meta
            DETACH DELETE c
            RETURN meta AS c
            """.formatted(META));

    /** Deletes up to {@code limit} copies whose time is up, package and all; what was deleted. */
    List<PersonCopy> deleteExpired(SimpleQueryRunner tx, Instant now, int limit) {
        return tx.run(EXPIRED, Map.of("now", now.toEpochMilli(), "limit", limit))
                .list(PersonCopyRepository::copy);
    }

    private static final String REQUEST_AS_FILED = Cypher.of("""
            MATCH (q:${Request} {id: $id}) RETURN q.scope AS scope, q.note AS note
            """);

    /** What the request carries as the person gave it: its scope and note (set when the DPO API filed it). */
    Optional<Map<String, Object>> requestAsFiled(SimpleQueryRunner tx, String requestId) {
        return tx.run(REQUEST_AS_FILED, Map.of("id", requestId)).list(Record::asMap).stream()
                .findFirst();
    }

    private static PersonCopy copy(Record record) {
        Value c = record.get("c");
        return new PersonCopy(
                c.get("id").asString(),
                c.get("requestId").asString(),
                c.get("requestType").asString(null),
                c.get("subjectIds").isNull() ? List.of() : c.get("subjectIds").asList(Value::asString),
                c.get("language").asString(),
                instant(c.get("createdAt")),
                c.get("createdBy").asString(null),
                instant(c.get("expiresAt")),
                instant(c.get("revokedAt")),
                c.get("revokedBy").asString(null),
                c.get("downloads").asLong(0),
                instant(c.get("lastDownloadAt")));
    }

    private static Instant instant(Value value) {
        return value.isNull() ? null : Instant.ofEpochMilli(value.asLong());
    }
}
