package dev.whereabouts.graph.report;

import java.util.Optional;

/**
 * The HTML form of an {@link AccessReport}: the person's plain-language report ({@link
 * PersonReportHtml}), in English, with the supervisory authority named in general terms. Callers that
 * know the controller's policy, the language and the request render {@link PersonReportHtml} with a
 * {@link ReportContext} themselves.
 */
public final class AccessReportHtml {

    private AccessReportHtml() {}

    /** The report in English as of when it was generated, without the controller's policy. */
    public static String render(AccessReport report) {
        return PersonReportHtml.render(
                report, new ReportContext(ReportLanguage.EN, Optional.empty(), report.generatedAt(), Optional.empty()));
    }

    /** HTML-escapes text for element content and quoted attributes (valid in XHTML too). */
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
