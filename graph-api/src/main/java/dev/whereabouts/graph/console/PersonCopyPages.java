package dev.whereabouts.graph.console;

import dev.whereabouts.graph.report.PersonCopies;
import dev.whereabouts.graph.report.PersonCopy;
import dev.whereabouts.graph.report.ReportLanguage;
import dev.whereabouts.graph.request.RequestService;
import dev.whereabouts.graph.request.RequestView;
import dev.whereabouts.model.id.RequestId;
import dev.whereabouts.web.Endpoint;
import dev.whereabouts.web.FieldError;
import dev.whereabouts.web.ProblemException;
import dev.whereabouts.web.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The person's copy, from the DPO's side: {@code /console/requests/<requestId>/copy} lists the copies
 * made for an ACCESS or PORTABILITY request (made when, by whom, language, expiry, revoked, downloads)
 * and, once the request is answered, makes a new one (language, days valid); the link is shown once,
 * on the answer to that form, for the DPO to hand over; it is never stored or shown again, so this
 * one form answers with the page rather than a redirect. {@code POST /console/copies/<copyId>/revoke}
 * withdraws a link.
 */
public final class PersonCopyPages implements Console.Section {

    private final RequestService requests;
    private final PersonCopies copies;

    public PersonCopyPages(RequestService requests, PersonCopies copies) {
        this.requests = requests;
        this.copies = copies;
    }

    /** One row of the table of copies. */
    public record Row(
            String id,
            String createdAt,
            String createdBy,
            String language,
            String expiresAt,
            String expiresIn,
            String revoked,
            long downloads,
            String lastDownloadAt,
            boolean canRevoke) {}

    /** The link just made, shown once. */
    public record Made(String url, String path, String expiresAt) {}

    @Override
    public List<Endpoint> routes(Console console) {
        return List.of(
                console.page("/requests/{requestId}/copy", r -> page(console, r, 200, Optional.empty())),
                console.action("/requests/{requestId}/copy", r -> create(console, r)),
                console.action("/copies/{copyId}/revoke", r -> revoke(r)));
    }

    private Response create(Console console, ConsoleRequest request) {
        RequestView view = requests.get(requestId(request));
        List<FieldError> errors = new ArrayList<>();
        Optional<ReportLanguage> language = request.form().first("language").flatMap(ReportLanguage::of);
        if (language.isEmpty()) {
            errors.add(new FieldError("language", "choose English (en) or Dutch (nl)"));
        }
        int days = 0;
        String daysText = request.form().first("days").map(String::trim).orElse("");
        if (!daysText.matches("[0-9]{1,3}")
                || (days = Integer.parseInt(daysText)) < 1
                || days > PersonCopies.MAX_DAYS) {
            errors.add(new FieldError("days", "a whole number of days from 1 to " + PersonCopies.MAX_DAYS));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("the copy was not made; fix the form and send it again", errors);
        }
        PersonCopies.Created created = copies.create(request.caller(), view, language.get(), days);
        String host = request.http().header("Host").orElse("localhost");
        String url = (request.http().isSecure() ? "https://" : "http://") + host + created.link();
        return page(
                console,
                request,
                201,
                Optional.of(new Made(
                        url, created.link(), Formats.moment(created.copy().expiresAt()))));
    }

    private Response revoke(ConsoleRequest request) {
        String copyId = request.pathParameter("copyId");
        if (!RequestId.isValid(copyId)) {
            throw ProblemException.badParameter("copyId", "must be a UUID");
        }
        PersonCopy revoked = copies.revoke(request.caller(), copyId);
        return Response.seeOther("/console/requests/" + revoked.requestId() + "/copy");
    }

    private Response page(Console console, ConsoleRequest request, int status, Optional<Made> made) {
        RequestView view = requests.get(requestId(request));
        Instant now = console.clock().instant();
        List<Row> rows = new ArrayList<>();
        for (PersonCopy copy : copies.forRequest(view.requestId())) {
            rows.add(new Row(
                    copy.id(),
                    Formats.moment(copy.createdAt()),
                    copy.createdBy(),
                    ReportLanguage.of(copy.language())
                            .map(l -> l == ReportLanguage.NL ? "Dutch" : "English")
                            .orElse(copy.language()),
                    Formats.moment(copy.expiresAt()),
                    copy.revoked() ? null : Formats.daysLeftInWords(now, copy.expiresAt()),
                    copy.revoked() ? "revoked " + Formats.moment(copy.revokedAt()) + " by " + copy.revokedBy() : null,
                    copy.downloads(),
                    Formats.moment(copy.lastDownloadAt()),
                    !copy.revoked() && !copy.expiredAt(now)));
        }
        Optional<String> whyNot = PersonCopies.whyNot(view);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("requestId", view.requestId());
        model.put("type", HomePage.words(view.type()));
        model.put("state", HomePage.words(view.state()));
        model.put("stateKey", view.state());
        model.put("allowed", whyNot.isEmpty());
        model.put("whyNot", whyNot.orElse(null));
        model.put("made", made.orElse(null));
        model.put("copies", rows);
        model.put("hasCopies", !rows.isEmpty());
        model.put("defaultDays", PersonCopies.DEFAULT_DAYS);
        model.put("maxDays", PersonCopies.MAX_DAYS);
        return console.render(request, status, "person-copy", "The person's copy", "requests", model);
    }

    private static String requestId(ConsoleRequest request) {
        String requestId = request.pathParameter("requestId");
        if (!RequestId.isValid(requestId)) {
            throw ProblemException.badParameter("requestId", "must be " + RequestId.RULE);
        }
        return requestId;
    }
}
