package dev.whereabouts.graph.console;

import static dev.whereabouts.graph.console.RequestViews.erasure;
import static dev.whereabouts.graph.console.RequestViews.task;
import static dev.whereabouts.graph.console.RequestViews.verified;
import static dev.whereabouts.graph.console.RequestViews.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.graph.request.RequestView;
import dev.whereabouts.model.dsr.RequestState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestPagesTest {

    private static final Instant NOW = Instant.parse("2026-02-10T10:00:00Z");
    private static final Map<String, Object> LAYOUT = Map.of("csrf", "the-csrf-token");
    private final Templates templates = new Templates();

    @Test
    void shouldRenderARequestInEveryStateTheLifecycleKnows() {
        for (RequestState state : RequestState.values()) {
            RequestView request = erasure(state.name());

            String page = templates.render("request", RequestPages.detailPage(request, List.of(), null, NOW), LAYOUT);

            assertThat(page).as(state.name()).contains("<span class=\"badge " + state.name() + "\">");
            assertThat(page.contains("action=\"/console/requests/" + RequestViews.ID + "/extension\""))
                    .as(state.name())
                    .isEqualTo(RequestActions.offered(request).extend());
        }
    }

    @Test
    void shouldShowTimeLeftUntilTheDeadlineInForceAndNoneOnceFinishedOrWhileWaitingForInformation() {
        assertThat(RequestPages.row(erasure("AWAITING_VERIFICATION"), NOW).daysLeft())
                .isEqualTo("18 days left");
        assertThat(RequestPages.row(erasure("AWAITING_INFORMATION"), NOW).daysLeft())
                .isEqualTo("paused: waiting for information");
        assertThat(RequestPages.row(erasure("COMPLETED"), NOW).daysLeft()).isNull();
        assertThat(RequestPages.row(erasure("RECEIVED"), NOW).deadlineBasis())
                .isEqualTo("statutory (one month, Art. 12(3))");
    }

    @Test
    void shouldCarryEveryActionFormWithTheSessionsCsrfTokenAndLabelledFields() {
        RequestView inProgress = with(
                erasure("AWAITING_INFORMATION"),
                "AWAITING_INFORMATION",
                null,
                null,
                List.of(task("moneybird", "EMAIL", "RESTRICT", "PENDING", NOW)));

        String page = templates.render("request", RequestPages.detailPage(inProgress, List.of(), "Done", NOW), LAYOUT);

        int forms = page.split("<form method=\"post\"", -1).length - 1;
        int tokens = page.split("name=\"csrf\" value=\"the-csrf-token\"", -1).length - 1;
        assertThat(forms).isEqualTo(5); // verification, information received, refusal, extension, outcome
        assertThat(tokens).isEqualTo(forms);
        // every field a DPO fills in has its label
        java.util.regex.Matcher ids = java.util.regex.Pattern.compile("<(?:select|textarea) id=\"([^\"]+)\"")
                .matcher(page);
        int fields = 0;
        while (ids.find()) {
            fields++;
            assertThat(page).contains("<label for=\"" + ids.group(1) + "\"");
        }
        assertThat(fields).isEqualTo(10);
        assertThat(page).contains("<p class=\"notice\" role=\"status\">Done</p>");
    }

    @Test
    void shouldRenderTheListAndItsEmptyState() {
        RequestPages.ListPage empty =
                new RequestPages.ListPage(List.of(), true, false, List.of(), List.of(), List.of(), null, null, null);
        assertThat(templates.render("requests", empty, LAYOUT))
                .contains("No requests yet")
                .doesNotContain("<table");

        RequestView late =
                RequestViews.overdue(with(erasure("IN_PROGRESS"), "IN_PROGRESS", verified(NOW), null, List.of()));
        RequestPages.ListPage one = new RequestPages.ListPage(
                List.of(RequestPages.row(late, NOW)),
                false,
                false,
                List.of(),
                List.of(),
                List.of(),
                null,
                null,
                "/console/requests?cursor=abc");
        assertThat(templates.render("requests", one, LAYOUT))
                .contains("<tr class=\"overdue\">")
                .contains("<span class=\"badge overdue\">Overdue</span>")
                .contains("rel=\"next\"");
    }
}
