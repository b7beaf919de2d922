package dev.whereabouts.graph.report;

import dev.whereabouts.graph.lookup.Location;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Renders an {@link AccessReport} as a self-contained HTML page a person can read (and a DPO can
 * print or send). Every value is escaped: holder names and purposes come from configuration and
 * events, not from us.
 */
public final class AccessReportHtml {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private AccessReportHtml() {}

    public static String render(AccessReport report) {
        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>Access report (GDPR Art. 15)</title>\n")
                .append("<style>body{font-family:system-ui,sans-serif;max-width:70em;margin:2em auto;padding:0 1em}")
                .append(
                        "table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.3em .5em;text-align:left;")
                .append("vertical-align:top}th{background:#f4f4f4}</style>\n</head>\n<body>\n")
                .append("<h1>Your personal data: access report</h1>\n")
                .append("<p>Controller: ")
                .append(escape(report.controller()))
                .append(". Generated ")
                .append(escape(DATE.format(report.generatedAt())))
                .append(" (GDPR Art. 15).</p>\n");
        html.append("<h2>What we hold</h2>\n").append(list(report.categories()));
        html.append("<h2>Why</h2>\n<p>Purposes:</p>\n")
                .append(list(report.purposes()))
                .append("<p>Legal bases:</p>\n")
                .append(list(report.legalBases()));
        html.append("<h2>Who received it</h2>\n<table>\n<tr><th>Recipient</th><th>Legal entity</th><th>Country</th>")
                .append("<th>How</th><th>Categories</th><th>Kept until</th></tr>\n");
        for (AccessReport.Recipient recipient : report.recipients()) {
            html.append("<tr><td>")
                    .append(escape(recipient.displayName() == null ? recipient.holder() : recipient.displayName()))
                    .append("</td><td>")
                    .append(escape(recipient.legalEntity()))
                    .append("</td><td>")
                    .append(escape(recipient.country()))
                    .append("</td><td>")
                    .append(recipient.onward() ? "onward (via another recipient)" : "directly")
                    .append("</td><td>")
                    .append(escape(String.join(", ", recipient.categories())))
                    .append("</td><td>")
                    .append(date(recipient.retentionUntil()))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n<h2>Where it came from</h2>\n").append(list(report.sources()));
        html.append(
                        "<h2>In detail</h2>\n<table>\n<tr><th>Category</th><th>Recipient</th><th>Path</th><th>Purposes</th>")
                .append("<th>First shared</th><th>Last shared</th><th>Kept until</th><th>Status</th></tr>\n");
        for (Location location : report.locations()) {
            html.append("<tr><td>")
                    .append(escape(location.category()))
                    .append("</td><td>")
                    .append(escape(location.holder()))
                    .append("</td><td>")
                    .append(escape(location.direct() ? "direct" : route(location)))
                    .append("</td><td>")
                    .append(escape(String.join(", ", location.purposes())))
                    .append("</td><td>")
                    .append(date(location.firstSharedAt()))
                    .append("</td><td>")
                    .append(date(location.lastSharedAt()))
                    .append("</td><td>")
                    .append(date(location.retentionUntil()))
                    .append("</td><td>")
                    .append(escape(location.status()))
                    .append("</td></tr>\n");
        }
        html.append(
                        "</table>\n<p>You may ask for correction, erasure or restriction, object to processing, and lodge a ")
                .append("complaint with the supervisory authority.</p>\n</body>\n</html>\n");
        return html.toString();
    }

    /** The way the data travelled, ending at the holder: app \u2192 backups \u2192 second backups. */
    static String route(Location location) {
        List<String> hops = new java.util.ArrayList<>(location.path());
        if (hops.isEmpty() || !hops.get(hops.size() - 1).equals(location.holder())) {
            hops.add(location.holder());
        }
        return String.join(" \u2192 ", hops);
    }

    private static String list(List<String> items) {
        if (items.isEmpty()) {
            return "<p>None.</p>\n";
        }
        StringBuilder html = new StringBuilder("<ul>\n");
        items.forEach(item -> html.append("<li>").append(escape(item)).append("</li>\n"));
        return html.append("</ul>\n").toString();
    }

    private static String date(Instant instant) {
        return instant == null ? "not declared" : DATE.format(instant);
    }

    /** HTML-escapes text for element content and quoted attributes. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
