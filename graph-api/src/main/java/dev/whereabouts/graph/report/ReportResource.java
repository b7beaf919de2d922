package dev.whereabouts.graph.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whereabouts.graph.api.Bodies;
import dev.whereabouts.graph.lookup.LookupService;
import dev.whereabouts.graph.lookup.SubjectQuery;
import dev.whereabouts.graph.request.ControllerPolicySource;
import dev.whereabouts.graph.request.RequestRepository;
import dev.whereabouts.model.id.SubjectId;
import dev.whereabouts.model.identity.Pseudonymiser;
import dev.whereabouts.web.Endpoint;
import dev.whereabouts.web.ProblemException;
import dev.whereabouts.web.Request;
import dev.whereabouts.web.Response;
import dev.whereabouts.web.Role;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the controller hands a person: the Art. 15 access report (JSON or HTML, by identifiers or by
 * subject id) and the Art. 20 portability export. Every read is audited with the reason given.
 */
public final class ReportResource {

    private final LookupService lookups;
    private final Pseudonymiser pseudonymiser;
    private final ControllerPolicySource policies;
    private final String controller;
    private final Clock clock;
    private final ObjectMapper json;
    private final PersonReports reports;

    /**
     * @param policies   the controller's policy from the catalog: its contact and supervisory authority
     * @param controller the controller named in reports, e.g. {@code SmartTrackers B.V.}
     */
    public ReportResource(
            LookupService lookups,
            RequestRepository requests,
            Pseudonymiser pseudonymiser,
            ControllerPolicySource policies,
            String controller,
            Clock clock,
            ObjectMapper json) {
        this.lookups = lookups;
        this.pseudonymiser = pseudonymiser;
        this.policies = policies;
        this.controller = controller;
        this.clock = clock;
        this.json = json;
        this.reports = new PersonReports(lookups, requests, policies, controller, clock, json);
    }

    public List<Endpoint> routes() {
        return List.of(
                Endpoint.forRole(Role.DPO, "POST", "/v1/reports/access", this::accessReport),
                Endpoint.forRole(
                        Role.DPO, "GET", "/v1/subjects/{subjectId}/access-report", this::accessReportBySubject),
                Endpoint.forRole(Role.DPO, "POST", "/v1/exports/portability", this::portability));
    }

    private Response accessReport(Request request) {
        SubjectQuery query = SubjectQuery.from(request, pseudonymiser);
        boolean html = wantsHtml(request);
        LookupService.Audited<Void> result =
                lookups.lookup(request.caller(), PersonReports.ACCESS_REPORT, query.subject(), query.reason());
        return report(result, html);
    }

    private Response accessReportBySubject(Request request) {
        String reason = request.query("reason")
                .map(String::trim)
                .filter(r -> !r.isEmpty())
                .orElseThrow(() ->
                        ProblemException.badParameter("reason", "required: why the report is looked at (audited)"));
        if (reason.length() > Bodies.MAX_REASON) {
            throw ProblemException.badParameter("reason", "at most " + Bodies.MAX_REASON + " characters");
        }
        SubjectId subjectId = Bodies.pathId(request, "subjectId", SubjectId::isValid, SubjectId.RULE, SubjectId::of);
        boolean html = wantsHtml(request);
        LookupService.Audited<Void> result = lookups.lookup(
                request.caller(),
                PersonReports.ACCESS_REPORT,
                new LookupService.BySubjectId(subjectId.value()),
                reason);
        return report(result, html);
    }

    private Response report(LookupService.Audited<Void> result, boolean html) {
        SubjectQuery.requireFound(result);
        AccessReport report = AccessReport.of(result.locations(), controller, clock.instant());
        if (html) {
            ReportContext context =
                    new ReportContext(ReportLanguage.EN, policies.current(), report.generatedAt(), Optional.empty());
            return Response.text(200, "text/html; charset=utf-8", PersonReportHtml.render(report, context));
        }
        return Response.json(200, report, json);
    }

    private boolean wantsHtml(Request request) {
        Optional<String> format = request.query("format");
        if (format.isPresent()) {
            return switch (format.get().toLowerCase(Locale.ROOT)) {
                case "html" -> true;
                case "json" -> false;
                default -> throw ProblemException.badParameter("format", "must be json or html");
            };
        }
        return request.header("Accept").map(a -> a.contains("text/html")).orElse(false);
    }

    private Response portability(Request request) {
        SubjectQuery query = SubjectQuery.from(request, pseudonymiser);
        PersonReports.Read read =
                reports.read(request.caller(), PersonReports.PORTABILITY_EXPORT, query.subject(), query.reason(), null);
        SubjectQuery.requireFound(read.read());
        return Response.json(200, reports.export(read), json)
                .withHeader(
                        "Content-Disposition",
                        "attachment; filename=\"portability-"
                                + read.subjectIds().get(0) + ".json\"");
    }
}
