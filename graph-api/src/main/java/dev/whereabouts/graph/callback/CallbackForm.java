package dev.whereabouts.graph.callback;

import static dev.whereabouts.graph.report.AccessReportHtml.escape;

import dev.whereabouts.model.dsr.OutcomeType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The minimal HTML page an e-mail holder answers a task on: what the task asks, the outcomes its type
 * takes, an evidence field, posting to the same callback URL with the token as a hidden field. Every
 * value is escaped. No script, no style sheet, no external resource.
 */
public final class CallbackForm {

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private CallbackForm() {}

    /** The callback URL's path for a task: the id as one percent-encoded segment (it contains '/'). */
    public static String path(String taskId) {
        return "/v1/callbacks/tasks/"
                + URLEncoder.encode(taskId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static String render(CallbackService.FormPage page) {
        StringBuilder html = new StringBuilder(2048);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"referrer\" content=\"no-referrer\">\n")
                .append("<title>Answer task ")
                .append(escape(page.taskId()))
                .append("</title>\n</head>\n<body>\n<h1>Data-subject request: your task</h1>\n<p>Task <code>")
                .append(escape(page.taskId()))
                .append("</code> for <strong>")
                .append(escape(page.task().holder()))
                .append("</strong>: ")
                .append(escape(page.task().type()))
                .append(" the person's ")
                .append(escape(String.join(", ", page.task().categories())))
                .append(".</p>\n");
        if (page.task().reason() != null) {
            html.append("<p>Why: ").append(escape(page.task().reason())).append("</p>\n");
        }
        if (page.task().answerBy() != null) {
            html.append("<p>Please answer by ")
                    .append(day(page.task().answerBy()))
                    .append(".</p>\n");
        }
        if (page.task().expiresAt() != null) {
            html.append("<p>The copy expires by itself on ")
                    .append(day(page.task().expiresAt()))
                    .append(".</p>\n");
        }
        html.append("<form method=\"post\" action=\"")
                .append(escape(path(page.taskId())))
                .append("\" enctype=\"application/x-www-form-urlencoded\">\n")
                .append("<input type=\"hidden\" name=\"token\" value=\"")
                .append(escape(page.token()))
                .append("\">\n<fieldset>\n<legend>What did you do?</legend>\n");
        for (OutcomeType outcome : page.outcomes()) {
            html.append("<label><input type=\"radio\" name=\"outcome\" value=\"")
                    .append(escape(outcome.name()))
                    .append("\" required> ")
                    .append(escape(outcome.name()))
                    .append("</label><br>\n");
        }
        html.append(
                        "</fieldset>\n<p><label for=\"evidence\">Evidence (a ticket or log reference; for FAILED, the error;")
                .append(" never the person's e-mail address or phone number)</label><br>\n")
                .append("<textarea id=\"evidence\" name=\"evidence\" rows=\"4\" cols=\"60\" maxlength=\"")
                .append(CallbackRules.MAX_EVIDENCE)
                .append("\" required></textarea></p>\n")
                .append("<p><button type=\"submit\">Send the answer</button></p>\n</form>\n</body>\n</html>\n");
        return html.toString();
    }

    private static String day(Instant instant) {
        return escape(DAY.format(instant));
    }
}
