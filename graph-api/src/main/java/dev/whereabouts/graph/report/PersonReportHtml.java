package dev.whereabouts.graph.report;

import dev.whereabouts.graph.lookup.Location;
import dev.whereabouts.model.catalog.ControllerPolicy;
import dev.whereabouts.model.catalog.SupervisoryAuthority;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The person's report (GDPR Art. 15, Art. 12(1): concise, intelligible, in clear and plain language)
 * as one self-contained, well-formed XHTML page: what data (fideslang's names and descriptions, never
 * keys), where (each holder's name, legal entity and country, onward holders and backups with the
 * route the data took), why (purposes and legal bases in words), how long (a retention date already
 * past never reads "kept until"), from where, the person's rights (Art. 15-22) and where to complain
 * (the supervisory authority the catalog names). The same page is the REST API's HTML access report,
 * the console's download and the person's copy, and is rendered to PDF by {@link ReportPdf}.
 *
 * <p>Every value is escaped: holder names, purposes and notes come from configuration and events.
 * The only style is {@link #STYLE}, inline in the page so the file stands alone; a page served under
 * a strict Content-Security-Policy allows it by its hash, {@link #STYLE_HASH}.
 */
public final class PersonReportHtml {

    /** The page's style sheet (also read by the PDF renderer: no web fonts, nothing fetched). */
    static final String STYLE = "body{font-family:sans-serif;font-size:11pt;line-height:1.45;color:#1a1a1a;"
            + "max-width:48em;margin:2em auto;padding:0 1em}h1{font-size:1.6em}h2{font-size:1.25em;margin-top:1.6em;"
            + "border-bottom:1px solid #bbb}h3{font-size:1.05em;margin-bottom:.2em}p.small{font-size:.9em;color:#444}"
            + "table{border-collapse:collapse;width:100%;font-size:.85em}th,td{border:1px solid #bbb;padding:.25em .4em;"
            + "text-align:left;vertical-align:top}th{background:#eee}ul.place{margin-top:.2em}";

    /** The CSP source that allows {@link #STYLE}: {@code 'sha256-...'}. */
    public static final String STYLE_HASH = "'sha256-" + sha256(STYLE) + "'";

    private static final String ARROW = " \u2192 ";

    private PersonReportHtml() {}

    /** The page in the context's language. */
    public static String render(AccessReport report, ReportContext context) {
        return render(report, context, ARROW);
    }

    /** The page with {@code arrow} between the hops of a route (the PDF's built-in fonts lack the arrow). */
    static String render(AccessReport report, ReportContext context, String arrow) {
        ReportText text = ReportText.of(context.language());
        CategoryNames names = CategoryNames.get();
        ReportLanguage language = context.language();
        String controller =
                context.policy().map(ControllerPolicy::getLegalEntity).orElse(report.controller());
        Map<String, String> holderNames = holderNames(report);
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"")
                .append(language.code())
                .append("\" xml:lang=\"")
                .append(language.code())
                .append("\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>")
                .append(escape(text.get("title")))
                .append("</title>\n<style>")
                .append(STYLE)
                .append("</style>\n</head>\n<body>\n<h1>")
                .append(escape(text.get("title")))
                .append("</h1>\n");
        paragraph(html, text.get("intro", controller));
        context.request().ifPresent(request -> {
            String type =
                    text.has("request." + request.type()) ? text.get("request." + request.type()) : request.type();
            paragraph(html, text.get("request", type, request.requestId(), date(request.receivedAt(), language)));
            if (!request.scope().isEmpty()) {
                List<String> scope = new ArrayList<>();
                request.scope()
                        .forEach(key -> scope.add(names.describe(key, language).name()));
                paragraph(html, text.get("where.data", String.join(", ", scope)));
            }
            if (request.note() != null && !request.note().isBlank()) {
                paragraph(html, request.note());
            }
        });
        html.append("<p class=\"small\">")
                .append(escape(text.get("generated", date(context.now(), language))))
                .append("</p>\n");

        // What
        html.append("<h2>").append(escape(text.get("what.heading"))).append("</h2>\n");
        if (report.categories().isEmpty()) {
            paragraph(html, text.get("what.none"));
        } else {
            html.append("<ul>\n");
            for (String key : report.categories()) {
                CategoryNames.Named named = names.describe(key, language);
                html.append("<li><strong>").append(escape(named.name())).append("</strong>");
                if (!named.description().isEmpty()) {
                    html.append(": ").append(escape(named.description()));
                }
                if (!named.translated()) {
                    html.append(' ').append(escape(text.get("what.untranslated")));
                }
                html.append("</li>\n");
            }
            html.append("</ul>\n");
        }

        // Where, and how long
        html.append("<h2>").append(escape(text.get("where.heading"))).append("</h2>\n");
        if (!report.recipients().isEmpty()) {
            paragraph(html, text.get("where.intro"));
        }
        Map<String, List<Location>> byHolder = new LinkedHashMap<>();
        for (Location location : report.locations()) {
            byHolder.computeIfAbsent(location.holder(), k -> new ArrayList<>()).add(location);
        }
        for (AccessReport.Recipient recipient : report.recipients()) {
            List<Location> held = byHolder.getOrDefault(recipient.holder(), List.of());
            html.append("<h3>")
                    .append(escape(holderNames.getOrDefault(recipient.holder(), recipient.holder())))
                    .append("</h3>\n<ul class=\"place\">\n");
            item(
                    html,
                    text.get(
                            "where.entity",
                            recipient.legalEntity() == null ? controller : recipient.legalEntity(),
                            country(recipient.country(), language, text)));
            if (recipient.onward()) {
                Set<String> routes = new LinkedHashSet<>();
                held.forEach(l -> routes.add(route(l.path(), holderNames, arrow)));
                item(html, text.get("where.onward", String.join("; ", routes)));
            } else if ("INTERNAL".equals(recipient.role())) {
                item(html, text.get("where.internal"));
            } else {
                item(html, text.get("where.direct"));
            }
            Set<String> purposes = new LinkedHashSet<>();
            Set<String> bases = new LinkedHashSet<>();
            for (Location location : held) {
                location.purposes().forEach(p -> purposes.add(purpose(p)));
                location.legalBases().forEach(b -> bases.add(basis(b, text)));
            }
            if (!purposes.isEmpty()) {
                item(html, text.get("where.purpose", String.join("; ", purposes)));
            }
            if (!bases.isEmpty()) {
                item(html, text.get("where.basis", String.join("; ", bases)));
            }
            for (Location location : held) {
                item(
                        html,
                        names.describe(location.category(), language).name() + ": "
                                + kept(location, holderNames, context.now(), text));
            }
            html.append("</ul>\n");
        }

        // Why
        html.append("<h2>").append(escape(text.get("why.heading"))).append("</h2>\n");
        paragraph(html, text.get("why.purposes") + " " + text.get("purpose.note"));
        list(html, report.purposes().stream().map(PersonReportHtml::purpose).toList());
        paragraph(html, text.get("why.bases"));
        list(html, report.legalBases().stream().map(b -> basis(b, text)).toList());

        // From where
        html.append("<h2>").append(escape(text.get("from.heading"))).append("</h2>\n");
        if (report.sources().isEmpty()) {
            paragraph(html, text.get("from.none"));
        } else {
            paragraph(html, text.get("from.intro"));
            list(
                    html,
                    report.sources().stream()
                            .map(s -> holderNames.getOrDefault(s, s))
                            .toList());
        }

        // Rights and complaints
        html.append("<h2>").append(escape(text.get("rights.heading"))).append("</h2>\n<ul>\n");
        for (int article = 15; article <= 22; article++) {
            item(html, text.get("rights." + article));
        }
        html.append("</ul>\n");
        context.policy()
                .map(ControllerPolicy::getContactEmail)
                .filter(email -> email != null && !email.isBlank())
                .ifPresent(email -> paragraph(html, text.get("rights.contact", email)));
        html.append("<h2>").append(escape(text.get("complain.heading"))).append("</h2>\n");
        if (context.policy().isPresent()) {
            SupervisoryAuthority authority = context.policy().get().getSupervisoryAuthority();
            paragraph(html, text.get("complain.text", authority.getName(), authority.getComplaintUrl()));
        } else {
            paragraph(html, text.get("complain.unknown"));
        }

        // In detail
        html.append("<h2>")
                .append(escape(text.get("details.heading")))
                .append("</h2>\n<table>\n<caption>")
                .append(escape(text.get("details.caption")))
                .append("</caption>\n<thead><tr>");
        for (String column : List.of(
                "details.category",
                "details.holder",
                "details.path",
                "details.purposes",
                "details.first",
                "details.last",
                "details.kept")) {
            html.append("<th scope=\"col\">").append(escape(text.get(column))).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (Location location : report.locations()) {
            html.append("<tr>");
            cell(html, names.describe(location.category(), language).name());
            cell(html, holderNames.getOrDefault(location.holder(), location.holder()));
            cell(
                    html,
                    location.direct()
                            ? text.get("details.direct")
                            // the table is the precise view: the route by the catalog's holder ids
                            : route(withHolder(location), Map.of(), arrow));
            cell(
                    html,
                    String.join(
                            "; ",
                            location.purposes().stream()
                                    .map(PersonReportHtml::purpose)
                                    .toList()));
            cell(html, date(location.firstSharedAt(), language));
            cell(html, date(location.lastSharedAt(), language));
            cell(html, kept(location, holderNames, context.now(), text));
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n<p class=\"small\">")
                .append(escape(text.get("footer", controller)))
                .append("</p>\n</body>\n</html>\n");
        return html.toString();
    }

    /**
     * How long this copy is kept, as of {@code now}, by its status: a date still ahead is "kept until";
     * a date already past says the copy should be gone by then (deleted, or expired by itself); an
     * erased, deleted or restricted copy says so.
     */
    static String kept(Location location, Map<String, String> holderNames, Instant now, ReportText text) {
        ReportLanguage language = text.language();
        Instant until = location.retentionUntil();
        String status = location.status() == null ? "HELD" : location.status();
        String sentence = switch (status) {
            case "ERASED" -> text.get("kept.erased");
            case "DELETED_BY_HOLDER" ->
                text.get("kept.deleted", holderNames.getOrDefault(location.holder(), location.holder()));
            case "RESTRICTED" ->
                text.get(
                        "kept.restricted",
                        until != null && until.isAfter(now)
                                ? text.get("kept.restricted.until", date(until, language))
                                : "");
            default -> {
                if (until == null) {
                    yield text.get("kept.unknown");
                }
                yield until.isAfter(now)
                        ? text.get("kept.until", date(until, language))
                        : text.get("kept.ended", date(until, language));
            }
        };
        if (!"HELD".equals(status)
                && location.statusReason() != null
                && !location.statusReason().isBlank()) {
            sentence = sentence + " " + text.get("kept.reason", location.statusReason());
        }
        return sentence;
    }

    /** The holders' display names by id, as the lineage names them. */
    static Map<String, String> holderNames(AccessReport report) {
        Map<String, String> names = new LinkedHashMap<>();
        for (AccessReport.Recipient recipient : report.recipients()) {
            if (recipient.displayName() != null) {
                names.put(recipient.holder(), recipient.displayName());
            }
        }
        return names;
    }

    /** A purpose as the catalog names it: {@code transactional-mail} reads {@code Transactional mail}. */
    static String purpose(String id) {
        String words = id.replace('-', ' ').replace('_', ' ').trim();
        return words.isEmpty() ? id : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String basis(String basis, ReportText text) {
        String key = "basis." + basis.toUpperCase(Locale.ROOT).replace('-', '_');
        return text.has(key) ? text.get(key) : basis;
    }

    private static List<String> withHolder(Location location) {
        List<String> hops = new ArrayList<>(location.path());
        if (hops.isEmpty() || !hops.get(hops.size() - 1).equals(location.holder())) {
            hops.add(location.holder());
        }
        return hops;
    }

    private static String route(List<String> hops, Map<String, String> holderNames, String arrow) {
        return String.join(
                arrow, hops.stream().map(h -> holderNames.getOrDefault(h, h)).toList());
    }

    private static String country(String code, ReportLanguage language, ReportText text) {
        if (code == null || code.isBlank()) {
            return text.get("country.unknown");
        }
        String name = new Locale("", code).getDisplayCountry(language.locale());
        return name.isEmpty() || name.equalsIgnoreCase(code) ? code : name;
    }

    static String date(Instant instant, ReportLanguage language) {
        if (instant == null) {
            return "";
        }
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale(language.locale())
                .withZone(ZoneOffset.UTC)
                .format(instant);
    }

    private static void paragraph(StringBuilder html, String text) {
        html.append("<p>").append(escape(text)).append("</p>\n");
    }

    private static void item(StringBuilder html, String text) {
        html.append("<li>").append(escape(text)).append("</li>\n");
    }

    private static void cell(StringBuilder html, String text) {
        html.append("<td>").append(escape(text)).append("</td>");
    }

    private static void list(StringBuilder html, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        html.append("<ul>\n");
        items.forEach(i -> item(html, i));
        html.append("</ul>\n");
    }

    /** Escapes text for element content and quoted attributes, in HTML and XML alike. */
    public static String escape(String text) {
        return AccessReportHtml.escape(text);
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
