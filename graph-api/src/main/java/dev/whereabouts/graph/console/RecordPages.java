package dev.whereabouts.graph.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.whereabouts.graph.api.Pagination;
import dev.whereabouts.graph.audit.AuditEntry;
import dev.whereabouts.graph.audit.AuditRepository;
import dev.whereabouts.graph.ropa.RopaEntry;
import dev.whereabouts.graph.ropa.RopaFormats;
import dev.whereabouts.graph.ropa.RopaRepository;
import dev.whereabouts.graph.schema.GraphTransactions;
import dev.whereabouts.web.Endpoint;
import dev.whereabouts.web.ProblemException;
import dev.whereabouts.web.Response;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The console's records: the Art. 30 record of processing activities rendered from the same {@link
 * RopaRepository} rows as {@code GET /v1/ropa}, with the same JSON, CSV ({@link RopaFormats}) and
 * Markdown as files to download; and the audit trail, newest first, filtered by actor, action,
 * request, subject and period, paged with the REST audit list's cursor rules.
 */
public final class RecordPages implements Console.Section {

    private final GraphTransactions graph;
    private final RopaRepository ropa = new RopaRepository();
    private final AuditRepository audit = new AuditRepository();
    private final String controller;

    /** @param controller the controller named in the ROPA, e.g. {@code SmartTrackers B.V.} */
    public RecordPages(GraphTransactions graph, String controller) {
        this.graph = graph;
        this.controller = controller;
    }

    @Override
    public List<Endpoint> routes(Console console) {
        return List.of(
                console.page("/records", request -> records(console, request)),
                console.page("/records/ropa", request -> download(console, request)),
                console.page("/records/audit", request -> audit(console, request)));
    }

    /** One holder's line of the ROPA, lists joined for reading. */
    public record RopaRow(
            RopaEntry entry,
            String name,
            String link,
            String purposes,
            String declaredCategories,
            String observedCategories,
            List<String> retention,
            List<String> legalHolds,
            List<String> onwardTo) {}

    /** The records page. */
    public record RopaView(String controller, String generatedAt, List<RopaRow> rows, long thirdCountries) {

        public boolean hasRows() {
            return !rows.isEmpty();
        }

        public int rowCount() {
            return rows.size();
        }
    }

    private Response records(Console console, ConsoleRequest request) {
        List<RopaEntry> entries = ropa.all(graph);
        RopaView view = new RopaView(
                controller,
                Formats.moment(console.clock().instant()),
                entries.stream()
                        .map(e -> new RopaRow(
                                e,
                                e.displayName() == null ? e.holder() : e.displayName(),
                                HolderPages.holderLink(e.holder()),
                                String.join(", ", e.purposes()),
                                String.join(", ", e.declaredCategories()),
                                String.join(", ", e.observedCategories()),
                                e.retention(),
                                e.legalHolds(),
                                e.onwardTo()))
                        .toList(),
                entries.stream().filter(RopaEntry::thirdCountry).count());
        return console.render(request, 200, "records", "Records of processing", "records", view);
    }

    private Response download(Console console, ConsoleRequest request) {
        String format = request.query("format").orElse("").toLowerCase(Locale.ROOT);
        switch (format) {
            case "json" -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("controller", controller);
                body.put("generatedAt", console.clock().instant());
                body.put("items", ropa.all(graph));
                try {
                    return console.download(
                            "application/json", "ropa.json", console.json().writeValueAsBytes(body));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("the ROPA is not serialisable", e);
                }
            }
            case "csv" -> {
                return console.download(
                        "text/csv; charset=utf-8",
                        "ropa.csv",
                        RopaFormats.csv(ropa.all(graph)).getBytes(StandardCharsets.UTF_8));
            }
            case "markdown", "md" -> {
                return console.download(
                        "text/markdown; charset=utf-8",
                        "ropa.md",
                        RopaFormats.markdown(ropa.all(graph), controller).getBytes(StandardCharsets.UTF_8));
            }
            default -> throw ProblemException.badParameter("format", "must be json, csv or markdown");
        }
    }

    /** One audit entry's row. */
    public record AuditRow(
            String at,
            String actor,
            String action,
            List<Subject> subjects,
            String reason,
            String requestId,
            String requestLink,
            String outcome) {}

    /** A subject an entry concerns, leading to the person's page. */
    public record Subject(String id, String link) {}

    /** The audit page. */
    public record AuditView(
            String actor,
            String action,
            String requestId,
            String subjectId,
            String from,
            String to,
            int limit,
            boolean filtered,
            List<AuditRow> entries,
            String nextLink,
            String firstLink,
            boolean paged) {

        public boolean hasEntries() {
            return !entries.isEmpty();
        }
    }

    private Response audit(Console console, ConsoleRequest request) {
        AuditFilters.Parsed parsed = AuditFilters.parse(request::query);
        // The same cursor and limit rules as GET /v1/audit: the sort key (at, id) of the last entry.
        Pagination.PageRequest page = Pagination.from(request.http(), 2);
        Optional<Long> afterAt = page.numberOrBadCursor(0);
        List<AuditEntry> fetched =
                graph.read(tx -> audit.page(tx, parsed.filter(), afterAt, page.key(1), page.limit() + 1));
        Pagination.Page<AuditEntry> entries =
                Pagination.page(fetched, page.limit(), e -> List.of(Long.toString(e.at().toEpochMilli()), e.id()));
        LinkQuery first = LinkQuery.to(Console.BASE + "/records/audit")
                .with("actor", parsed.actor())
                .with("action", parsed.action())
                .with("requestId", parsed.requestId())
                .with("subjectId", parsed.subjectId())
                .with("from", parsed.from())
                .with("to", parsed.to())
                .with("limit", page.limit() == Pagination.DEFAULT_LIMIT ? null : Integer.toString(page.limit()));
        String firstLink = first.build();
        String nextLink = entries.nextCursor() == null
                ? null
                : first.with("cursor", entries.nextCursor()).build();
        AuditView view = new AuditView(
                parsed.actor(),
                parsed.action(),
                parsed.requestId(),
                parsed.subjectId(),
                parsed.from(),
                parsed.to(),
                page.limit(),
                parsed.any(),
                entries.items().stream().map(RecordPages::auditRow).toList(),
                nextLink,
                firstLink,
                page.cursor().isPresent());
        return console.render(request, 200, "audit", "Audit trail", "records", view);
    }

    private static AuditRow auditRow(AuditEntry entry) {
        return new AuditRow(
                Formats.moment(entry.at()),
                entry.actor(),
                entry.action(),
                entry.subjectIds().stream()
                        .map(id -> new Subject(id, Console.BASE + "/people/" + LinkQuery.segment(id)))
                        .toList(),
                entry.reason(),
                entry.requestId(),
                entry.requestId() == null ? null : Console.BASE + "/requests/" + LinkQuery.segment(entry.requestId()),
                entry.outcome());
    }
}
