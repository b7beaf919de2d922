package dev.whereabouts.graph.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.whereabouts.graph.api.Pagination;
import dev.whereabouts.graph.api.RunningApi;
import dev.whereabouts.graph.fixture.SeedScenario;
import dev.whereabouts.stack.junit.EmbeddedStackExtension;
import dev.whereabouts.stack.junit.StackFixture;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedStackExtension.class)
class FindingPagesIT {

    @Test
    void shouldGroupOpenFindingsPerHolderKindCategoryAndRuleWithCountsThatMatchTheGraph(StackFixture stack) {
        try (RunningApi api = new RunningApi(stack)) {
            // Given seven open findings in three groups and one resolved one
            CatalogScenario.produce(api);
            ConsoleClient browser = HolderPagesIT.signedIn(api);

            // When the DPO opens the findings
            ConsoleClient.Page page = browser.get("/console/findings");

            // Then one row per group, never per person, the largest first, with the oldest due date
            assertThat(page.status()).isEqualTo(200);
            String html = Html.decoded(page.body());
            List<String> groups = Html.rows(html, "finding-groups");
            assertThat(groups).hasSize(3);
            assertThat(groups.get(0))
                    .contains("postmark", "Retention expired", SeedScenario.EMAIL, CatalogScenario.POSTMARK_MAIL_RULE)
                    .contains(">3</a>")
                    .contains(Formats.date(CatalogScenario.FIRST_DUE));
            assertThat(groups.get(1))
                    .contains("transip-vps-backups", "Backup promise exceeded", CatalogScenario.BACKUP_RULE)
                    .contains(">3</a>");
            assertThat(groups.get(2))
                    .contains("postmark", CatalogScenario.PHONE, CatalogScenario.POSTMARK_PHONE_RULE)
                    .contains(">1</a>");
            assertThat(html).contains("<strong>7</strong> open findings in 3 groups");
            // the counts are the graph's open findings, as the REST API lists them one by one
            JsonNode open =
                    api.client.get("/v1/findings/retention?limit=500").json().get("items");
            assertThat(open).hasSize(7);
            Map<String, Integer> perGroup = new HashMap<>();
            for (JsonNode f : open) {
                perGroup.merge(
                        f.get("holder").asText() + "|" + f.get("kind").asText() + "|"
                                + f.get("category").asText() + "|"
                                + f.get("rule").asText(),
                        1,
                        Integer::sum);
            }
            assertThat(perGroup)
                    .containsOnly(
                            Map.entry(
                                    "postmark|RETENTION_EXPIRED|" + SeedScenario.EMAIL + "|"
                                            + CatalogScenario.POSTMARK_MAIL_RULE,
                                    3),
                            Map.entry(
                                    "transip-vps-backups|BACKUP_PROMISE_EXCEEDED|" + SeedScenario.EMAIL + "|"
                                            + CatalogScenario.BACKUP_RULE,
                                    3),
                            Map.entry(
                                    "postmark|RETENTION_EXPIRED|" + CatalogScenario.PHONE + "|"
                                            + CatalogScenario.POSTMARK_PHONE_RULE,
                                    1));
            // per holder
            assertThat(Html.row(html, "finding-holders", ">postmark<")).contains(">2</td>", ">4</td>");
            assertThat(Html.row(html, "finding-holders", ">transip-vps-backups<"))
                    .contains(">1</td>", ">3</td>");
            // and the drift as its own table: the phone number Postmark holds undeclared
            assertThat(Html.row(html, "drift", "lineage shows 'postmark' holding " + CatalogScenario.PHONE))
                    .contains("Observed not declared");
            assertThat(Html.rows(html, "drift"))
                    .hasSize(api.client
                            .get("/v1/findings/drift?limit=500")
                            .json()
                            .get("total")
                            .asInt());

            // Sorted by the oldest due date instead
            List<String> byDue = Html.rows(
                    Html.decoded(browser.get("/console/findings?sort=due").body()), "finding-groups");
            assertThat(byDue.get(0)).contains(CatalogScenario.POSTMARK_MAIL_RULE);
            assertThat(byDue.get(1)).contains(CatalogScenario.POSTMARK_PHONE_RULE);
            assertThat(byDue.get(2)).contains(CatalogScenario.BACKUP_RULE);

            // Filtered by kind: only that kind's groups, and no drift
            String backups = Html.decoded(browser.get("/console/findings?kind=BACKUP_PROMISE_EXCEEDED")
                    .body());
            assertThat(Html.rows(backups, "finding-groups")).hasSize(1);
            assertThat(backups)
                    .doesNotContain("<table class=\"drift\"")
                    .contains("<option value=\"BACKUP_PROMISE_EXCEEDED\" selected>");
            // by holder: its groups, and its drift only
            String postmark = Html.decoded(
                    browser.get("/console/findings?holder=postmark").body());
            assertThat(Html.rows(postmark, "finding-groups")).hasSize(2);
            assertThat(Html.rows(postmark, "drift")).allMatch(r -> r.contains(">postmark<"));
            // drift alone
            String drift =
                    Html.decoded(browser.get("/console/findings?kind=drift").body());
            assertThat(drift).doesNotContain("<table class=\"finding-groups\"").contains("<table class=\"drift\"");
            // a filter nothing matches says so
            assertThat(browser.get("/console/findings?holder=zendesk&kind=OTHER")
                            .body())
                    .contains("No open retention or backup findings match these filters.");
        }
    }

    @Test
    void shouldDrillDownToTheGroupsPeoplePagedOldestDueFirstEachLeadingToThePersonsPage(StackFixture stack) {
        try (RunningApi api = new RunningApi(stack)) {
            CatalogScenario.produce(api);
            ConsoleClient browser = HolderPagesIT.signedIn(api);
            String list = Html.decoded(browser.get("/console/findings").body());
            String group = Html.link(Html.row(list, "finding-groups", CatalogScenario.POSTMARK_MAIL_RULE), "3");
            assertThat(group).startsWith("/console/findings/group?holder=postmark&kind=RETENTION_EXPIRED&category=");

            // The first page of two
            ConsoleClient.Page first = browser.get(group + "&limit=2");
            assertThat(first.status()).isEqualTo(200);
            String html = Html.decoded(first.body());
            assertThat(html).contains(CatalogScenario.POSTMARK_MAIL_RULE).contains("<dd>3</dd>");
            List<String> people = Html.rows(html, "group-members");
            assertThat(people).hasSize(2);
            assertThat(people.get(0)).contains("<a href=\"/console/people/" + SeedScenario.ALICE + "\">");
            assertThat(people.get(1)).contains("<a href=\"/console/people/" + CatalogScenario.BOB_1 + "\">");

            // The next page holds the last one, and no further page
            ConsoleClient.Page second = browser.get(Html.link(first.body(), "Next page"));
            assertThat(second.status()).isEqualTo(200);
            List<String> rest = Html.rows(Html.decoded(second.body()), "group-members");
            assertThat(rest).hasSize(1);
            assertThat(rest.get(0)).contains(CatalogScenario.BOB_2);
            assertThat(second.body()).doesNotContain("Next page").contains("First page");

            // A group with no open findings (resolved since) says so
            String resolved = "/console/findings/group?holder=zendesk&kind=OTHER&category=user.name&rule=gone";
            ConsoleClient.Page empty = browser.get(resolved);
            assertThat(empty.status()).isEqualTo(200);
            assertThat(empty.body()).contains("No open findings in this group");
        }
    }

    @Test
    void shouldAnswerEveryBadParameterWithA400PageNamingItNeverEchoingTheValue(StackFixture stack) {
        try (RunningApi api = new RunningApi(stack)) {
            CatalogScenario.produce(api);
            ConsoleClient browser = HolderPagesIT.signedIn(api);

            assertBad(browser, "/console/findings?kind=TOO_OLD", "TOO_OLD", "kind");
            assertBad(browser, "/console/findings?holder=Bad_Holder", "Bad_Holder", "holder");
            assertBad(browser, "/console/findings?sort=sizewise", "sizewise", "sort");
            ConsoleClient.Page unnamed = assertBad(browser, "/console/findings/group", null, "holder");
            assertThat(unnamed.body())
                    .contains("<strong>kind</strong>", "<strong>category</strong>", "<strong>rule</strong>");
            String base = "/console/findings/group?holder=postmark&kind=RETENTION_EXPIRED&category=user.contact.email"
                    + "&rule=r";
            assertBad(browser, base.replace("holder=postmark", "holder=Post_Mark"), "Post_Mark", "holder");
            assertBad(browser, base.replace("kind=RETENTION_EXPIRED", "kind=LATE"), "LATE", "kind");
            assertBad(
                    browser,
                    base.replace("category=user.contact.email", "category=User%20Email"),
                    "User Email",
                    "category");
            assertBad(
                    browser,
                    base.replace("rule=r", "rule=" + "x".repeat(FindingPages.MAX_RULE + 1)),
                    "xxxxxxxxxx",
                    "rule");
            assertBad(browser, base + "&limit=0", null, "limit");
            assertBad(browser, base + "&cursor=not-a-cursor", "not-a-cursor", "cursor");
            assertBad(browser, base + "&cursor=" + Pagination.encode(List.of("x", "y")), null, "cursor");
        }
    }

    static ConsoleClient.Page assertBad(ConsoleClient browser, String path, String value, String parameter) {
        ConsoleClient.Page page = browser.get(path);
        assertThat(page.status()).as(path).isEqualTo(400);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("What to fix").contains("<strong>" + parameter + "</strong>");
        if (value != null) {
            assertThat(Html.decoded(page.body())).doesNotContain(value);
        }
        return page;
    }
}
