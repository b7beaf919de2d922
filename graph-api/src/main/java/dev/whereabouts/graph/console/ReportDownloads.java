package dev.whereabouts.graph.console;

import dev.whereabouts.graph.lookup.LookupService;
import dev.whereabouts.graph.report.AccessReport;
import dev.whereabouts.graph.report.PersonReports;
import dev.whereabouts.graph.report.ReportContext;
import dev.whereabouts.graph.report.ReportLanguage;
import dev.whereabouts.model.id.SubjectId;
import dev.whereabouts.web.Endpoint;
import dev.whereabouts.web.FieldError;
import dev.whereabouts.web.Problem;
import dev.whereabouts.web.ProblemException;
import dev.whereabouts.web.Response;
import java.util.List;
import java.util.Optional;

/**
 * The person's page's downloads: the Art. 15 report as HTML and PDF ({@code ?lang=nl} for Dutch) and
 * the Art. 20 export as JSON, under {@code /console/people/<subjectId>/}. Each is read and audited
 * through the same service as the REST API, with the reason the DPO gave when they opened the person
 * through "Find a person" in this session; without one, nothing is read and the page says where to
 * give it.
 */
public final class ReportDownloads implements Console.Section {

    private final PersonReports reports;

    public ReportDownloads(PersonReports reports) {
        this.reports = reports;
    }

    @Override
    public List<Endpoint> routes(Console console) {
        return List.of(
                console.page("/people/{subjectId}/report.html", r -> report(console, r, false)),
                console.page("/people/{subjectId}/report.pdf", r -> report(console, r, true)),
                console.page("/people/{subjectId}/export.json", r -> export(console, r)));
    }

    private Response report(Console console, ConsoleRequest request, boolean pdf) {
        String subjectId = subjectId(request);
        ReportLanguage language = ReportLanguage.fromParameter(request.query("lang"));
        PersonReports.Read read = read(request, subjectId, PersonReports.ACCESS_REPORT);
        AccessReport report = reports.report(read);
        ReportContext context = reports.context(language, Optional.empty());
        String name = "access-report-" + subjectId + "-" + language.code();
        return pdf
                ? console.download("application/pdf", name + ".pdf", reports.pdf(report, context))
                : console.download("text/html; charset=utf-8", name + ".html", reports.html(report, context));
    }

    private Response export(Console console, ConsoleRequest request) {
        String subjectId = subjectId(request);
        PersonReports.Read read = read(request, subjectId, PersonReports.PORTABILITY_EXPORT);
        return console.download(
                "application/json", "portability-" + subjectId + ".json", reports.json(reports.export(read)));
    }

    private PersonReports.Read read(ConsoleRequest request, String subjectId, String action) {
        String reason = request.session()
                .reasonFor(subjectId)
                .orElseThrow(() -> new ProblemException(Problem.of(
                        "reason-required",
                        "Open this person first",
                        409,
                        "every look at a person's data is audited with the reason you give; open this person"
                                + " through \"Find a person\" on the People page, give the reason there, and download"
                                + " from their page",
                        List.of(new FieldError("reason", "not given in this session for this person")))));
        PersonReports.Read read =
                reports.read(request.caller(), action, new LookupService.BySubjectId(subjectId), reason, null);
        if (!read.found()) {
            throw ProblemException.notFound("no person with this subject id is in the graph (the look was audited)");
        }
        return read;
    }

    private static String subjectId(ConsoleRequest request) {
        String subjectId = request.pathParameter("subjectId");
        if (!SubjectId.isValid(subjectId)) {
            throw ProblemException.badParameter("subjectId", "must be " + SubjectId.RULE);
        }
        return subjectId;
    }
}
