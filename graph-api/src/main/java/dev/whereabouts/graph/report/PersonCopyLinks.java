package dev.whereabouts.graph.report;

import dev.whereabouts.web.Endpoint;
import dev.whereabouts.web.ErrorRenderer;
import dev.whereabouts.web.Problem;
import dev.whereabouts.web.Request;
import dev.whereabouts.web.Response;
import java.util.List;

/**
 * The person's side of their copy: {@code GET /copy/<token>}, a small page in the copy's language
 * with the three downloads ({@code report.html}, {@code report.pdf}, {@code export.json}). No account,
 * no session, no cookie: the token is the credential. Every answer forbids caching, referrers,
 * indexing and framing, under a Content-Security-Policy that allows nothing but the report's own
 * style. Errors under {@code /copy} are plain-language HTML pages in English and Dutch (the language
 * of a copy that cannot be found is not known) saying only that the link does not work (404) or no
 * longer works (410), never why in a way that helps guessing.
 */
public final class PersonCopyLinks {

    /** Where the links live. */
    public static final String BASE = "/copy";

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src " + PersonReportHtml.STYLE_HASH
            + "; img-src 'none'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    private final PersonCopies copies;
    private final String controller;

    /**
     * @param controller the controller that hands out the copies, named on the page
     */
    public PersonCopyLinks(PersonCopies copies, String controller) {
        this.copies = copies;
        this.controller = controller;
    }

    public List<Endpoint> routes() {
        return List.of(
                Endpoint.open("GET", BASE + "/{token}", this::page),
                Endpoint.open("GET", BASE + "/{token}/report.html", r -> file(r, PersonCopies.File.HTML)),
                Endpoint.open("GET", BASE + "/{token}/report.pdf", r -> file(r, PersonCopies.File.PDF)),
                Endpoint.open("GET", BASE + "/{token}/export.json", r -> file(r, PersonCopies.File.EXPORT)));
    }

    /** Whether {@code path} is one of the person's links (its errors are pages for a person). */
    public static boolean isCopyPath(String path) {
        return path.equals(BASE) || path.startsWith(BASE + "/");
    }

    /**
     * The error renderer of the service the links run in: a plain-language page for {@code /copy}
     * paths, {@code fallback} for every other path.
     */
    public static ErrorRenderer errorRenderer(ErrorRenderer fallback) {
        return problem -> problem.instance() != null && isCopyPath(problem.instance())
                ? errorPage(problem)
                : fallback.render(problem);
    }

    private Response page(Request request) {
        String token = request.pathParameter("token");
        PersonCopy copy = copies.open(token);
        ReportLanguage language = ReportLanguage.of(copy.language()).orElse(ReportLanguage.EN);
        boolean dutch = language == ReportLanguage.NL;
        String until = PersonReportHtml.date(copy.expiresAt(), language);
        StringBuilder html = start(language.code(), dutch ? "Uw persoonsgegevens" : "Your personal data");
        html.append("<h1>")
                .append(escape(dutch ? "Uw persoonsgegevens bij " + controller : "Your personal data at " + controller))
                .append("</h1>\n<p>")
                .append(escape(
                        dutch
                                ? controller + " heeft uw verzoek beantwoord. Hier kunt u downloaden wat wij over u"
                                        + " hebben: een rapport om te lezen en een bestand voor een computer."
                                : controller + " has answered your request. Here you can download what we hold"
                                        + " about you: a report to read and a file for a computer."))
                .append("</p>\n<ul>\n");
        link(
                html,
                token,
                PersonCopies.File.HTML,
                dutch ? "Het rapport om te lezen (webpagina)" : "The report to read (web page)");
        link(html, token, PersonCopies.File.PDF, dutch ? "Hetzelfde rapport als PDF" : "The same report as PDF");
        link(
                html,
                token,
                PersonCopies.File.EXPORT,
                dutch
                        ? "Alle gegevens in een bestand voor een computer (JSON), om mee te nemen"
                        : "Everything in a file for a computer (JSON), to take elsewhere");
        html.append("</ul>\n<p>")
                .append(escape(
                        dutch
                                ? "Deze link werkt tot " + until + ". Daarna verwijderen wij deze kopie. Bewaar de"
                                        + " bestanden zelf als u ze later nog wilt hebben, en deel de link met niemand."
                                : "This link works until " + until + ". After that we delete this copy. Keep the"
                                        + " files yourself if you want them later, and share the link with no one."))
                .append("</p>\n");
        return secured(Response.html(200, end(html)));
    }

    private Response file(Request request, PersonCopies.File file) {
        byte[] body = copies.download(request.pathParameter("token"), file);
        String disposition = file == PersonCopies.File.HTML ? "inline" : "attachment";
        return secured(Response.bytes(200, file.contentType(), body))
                .withHeader("Content-Disposition", disposition + "; filename=\"" + file.fileName() + "\"");
    }

    private static void link(StringBuilder html, String token, PersonCopies.File file, String words) {
        html.append("<li><a href=\"")
                .append(escape(BASE + "/" + token + "/" + file.fileName()))
                .append("\">")
                .append(escape(words))
                .append("</a></li>\n");
    }

    private static Response errorPage(Problem problem) {
        String english;
        String dutch;
        if (problem.status() == 410) {
            english = "This link no longer works: it has expired or was withdrawn, and the copy behind it is"
                    + " deleted. Ask the organisation that sent it to you for a new one.";
            dutch = "Deze link werkt niet meer: hij is verlopen of ingetrokken, en de kopie erachter is verwijderd."
                    + " Vraag de organisatie die hem stuurde om een nieuwe.";
        } else if (problem.status() == 404) {
            english = "This link does not work. Check that you copied the whole link, or ask the organisation that"
                    + " sent it to you.";
            dutch = "Deze link werkt niet. Kijk of u de hele link hebt overgenomen, of vraag het de organisatie die"
                    + " hem stuurde.";
        } else {
            english = "Something went wrong. Please try again later.";
            dutch = "Er ging iets mis. Probeer het later opnieuw.";
        }
        StringBuilder html = start("en", "Link");
        html.append("<h1>")
                .append(problem.status() == 410 ? "Link no longer valid" : "Link not found")
                .append("</h1>\n<p>")
                .append(escape(english))
                .append("</p>\n<h2 lang=\"nl\">Nederlands</h2>\n<p lang=\"nl\">")
                .append(escape(dutch))
                .append("</p>\n");
        return secured(Response.html(problem.status(), end(html)));
    }

    private static StringBuilder start(String lang, String title) {
        return new StringBuilder(2048)
                .append("<!DOCTYPE html>\n<html lang=\"")
                .append(lang)
                .append("\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"robots\" content=\"noindex, nofollow\">\n<title>")
                .append(escape(title))
                .append("</title>\n<style>")
                .append(PersonReportHtml.STYLE)
                .append("</style>\n</head>\n<body>\n<main>\n");
    }

    private static String end(StringBuilder html) {
        return html.append("</main>\n</body>\n</html>\n").toString();
    }

    private static Response secured(Response response) {
        return response.withHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .withHeader("Referrer-Policy", "no-referrer")
                .withHeader("Cache-Control", "no-store")
                .withHeader("X-Robots-Tag", "noindex, nofollow")
                .withHeader("X-Content-Type-Options", "nosniff")
                .withHeader("X-Frame-Options", "DENY");
    }

    private static String escape(String text) {
        return PersonReportHtml.escape(text);
    }
}
