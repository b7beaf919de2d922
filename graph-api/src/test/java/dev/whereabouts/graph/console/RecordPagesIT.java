package dev.whereabouts.graph.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whereabouts.graph.api.Pagination;
import dev.whereabouts.graph.api.RunningApi;
import dev.whereabouts.graph.fixture.SeedScenario;
import dev.whereabouts.model.id.SubjectId;
import dev.whereabouts.stack.junit.EmbeddedStackExtension;
import dev.whereabouts.stack.junit.StackFixture;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedStackExtension.class)
class RecordPagesIT {

    @Test
    void shouldRenderTheRopaAndOfferTheSameJsonCsvAndMarkdownAsTheRestApi(StackFixture stack) throws Exception {
        try (RunningApi api = new RunningApi(stack)) {
            api.clients.produceSeedScenario();
            api.catchUp();
            ConsoleClient browser = HolderPagesIT.signedIn(api);

            // The ROPA as a page: one row per recipient with what Art. 30 asks for
            ConsoleClient.Page page = browser.get("/console/records");
            assertThat(page.status()).isEqualTo(200);
            String html = Html.decoded(page.body());
            assertThat(html).contains("SmartTrackers B.V.");
            assertThat(Html.rows(html, "ropa")).hasSize(SeedScenario.holders().size());
            assertThat(Html.row(html, "ropa", "/console/holders/moneybird\""))
                    .contains("MoneyBird B.V.")
                    .contains("user.name, user.contact.email, user.payment kept P7Y: invoices are kept 7 years for the"
                            + " tax office (art. 52 Algemene wet inzake rijksbelastingen)")
                    .contains("user.payment: P7Y (7 years (mandatory storage period Administration Tax Office))");
            assertThat(Html.row(html, "ropa", "/console/holders/campaign-monitor\""))
                    .contains("third country")
                    .contains("observed: " + SeedScenario.EMAIL);
            assertThat(Html.row(html, "ropa", "/console/holders/smarttrackers-app\""))
                    .contains("transip-vps-backups (user, kept P1Y)");

            // The downloads are the REST API's answers for the same format
            ConsoleClient.Page csv = browser.get(Html.link(page.body(), "Download as CSV"));
            assertThat(csv.status()).isEqualTo(200);
            assertThat(csv.contentType()).startsWith("text/csv");
            assertThat(csv.header("content-disposition")).hasValue("attachment; filename=\"ropa.csv\"");
            assertThat(csv.body())
                    .isEqualTo(api.client.get("/v1/ropa?format=csv").body());

            ConsoleClient.Page markdown = browser.get(Html.link(page.body(), "Download as Markdown"));
            assertThat(markdown.contentType()).startsWith("text/markdown");
            assertThat(markdown.header("content-disposition")).hasValue("attachment; filename=\"ropa.md\"");
            assertThat(markdown.body())
                    .isEqualTo(api.client.get("/v1/ropa?format=markdown").body());

            ConsoleClient.Page json = browser.get(Html.link(page.body(), "Download as JSON"));
            assertThat(json.contentType()).startsWith("application/json");
            assertThat(json.header("content-disposition")).hasValue("attachment; filename=\"ropa.json\"");
            ObjectMapper mapper = new ObjectMapper();
            JsonNode downloaded = mapper.readTree(json.body());
            JsonNode rest = api.client.get("/v1/ropa?limit=500").json();
            assertThat(rest.get("nextCursor").isNull()).isTrue();
            assertThat(downloaded.get("controller")).isEqualTo(rest.get("controller"));
            assertThat(downloaded.get("items")).isEqualTo(rest.get("items"));
            assertThat(downloaded.get("generatedAt").asText()).isNotEmpty();

            // A format it does not offer
            FindingPagesIT.assertBad(browser, "/console/records/ropa?format=pdf", "pdf", "format");
            FindingPagesIT.assertBad(browser, "/console/records/ropa", null, "format");
        }
    }

    @Test
    void shouldListTheAuditTrailNewestFirstFilteredAndPaged(StackFixture stack) {
        try (RunningApi api = new RunningApi(stack)) {
            // Given three lookups of Alice, one of nobody, and a request filed for her
            api.clients.produceSeedScenario();
            api.catchUp();
            for (int i = 1; i <= 3; i++) {
                assertThat(api.client
                                .post(
                                        "/v1/lookup",
                                        "{\"subject\": {\"email\": \"alice@example.com\"}, \"reason\": " + "\"ticket "
                                                + i + "\"}")
                                .status())
                        .isEqualTo(200);
            }
            api.client.post(
                    "/v1/lookup", "{\"subject\": {\"email\": \"nobody@example.org\"}, \"reason\": \"ticket 4\"}");
            String requestId = api.client
                    .post("/v1/requests", "{\"type\": \"ACCESS\", \"subject\": {\"email\": \"alice@example.com\"}}")
                    .json()
                    .get("requestId")
                    .asText();
            ConsoleClient browser = HolderPagesIT.signedIn(api);

            // The whole trail, newest first, as the REST API lists it
            String all = Html.decoded(browser.get("/console/records/audit").body());
            List<String> rows = Html.rows(all, "audit");
            assertThat(rows).hasSize(5);
            JsonNode rest = api.client.get("/v1/audit").json().get("items");
            for (int i = 0; i < rows.size(); i++) {
                assertThat(rows.get(i))
                        .contains("<td>" + rest.get(i).get("action").asText() + "</td>");
            }
            assertThat(rows.get(0))
                    .contains("request.file", "dpo@smarttrackers.nl")
                    .contains("<a href=\"/console/requests/" + requestId + "\">" + requestId + "</a>")
                    .contains("<a href=\"/console/people/" + SeedScenario.ALICE + "\">");
            assertThat(rows.get(1)).contains("subject.lookup", "ticket 4", "not-found");

            // Filters: action, request id, subject, actor, period
            assertThat(Html.rows(
                            Html.decoded(browser.get("/console/records/audit?action=subject.lookup")
                                    .body()),
                            "audit"))
                    .hasSize(4);
            assertThat(Html.rows(
                            Html.decoded(browser.get("/console/records/audit?requestId=" + requestId)
                                    .body()),
                            "audit"))
                    .hasSize(1);
            assertThat(Html.rows(
                            Html.decoded(browser.get("/console/records/audit?subjectId=" + SeedScenario.ALICE)
                                    .body()),
                            "audit"))
                    .hasSize(4);
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            String period = "/console/records/audit?from=" + today.minusDays(1) + "&to=" + today.plusDays(1);
            assertThat(Html.rows(Html.decoded(browser.get(period).body()), "audit"))
                    .hasSize(5);
            ConsoleClient.Page future = browser.get("/console/records/audit?from=" + today.plusDays(1));
            assertThat(future.body()).contains("No audit entries match these filters.");
            ConsoleClient.Page past = browser.get("/console/records/audit?to=" + today.minusDays(1));
            assertThat(past.body()).contains("No audit entries match these filters.");
            ConsoleClient.Page someoneElse = browser.get("/console/records/audit?actor=someone-else");
            assertThat(someoneElse.body()).contains("No audit entries match these filters.");
            // the filter form shows the filters in force
            assertThat(Html.decoded(browser.get("/console/records/audit?action=subject.lookup")
                            .body()))
                    .contains("name=\"action\" value=\"subject.lookup\"");

            // Paging, the filters kept from page to page
            ConsoleClient.Page first = browser.get("/console/records/audit?action=subject.lookup&limit=3");
            assertThat(Html.rows(Html.decoded(first.body()), "audit")).hasSize(3);
            String next = Html.link(first.body(), "Next page");
            assertThat(next).contains("action=subject.lookup").contains("limit=3");
            ConsoleClient.Page second = browser.get(next);
            List<String> last = Html.rows(Html.decoded(second.body()), "audit");
            assertThat(last).hasSize(1);
            assertThat(last.get(0)).contains("ticket 1");
            assertThat(second.body()).doesNotContain("Next page").contains("First page");
        }
    }

    @Test
    void shouldAnswerEveryBadAuditFilterWithA400PageNamingItNeverEchoingTheValue(StackFixture stack) {
        try (RunningApi api = new RunningApi(stack)) {
            ConsoleClient browser = HolderPagesIT.signedIn(api);
            FindingPagesIT.assertBad(browser, "/console/records/audit?from=2026-13-45", "2026-13-45", "from");
            FindingPagesIT.assertBad(browser, "/console/records/audit?to=yesterday", "yesterday", "to");
            ConsoleClient.Page reversed = FindingPagesIT.assertBad(
                    browser, "/console/records/audit?from=2026-12-07&to=2026-12-01", "2026-12-01", "to");
            assertThat(reversed.body()).contains("must not be before from");
            ConsoleClient.Page subject =
                    FindingPagesIT.assertBad(browser, "/console/records/audit?subjectId=alice", "alice", "subjectId");
            assertThat(Html.decoded(subject.body())).contains(SubjectId.RULE);
            FindingPagesIT.assertBad(
                    browser,
                    "/console/records/audit?actor=" + "a".repeat(AuditFilters.MAX_TEXT + 1),
                    "aaaaaaaaaa",
                    "actor");
            FindingPagesIT.assertBad(browser, "/console/records/audit?limit=501", null, "limit");
            FindingPagesIT.assertBad(browser, "/console/records/audit?limit=many", "many", "limit");
            FindingPagesIT.assertBad(browser, "/console/records/audit?cursor=not-a-cursor", "not-a-cursor", "cursor");
            FindingPagesIT.assertBad(
                    browser, "/console/records/audit?cursor=" + Pagination.encode(List.of("x", "y")), null, "cursor");
            // every bad filter at once
            ConsoleClient.Page several =
                    FindingPagesIT.assertBad(browser, "/console/records/audit?from=x&to=y&subjectId=z", null, "from");
            assertThat(several.body()).contains("<strong>to</strong>", "<strong>subjectId</strong>");
        }
    }
}
