package dev.whereabouts.graph.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whereabouts.graph.lookup.LookupService;
import dev.whereabouts.graph.request.ControllerPolicySource;
import dev.whereabouts.graph.request.RequestRepository;
import dev.whereabouts.web.Caller;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every door to a person's data hands out, read once and audited: the Art. 15 report (as
 * {@link AccessReport}, plain-language HTML and PDF) and the Art. 20 {@link PortabilityExport}. The
 * REST API, the console's downloads and the person's copy all read through here.
 */
public final class PersonReports {

    /** Audit action of the access report (HTML, PDF or JSON). */
    public static final String ACCESS_REPORT = "subject.access-report";

    /** Audit action of the portability export. */
    public static final String PORTABILITY_EXPORT = "subject.portability-export";

    /**
     * One audited read of a person: the lineage, their pseudonymous identifiers and their requests.
     *
     * @param read the audited read (not found when nobody matched)
     */
    public record Read(LookupService.Audited<Map<String, Object>> read) {

        public boolean found() {
            return read.found();
        }

        public List<String> subjectIds() {
            return read.subjectIds();
        }
    }

    private final LookupService lookups;
    private final RequestRepository requests;
    private final ControllerPolicySource policies;
    private final String controller;
    private final Clock clock;
    private final ObjectMapper json;

    public PersonReports(
            LookupService lookups,
            RequestRepository requests,
            ControllerPolicySource policies,
            String controller,
            Clock clock,
            ObjectMapper json) {
        this.lookups = lookups;
        this.requests = requests;
        this.policies = policies;
        this.controller = controller;
        this.clock = clock;
        this.json = json;
    }

    /**
     * Reads everything about the subject, audited as {@code action} with {@code reason} (and the
     * request it answers, when there is one).
     */
    public Read read(Caller caller, String action, LookupService.SubjectRef subject, String reason, String requestId) {
        return new Read(lookups.read(
                caller,
                action,
                subject,
                reason,
                requestId,
                (tx, subjectIds) -> Map.of(
                        "identifiers", lookups.repository().identifiers(tx, subjectIds),
                        "requests", requests.forSubjects(tx, subjectIds))));
    }

    /** The Art. 15 report of what was read. */
    public AccessReport report(Read read) {
        return AccessReport.of(read.read().locations(), controller, clock.instant());
    }

    /** The Art. 20 export of what was read. */
    @SuppressWarnings("unchecked")
    public PortabilityExport export(Read read) {
        LookupService.Audited<Map<String, Object>> result = read.read();
        Map<String, Object> extra = result.extra() == null ? Map.of() : result.extra();
        return new PortabilityExport(
                PortabilityExport.FORMAT,
                clock.instant(),
                controller,
                result.subjectIds(),
                (List<Map<String, Object>>) extra.getOrDefault("identifiers", List.of()),
                result.locations().locations(),
                (List<Map<String, Object>>) extra.getOrDefault("requests", List.of()));
    }

    /** The context of a report made now, in {@code language}, answering {@code request} if given. */
    public ReportContext context(ReportLanguage language, Optional<ReportContext.RequestFacts> request) {
        return new ReportContext(language, policies.current(), clock.instant(), request);
    }

    /** The plain-language page, UTF-8. */
    public byte[] html(AccessReport report, ReportContext context) {
        return PersonReportHtml.render(report, context).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The same page as PDF. */
    public byte[] pdf(AccessReport report, ReportContext context) {
        return ReportPdf.render(report, context);
    }

    /** The export as JSON, as the REST API writes it. */
    public byte[] json(PortabilityExport export) {
        try {
            return json.writeValueAsBytes(export);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("export not serialisable", e);
        }
    }
}
