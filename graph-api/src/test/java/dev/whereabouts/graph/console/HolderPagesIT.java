package dev.whereabouts.graph.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whereabouts.graph.api.ApiClient;
import dev.whereabouts.graph.api.RunningApi;
import dev.whereabouts.graph.fixture.SeedScenario;
import dev.whereabouts.model.id.HolderId;
import dev.whereabouts.stack.junit.EmbeddedStackExtension;
import dev.whereabouts.stack.junit.StackFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedStackExtension.class)
class HolderPagesIT {

    private static final Pattern GRAPH_DATA =
            Pattern.compile("<script type=\"application/json\" id=\"graph-data\">(.*?)</script>", Pattern.DOTALL);

    @Test
    void shouldShowEveryHolderWithItsCatalogFactsTheUndeclaredOnesMarkedAndTheDeclaredFlowsDrawn(StackFixture stack)
            throws Exception {
        try (RunningApi api = new RunningApi(stack)) {
            // Given the seed, and lineage naming a holder the catalog does not declare
            CatalogScenario.produce(api);
            api.clients.produceLineage(List.of(SeedScenario.direct(
                    SeedScenario.ALICE,
                    SeedScenario.EMAIL,
                    "shadow-crm",
                    "sales",
                    dev.whereabouts.model.common.LegalBasis.CONSENT,
                    null)));
            api.catchUp();
            ConsoleClient browser = signedIn(api);

            // When the DPO opens the holders
            ConsoleClient.Page page = browser.get("/console/holders");

            // Then every holder is listed with its legal entity, country, role, purposes and channel
            assertThat(page.status()).isEqualTo(200);
            String html = Html.decoded(page.body());
            assertThat(Html.rows(html, "holders"))
                    .hasSize(SeedScenario.holders().size() + 1);
            assertThat(Html.row(html, "holders", "/console/holders/moneybird"))
                    .contains("MoneyBird", "MoneyBird B.V.", "<td>NL</td>", "PROCESSOR", "invoicing", "EMAIL");
            assertThat(Html.row(html, "holders", "/console/holders/zendesk"))
                    .contains("Zendesk Inc.", "US", "third country", "helpdesk", "WEBHOOK");
            assertThat(Html.row(html, "holders", "/console/holders/transip-vps-backups"))
                    .contains("Trans IP B.V.", "backup", "MANUAL");
            assertThat(Html.row(html, "holders", "/console/holders/amazon-s3-database-backups"))
                    .contains("Amazon.com Inc.", "SUB_PROCESSOR", "backup");
            // open findings per holder, linking to the findings page filtered by the holder
            assertThat(Html.row(html, "holders", "/console/holders/postmark"))
                    .contains(
                            "<a href=\"/console/findings?holder=postmark\" aria-label=\"4 open findings at Postmark\">4</a>");
            assertThat(Html.row(html, "holders", "/console/holders/transip-vps-backups"))
                    .contains(
                            "<a href=\"/console/findings?holder=transip-vps-backups\" aria-label=\"3 open findings at TransIP (VPS backups)\">3</a>");
            // the holder only lineage names is marked, and only it
            assertThat(Html.row(html, "holders", "/console/holders/shadow-crm")).contains("Not in catalog");
            assertThat(html.split("badge not-in-catalog", -1)).hasSize(2);
            assertThat(html).contains("declares (" + SeedScenario.holders().size() + ")", "declare them (1)");

            // and its own page says the catalog does not know it, with what lineage shows it holding
            String shadow =
                    Html.decoded(browser.get("/console/holders/shadow-crm").body());
            assertThat(shadow)
                    .contains("<h1>shadow-crm</h1>")
                    .contains("the catalog does not declare it")
                    .contains("The catalog declares no categories for this holder.");
            assertThat(Html.row(shadow, "people-per-category", "data-category=\"" + SeedScenario.EMAIL + "\""))
                    .contains("<td class=\"num\">1</td>");

            // And the declared flows are drawn (holders as nodes, flows as edges with categories) and listed
            Matcher data = GRAPH_DATA.matcher(page.body());
            assertThat(data.find()).isTrue();
            JsonNode graph = new ObjectMapper().readTree(data.group(1));
            List<String> nodes = new ArrayList<>();
            List<String> edges = new ArrayList<>();
            for (JsonNode element : graph.get("elements")) {
                JsonNode d = element.get("data");
                if (element.get("group").asText().equals("nodes")) {
                    nodes.add(d.get("id").asText());
                } else {
                    edges.add(d.get("source").asText() + ">" + d.get("target").asText() + ":"
                            + d.get("categories").get(0).asText());
                }
            }
            assertThat(nodes).containsExactly("amazon-s3-database-backups", "smarttrackers-app", "transip-vps-backups");
            assertThat(edges)
                    .containsExactlyInAnyOrder(
                            "smarttrackers-app>transip-vps-backups:user",
                            "transip-vps-backups>amazon-s3-database-backups:user");
            assertThat(graph.get("roots").get(0).asText()).isEqualTo("#smarttrackers-app");
            assertThat(Html.rows(html, "flows")).hasSize(SeedScenario.flows().size());
            assertThat(Html.row(html, "flows", "app-to-transip-vps-backups"))
                    .contains(
                            "SmartTrackers application",
                            "TransIP (VPS backups)",
                            "P1Y",
                            "First off-site database backup");
            assertThat(html).contains("/console/assets/cytoscape.min.js", "/console/assets/graph.js");
        }
    }

    @Test
    void shouldShowOneHolderInFullWithPeoplePerCategoryLegalHoldsFindingsAndFlows(StackFixture stack) {
        try (RunningApi api = new RunningApi(stack)) {
            CatalogScenario.produce(api);
            ConsoleClient browser = signedIn(api);

            // MoneyBird: the 7-year tax legal hold, its retention as the statement words it, its e-mail channel
            ConsoleClient.Page moneybird = browser.get("/console/holders/moneybird");
            assertThat(moneybird.status()).isEqualTo(200);
            assertThat(Html.decoded(moneybird.body()))
                    .contains("<h1>MoneyBird</h1>")
                    .contains("MoneyBird B.V.")
                    .contains("EMAIL (privacy@moneybird.example)")
                    .contains("<td>user.name, user.contact.email, user.payment</td><td>P7Y</td>"
                            + "<td>invoices are kept 7 years for the tax office</td>"
                            + "<td>art. 52 Algemene wet inzake rijksbelastingen</td>")
                    .contains("<td>user.payment</td><td>P7Y</td>"
                            + "<td>7 years (mandatory storage period Administration Tax Office)</td>")
                    .contains("No open findings.");

            // Heroku: a retention the statement does not fix as a period
            assertThat(Html.decoded(browser.get("/console/holders/heroku").body()))
                    .contains(
                            "<td>user.contact</td><td><span class=\"muted\">not fixed</span></td><td>Number of hours</td>");

            // Postmark: people per category as lineage has them (five e-mail addresses, two erased; one phone number)
            ConsoleClient.Page postmark = browser.get("/console/holders/postmark");
            assertThat(postmark.status()).isEqualTo(200);
            String html = Html.decoded(postmark.body());
            assertThat(Html.row(html, "people-per-category", "data-category=\"user.contact.email\""))
                    .contains("<td class=\"num\">5</td>")
                    .contains("<span class=\"badge ERASED\">ERASED</span> 2")
                    .contains("<span class=\"badge HELD\">HELD</span> 3");
            assertThat(Html.row(html, "people-per-category", "data-category=\"user.contact.phone_number\""))
                    .contains("<td class=\"num\">1</td>");
            // the same numbers as the REST API's holder
            JsonNode rest = api.client.get("/v1/holders/postmark").json();
            long restEmail = 0;
            for (JsonNode c : rest.get("categories")) {
                if (c.get("category").asText().equals(SeedScenario.EMAIL)) {
                    restEmail += c.get("people").asLong();
                }
            }
            assertThat(restEmail).isEqualTo(5);
            // its findings grouped, with the way to all of them
            assertThat(html)
                    .contains("<a href=\"/console/findings?holder=postmark\">4 open findings at this holder</a>")
                    .contains(CatalogScenario.POSTMARK_MAIL_RULE)
                    .contains(CatalogScenario.POSTMARK_PHONE_RULE)
                    .contains("<td>P45D</td><td>45 days</td>");

            // A backup holder: its flows in and out
            ConsoleClient.Page transip = browser.get("/console/holders/transip-vps-backups");
            assertThat(Html.decoded(transip.body()))
                    .contains("<a href=\"/console/holders/smarttrackers-app\">")
                    .contains("<a href=\"/console/holders/amazon-s3-database-backups\">")
                    .contains("First off-site database backup")
                    .contains("Second off-site backup location")
                    .contains("<td class=\"num\">4</td>"); // Alice and three more in the backups
            ConsoleClient.Page s3 = browser.get("/console/holders/amazon-s3-database-backups");
            assertThat(Html.decoded(s3.body()))
                    .contains("Second off-site backup location")
                    .contains("Out of this holder</h3>\n<p>None declared.");
        }
    }

    @Test
    void shouldAnswerAnUnknownHolderWith404AndABadIdWith400NamingTheParameter(StackFixture stack) {
        try (RunningApi api = new RunningApi(stack)) {
            CatalogScenario.produce(api);
            ConsoleClient browser = signedIn(api);

            ConsoleClient.Page unknown = browser.get("/console/holders/no-such-holder");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.contentType()).startsWith("text/html");
            assertThat(unknown.body()).contains("no holder with this id").doesNotContain("no-such-holder");

            ConsoleClient.Page bad = browser.get("/console/holders/Not_A_Holder");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(Html.decoded(bad.body()))
                    .contains("What to fix")
                    .contains("<strong>holderId</strong>: must be " + HolderId.RULE)
                    .doesNotContain("Not_A_Holder");
        }
    }

    static ConsoleClient signedIn(RunningApi api) {
        ConsoleClient browser = new ConsoleClient(api.url());
        assertThat(browser.signIn(ApiClient.DPO_TOKEN).status()).isEqualTo(303);
        return browser;
    }
}
