package dev.whereabouts.graph.callback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.graph.request.RequestView;
import dev.whereabouts.model.dsr.OutcomeRules;
import dev.whereabouts.model.dsr.TaskType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallbackFormTest {

    private static final String TASK = "3f2b8c1e-6a4d-4e0f-9b7a-2c5d8e1f0a93/moneybird";

    @Test
    void shouldOfferTheOutcomesOfTheTaskTypeAndPostToTheSameUrlWithTheToken() {
        String html = CallbackForm.render(page(task("RESTRICT", "moneybird", "invoices are kept 7 years")));

        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains(
                        "<form method=\"post\" action=\"/v1/callbacks/tasks/3f2b8c1e-6a4d-4e0f-9b7a-2c5d8e1f0a93%2Fmoneybird\"")
                .contains("<input type=\"hidden\" name=\"token\" value=\"tok-en_1\">")
                .contains("value=\"RESTRICTED\"", "value=\"NOT_FOUND\"", "value=\"FAILED\"")
                .doesNotContain("value=\"ERASED\"", "value=\"EXPORTED\"")
                .contains("name=\"evidence\"", "Please answer by 2026-12-21", "Why: invoices are kept 7 years")
                .doesNotContain("<script");
    }

    @Test
    void shouldEscapeEveryValue() {
        String html = CallbackForm.render(page(task("ERASE", "<script>alert(1)</script>", "\"quoted\" & <b>")));

        assertThat(html)
                .doesNotContain("<script>", "<b>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&quot;quoted&quot; &amp; &lt;b&gt;");
    }

    @Test
    void shouldEncodeTheTaskIdAsOnePathSegment() {
        assertThat(CallbackForm.path("r/holder x")).isEqualTo("/v1/callbacks/tasks/r%2Fholder%20x");
    }

    private static CallbackService.FormPage page(RequestView.TaskView task) {
        return new CallbackService.FormPage(
                TASK, "tok-en_1", task, OutcomeRules.allowed(TaskType.valueOf(task.type())));
    }

    private static RequestView.TaskView task(String type, String holder, String reason) {
        return new RequestView.TaskView(
                TASK,
                holder,
                "EMAIL",
                type,
                List.of("user.contact.email"),
                "PENDING",
                reason,
                null,
                Instant.parse("2026-12-07T10:00:00Z"),
                false,
                false,
                Instant.parse("2026-12-21T10:00:00Z"),
                null,
                null);
    }
}
