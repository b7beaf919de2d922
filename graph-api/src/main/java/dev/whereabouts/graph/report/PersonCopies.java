package dev.whereabouts.graph.report;

import dev.whereabouts.graph.audit.AuditEntry;
import dev.whereabouts.graph.audit.AuditRepository;
import dev.whereabouts.graph.lookup.LookupService;
import dev.whereabouts.graph.request.RequestView;
import dev.whereabouts.graph.schema.GraphTransactions;
import dev.whereabouts.model.dsr.RequestLifecycle;
import dev.whereabouts.web.Caller;
import dev.whereabouts.web.Problem;
import dev.whereabouts.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The person's copy (GDPR Art. 15(3), Art. 12(1)): once their ACCESS or PORTABILITY request is
 * answered, the DPO makes the package the person receives (the plain-language report as HTML and PDF
 * in their language, and the machine-readable export), built at that moment from pseudonymous data
 * and what the request itself carries, and hands them a link that works without an account. The link
 * is a random 256-bit token of which only the SHA-256 is stored; it expires (default 7 days, at most
 * 30), can be revoked, and every download is audited. An expired copy is deleted, package and all,
 * when it is next asked for and by {@link #deleteExpired()}, which the API runs periodically
 * ({@link PersonCopySweeper}); a revoked copy's package is deleted at once.
 */
public final class PersonCopies {

    /** Audit action: a copy was made. */
    public static final String CREATE = "copy.create";
    /** Audit action: the person downloaded a file through their link. */
    public static final String DOWNLOAD = "copy.download";
    /** Audit action: the DPO withdrew a link. */
    public static final String REVOKE = "copy.revoke";
    /** Audit action: a copy's time was up and it was deleted. */
    public static final String EXPIRE = "copy.expire";

    /** The actor of a download: whoever holds the link, presumably the person. */
    public static final String PERSON = "data-subject";
    /** The actor of the expiry sweep. */
    public static final String SYSTEM = "system";

    public static final int DEFAULT_DAYS = 7;
    public static final int MAX_DAYS = 30;

    /** Copies listed per request, at most. */
    static final int LISTED = 100;

    private static final int SWEEP_BATCH = 500;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Set<String> TYPES = Set.of("ACCESS", "PORTABILITY");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A file of the package. */
    public enum File {
        HTML("report.html", "text/html; charset=utf-8", "html"),
        PDF("report.pdf", "application/pdf", "pdf"),
        EXPORT("export.json", "application/json", "export");

        private final String fileName;
        private final String contentType;
        private final String stored;

        File(String fileName, String contentType, String stored) {
            this.fileName = fileName;
            this.contentType = contentType;
            this.stored = stored;
        }

        public String fileName() {
            return fileName;
        }

        public String contentType() {
            return contentType;
        }
    }

    /**
     * A copy just made, with its link's token: shown once to the DPO, never stored.
     *
     * @param copy  the copy
     * @param token the link's secret; the link is {@code /copy/<token>}
     */
    public record Created(PersonCopy copy, String token) {

        public String link() {
            return "/copy/" + token;
        }
    }

    private final GraphTransactions graph;
    private final PersonReports reports;
    private final PersonCopyRepository copies = new PersonCopyRepository();
    private final AuditRepository audit = new AuditRepository();
    private final Clock clock;

    public PersonCopies(GraphTransactions graph, PersonReports reports, Clock clock) {
        this.graph = graph;
        this.reports = reports;
        this.clock = clock;
    }

    /**
     * Why no copy can be made for {@code request}; empty when one can: only for an ACCESS or
     * PORTABILITY request that is finished with the person's answer ({@link RequestLifecycle#isAnswered}).
     */
    public static Optional<String> whyNot(RequestView request) {
        if (!TYPES.contains(request.type())) {
            return Optional.of("a copy of the person's data answers an ACCESS or PORTABILITY request; this request's"
                    + " type is " + request.type());
        }
        if (!RequestLifecycle.isAnswered(request.requestState())) {
            return Optional.of(
                    request.isFinished()
                            ? "the request ended without an answer on the merits (" + request.state()
                                    + "): the person receives the notice, not a copy"
                            : "the request is " + request.state() + "; a copy is made once it is completed");
        }
        return Optional.empty();
    }

    /** Makes the package now and a link valid {@code days} days; 409 when the request does not allow one. */
    public Created create(Caller caller, RequestView request, ReportLanguage language, int days) {
        whyNot(request).ifPresent(reason -> {
            throw new ProblemException(Problem.of("conflict", "No copy for this request", 409, reason, null));
        });
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("days must be 1.." + MAX_DAYS);
        }
        Map<String, Object> filed =
                graph.read(tx -> copies.requestAsFiled(tx, request.requestId())).orElse(Map.of());
        @SuppressWarnings("unchecked")
        List<String> scope = filed.get("scope") instanceof List<?> list ? (List<String>) list : List.of();
        ReportContext.RequestFacts facts = new ReportContext.RequestFacts(
                request.requestId(), request.type(), request.receivedAt(), scope, (String) filed.get("note"));
        // Read through the lookup, audited as the copy's making, with the request it answers.
        PersonReports.Read read = reports.read(
                caller,
                CREATE,
                new LookupService.BySubjectId(request.subjectId() == null ? "" : request.subjectId()),
                "the person's copy for their " + request.type() + " request",
                request.requestId());
        AccessReport report = reports.report(read);
        ReportContext context = reports.context(language, Optional.of(facts));
        PersonCopyRepository.Package files = new PersonCopyRepository.Package(
                reports.html(report, context), reports.pdf(report, context), reports.json(reports.export(read)));
        Instant now = clock.instant();
        String token = newToken();
        PersonCopy copy = new PersonCopy(
                UUID.randomUUID().toString(),
                request.requestId(),
                request.type(),
                read.subjectIds(),
                language.code(),
                now,
                caller.name(),
                now.plus(Duration.ofDays(days)),
                null,
                null,
                0,
                null);
        graph.write(tx -> {
            copies.create(tx, copy, hash(token), files);
            return null;
        });
        return new Created(copy, token);
    }

    /** The copies made for a request, newest first (expired ones are gone). */
    public List<PersonCopy> forRequest(String requestId) {
        return graph.read(tx -> copies.forRequest(tx, requestId, LISTED));
    }

    /**
     * The copy behind a link, for its page: 404 for a token that names none, 410 for one revoked or
     * expired (an expired one is deleted now). Nothing in the answer tells which.
     */
    public PersonCopy open(String token) {
        return usable(token);
    }

    /** One file through the link, audited as a download by the person. */
    public byte[] download(String token, File file) {
        PersonCopy copy = usable(token);
        return graph.write(tx -> {
            Instant now = clock.instant();
            byte[] body = copies.download(tx, copy.id(), file.stored, now).orElseThrow(PersonCopies::gone);
            audit.record(
                    tx,
                    new AuditEntry(
                            UUID.randomUUID().toString(),
                            now,
                            PERSON,
                            DOWNLOAD,
                            copy.subjectIds(),
                            "downloaded " + file.fileName() + " through the person's link (copy " + copy.id() + ")",
                            copy.requestId(),
                            "served"));
            return body;
        });
    }

    /** Withdraws a copy's link and deletes its package; 404 when there is no such copy, 409 when revoked before. */
    public PersonCopy revoke(Caller caller, String copyId) {
        return graph.write(tx -> {
            PersonCopy existing = copies.find(tx, copyId)
                    .orElseThrow(() -> ProblemException.notFound("no copy with this id (it may have expired)"));
            Instant now = clock.instant();
            PersonCopy revoked = copies.revoke(tx, copyId, caller.name(), now)
                    .orElseThrow(() -> new ProblemException(Problem.of(
                            "conflict", "Already revoked", 409, "this copy's link was revoked before", null)));
            audit.record(
                    tx,
                    new AuditEntry(
                            UUID.randomUUID().toString(),
                            now,
                            caller.name(),
                            REVOKE,
                            existing.subjectIds(),
                            "the person's link withdrawn (copy " + copyId + ")",
                            existing.requestId(),
                            "revoked"));
            return revoked;
        });
    }

    /** Deletes every copy whose time is up, package and all, each audited; how many. */
    public int deleteExpired() {
        int total = 0;
        while (true) {
            Instant now = clock.instant();
            int deleted = graph.write(tx -> {
                List<PersonCopy> expired = copies.deleteExpired(tx, now, SWEEP_BATCH);
                expired.forEach(copy -> auditExpiry(tx, copy, now));
                return expired.size();
            });
            total += deleted;
            if (deleted < SWEEP_BATCH) {
                return total;
            }
        }
    }

    private PersonCopy usable(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw unknown();
        }
        PersonCopy copy = graph.read(tx -> copies.findByToken(tx, hash(token))).orElseThrow(PersonCopies::unknown);
        if (copy.expiredAt(clock.instant())) {
            deleteExpired();
            throw gone();
        }
        if (copy.revoked()) {
            throw gone();
        }
        return copy;
    }

    private void auditExpiry(org.neo4j.driver.SimpleQueryRunner tx, PersonCopy copy, Instant now) {
        audit.record(
                tx,
                new AuditEntry(
                        UUID.randomUUID().toString(),
                        now,
                        SYSTEM,
                        EXPIRE,
                        copy.subjectIds(),
                        "the link's time was up: copy " + copy.id() + " and its package deleted",
                        copy.requestId(),
                        "deleted"));
    }

    static ProblemException unknown() {
        return ProblemException.notFound("this link does not lead to anything");
    }

    static ProblemException gone() {
        return new ProblemException(Problem.of("gone", "Link no longer valid", 410, "this link no longer works", null));
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The stored form of a token: hex SHA-256. */
    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
