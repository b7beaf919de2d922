package dev.whereabouts.graph.console;

import static dev.whereabouts.graph.fixture.SeedScenario.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whereabouts.graph.api.ApiClient;
import dev.whereabouts.graph.api.RunningApi;
import dev.whereabouts.graph.fixture.SeedScenario;
import dev.whereabouts.model.common.LegalBasis;
import dev.whereabouts.model.common.SubjectIdentifier;
import dev.whereabouts.model.dsr.DataSubjectRequest;
import dev.whereabouts.model.lineage.IdentityLink;
import dev.whereabouts.model.lineage.LineageRecord;
import dev.whereabouts.model.lineage.LineageStatus;
import dev.whereabouts.model.topic.Topics;
import dev.whereabouts.stack.junit.EmbeddedStackExtension;
import dev.whereabouts.stack.junit.StackFixture;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The People section over HTTP, against the real embedded stack with the seed scenario: finding a
 * person by an identifier that never reaches a URL or a page, their page with every holder as tables
 * and a graph, the audit entries, the filters without JavaScript, filing requests, and every bad input's
 * page.
 */
@ExtendWith(EmbeddedStackExtension.class)
class PeoplePagesIT {

    private static final Pattern GRAPH_DATA =
            Pattern.compile("<script type=\"application/json\" id=\"graph-data\">(.*?)</script>", Pattern.DOTALL);
    private static final Pattern REQUEST_LOCATION = Pattern.compile("/console/requests/([0-9a-f-]{36})");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldFindAPersonByEmailAndPhoneAndShowEveryHolderAsTablesAndAGraphWithoutTheirIdentifiers(StackFixture stack)
            throws Exception {
        try (RunningApi api = new RunningApi(stack)) {
            // Given the seed scenario, with Alice's invoices restricted, her name erased at Campaign Monitor
            // and her IP address at Google Analytics past its retention
            seedWithStatuses(api);
            ConsoleClient browser = signedIn(api);

            // When the DPO finds her by her e-mail address, written as people write it
            ConsoleClient.Page form = browser.get("/console/people");
            assertThat(form.status()).isEqualTo(200);
            assertThat(form.body()).contains("action=\"/console/people/find\"").contains("name=\"reason\"");
            ConsoleClient.Page found = browser.post(
                    "/console/people/find",
                    Map.of("type", "email", "identifier", "  Alice@Example.com ", "reason", "DSR ticket 4711"));

            // Then the answer leads to a page addressed by her pseudonymous subject id only
            assertThat(found.status()).isEqualTo(303);
            assertThat(found.location()).isEqualTo("/console/people/" + ALICE);
            ConsoleClient.Page page = browser.get(found.location());
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body().toLowerCase(java.util.Locale.ROOT))
                    .doesNotContain("alice@example.com")
                    .doesNotContain("2022680");
            assertThat(page.header("content-security-policy").orElseThrow()).contains("script-src 'self'");

            // And every holder of her email is in its category's table, direct and onward, backups included
            String body = page.body();
            assertThat(body).contains("<caption>user.contact.email (9 holders)</caption>");
            for (String holder : List.of(
                    "SmartTrackers application",
                    "Heroku",
                    "MemCached Cloud",
                    "Postmark",
                    "Zendesk",
                    "Campaign Monitor",
                    "MoneyBird",
                    "TransIP (VPS backups)",
                    "Amazon S3 (database backups)",
                    "Authy")) {
                assertThat(body).contains("<strong>" + holder + "</strong>");
            }
            assertThat(body)
                    .contains("onward via SmartTrackers application \u2192 TransIP (VPS backups)")
                    .contains("<span class=\"badge neutral\">backup</span>")
                    .contains("kept until 20 Nov 2033");

            // And MoneyBird's legal hold and its restriction read as the seed has them
            assertThat(body)
                    .contains("Legal hold: invoices are kept 7 years for the tax office (P7Y, art. 52 Algemene wet"
                            + " inzake rijksbelastingen)")
                    .contains("data-row-category=\"user.payment\" data-row-status=\"RESTRICTED\"")
                    .contains("<span class=\"badge RESTRICTED\">RESTRICTED</span><br>invoices are kept 7 years")
                    .contains("<span class=\"badge ERASED\">ERASED</span>");

            // And a retention already past reads as expired, never as "kept until" that date
            assertThat(body).contains("expired 21 Nov 2026: should be gone").doesNotContain("kept until 21 Nov 2026");

            // And the graph draws the person, the direct holders and the onward backups through their path
            JsonNode graph = graphData(body);
            assertThat(graph.get("roots").get(0).asText()).isEqualTo("#person");
            JsonNode s3 = element(graph, "h-amazon-s3-database-backups");
            assertThat(s3.get("classes").asText()).isEqualTo("onward backup");
            JsonNode onward = element(graph, "e-h-transip-vps-backups-h-amazon-s3-database-backups-HELD");
            assertThat(onward.get("data").get("categories").toString()).isEqualTo("[\"user.contact.email\"]");
            assertThat(element(graph, "e-person-h-moneybird-RESTRICTED")
                            .get("classes")
                            .asText())
                    .isEqualTo("RESTRICTED");
            assertThat(element(graph, "e-person-h-campaign-monitor-ERASED")
                            .get("data")
                            .get("label")
                            .asText())
                    .isEqualTo("user.name");

            // And the look-up and the view are audited with the reason, under her pseudonymous id
            JsonNode lookup = api.client
                    .get("/v1/audit?action=subject.lookup&subjectId=" + ALICE)
                    .json()
                    .get("items");
            assertThat(lookup.get(0).get("reason").asText()).isEqualTo("DSR ticket 4711");
            assertThat(lookup.get(0).get("actor").asText()).isEqualTo("dpo@smarttrackers.nl");
            JsonNode view = api.client
                    .get("/v1/audit?action=subject.view&subjectId=" + ALICE)
                    .json()
                    .get("items");
            assertThat(view.get(0).get("reason").asText()).isEqualTo("DSR ticket 4711");
            assertThat(view.get(0).get("outcome").asText()).isEqualTo("found");
            assertThat(body).contains(view.get(0).get("id").asText());

            // When she is found by her phone number instead, the same page answers
            ConsoleClient.Page byPhone = browser.post(
                    "/console/people/find", Map.of("type", "phone", "identifier", "024 2022680", "reason", "callback"));
            assertThat(byPhone.location()).isEqualTo("/console/people/" + ALICE);

            // And the filters work without JavaScript, on the table and the graph alike
            ConsoleClient.Page phones = browser.get("/console/people/" + ALICE + "?category=user.contact.phone_number");
            assertThat(phones.status()).isEqualTo(200);
            assertThat(phones.body())
                    .contains("<caption>user.contact.phone_number (2 holders)</caption>")
                    .doesNotContain("<caption>user.contact.email")
                    .contains("<option value=\"user.contact.phone_number\" selected>")
                    .contains("Showing 2 of 15 holdings");
            JsonNode phoneGraph = graphData(phones.body());
            for (JsonNode element : phoneGraph.get("elements")) {
                if (element.get("group").asText().equals("edges")) {
                    assertThat(element.get("data").get("categories").toString())
                            .isEqualTo("[\"user.contact.phone_number\"]");
                }
            }
            ConsoleClient.Page restricted = browser.get("/console/people/" + ALICE + "?status=RESTRICTED");
            assertThat(restricted.body())
                    .contains("<caption>user.payment (1 holders)</caption>")
                    .doesNotContain("data-row-status=\"HELD\"");
            ConsoleClient.Page badFilter = browser.get("/console/people/" + ALICE + "?status=GONE");
            assertThat(badFilter.status()).isEqualTo(400);
            assertThat(badFilter.body()).contains("<strong>status</strong>");
        }
    }

    @Test
    void shouldAnswerEveryBadInputWithAPageNamingTheFieldAndNeverTheValue(StackFixture stack) {
        try (RunningApi api = new RunningApi(stack)) {
            api.clients.produceSeedScenario();
            api.catchUp();
            ConsoleClient browser = signedIn(api);
            browser.get("/console/people");

            // A missing reason
            ConsoleClient.Page noReason =
                    browser.post("/console/people/find", Map.of("type", "email", "identifier", "alice@example.com"));
            assertThat(noReason.status()).isEqualTo(422);
            assertThat(noReason.body())
                    .contains("<strong>reason</strong>: required")
                    .doesNotContain("alice@");

            // A malformed e-mail address and phone number
            ConsoleClient.Page badEmail = browser.post(
                    "/console/people/find",
                    Map.of("type", "email", "identifier", "alice-at-example.com", "reason", "ticket 12"));
            assertThat(badEmail.status()).isEqualTo(422);
            assertThat(badEmail.body()).contains("<strong>identifier</strong>").doesNotContain("alice-at-example");
            ConsoleClient.Page badPhone = browser.post(
                    "/console/people/find", Map.of("type", "phone", "identifier", "12ab", "reason", "ticket 12"));
            assertThat(badPhone.status()).isEqualTo(422);
            assertThat(badPhone.body()).contains("<strong>identifier</strong>").doesNotContain("12ab");

            // A raw identifier in the reason
            ConsoleClient.Page leakyReason = browser.post(
                    "/console/people/find",
                    Map.of("type", "email", "identifier", "alice@example.com", "reason", "asked by bob@example.org"));
            assertThat(leakyReason.status()).isEqualTo(422);
            assertThat(leakyReason.body())
                    .contains("<strong>reason</strong>: must not quote a raw identifier")
                    .doesNotContain("bob@example.org")
                    .doesNotContain("alice@example.com");

            // An unknown identifier type
            ConsoleClient.Page badType = browser.post(
                    "/console/people/find",
                    Map.of("type", "passport", "identifier", "NX1234567", "reason", "ticket 12"));
            assertThat(badType.status()).isEqualTo(422);
            assertThat(badType.body())
                    .contains("<strong>type</strong>: must be one of")
                    .doesNotContain("NX1234567");

            // Nobody with that identifier: a 404 page with the form again, without the identifier
            ConsoleClient.Page nobody = browser.post(
                    "/console/people/find",
                    Map.of("type", "email", "identifier", "nobody@example.com", "reason", "ticket 12"));
            assertThat(nobody.status()).isEqualTo(404);
            assertThat(nobody.body())
                    .contains("Nobody with that identifier is known")
                    .contains("action=\"/console/people/find\"")
                    .doesNotContain("nobody@example.com");

            // A form without the session's CSRF token
            ConsoleClient.Page forged = browser.postRaw(
                    "/console/people/find",
                    Map.of("type", "email", "identifier", "alice@example.com", "reason", "ticket 12"));
            assertThat(forged.status()).isEqualTo(403);
            assertThat(forged.body()).contains("Form expired").doesNotContain("alice@example.com");

            // A subject id that cannot be one, and one nobody has (asked for a reason first, audited as not found)
            ConsoleClient.Page malformed = browser.get("/console/people/not-a-subject");
            assertThat(malformed.status()).isEqualTo(404);
            assertThat(malformed.contentType()).startsWith("text/html");
            ConsoleClient.Page unknown = browser.get("/console/people/s-0000");
            assertThat(unknown.status()).isEqualTo(200);
            assertThat(unknown.body()).contains("Why open this person?");
            ConsoleClient.Page leakyBookmarkReason =
                    browser.post("/console/people/s-0000/reason", Map.of("reason", "call from +31 6 12345678"));
            assertThat(leakyBookmarkReason.status()).isEqualTo(422);
            assertThat(leakyBookmarkReason.body())
                    .contains("<strong>reason</strong>")
                    .doesNotContain("12345678");
            assertThat(browser.post("/console/people/s-0000/reason", Map.of("reason", "a bookmark"))
                            .location())
                    .isEqualTo("/console/people/s-0000");
            ConsoleClient.Page missing = browser.get("/console/people/s-0000");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.body()).contains("nobody with this id is known");
            JsonNode notFound = api.client
                    .get("/v1/audit?action=subject.view")
                    .json()
                    .get("items")
                    .get(0);
            assertThat(notFound.get("outcome").asText()).isEqualTo("not-found");
            assertThat(notFound.get("reason").asText()).isEqualTo("a bookmark");

            // Requests that break the filing rules
            ConsoleClient.Page noScope =
                    browser.post("/console/people/" + ALICE + "/requests", Map.of("type", "RECTIFICATION"));
            assertThat(noScope.status()).isEqualTo(422);
            assertThat(noScope.body()).contains("<strong>scope</strong>: required for RECTIFICATION");
            ConsoleClient.Page noType =
                    browser.post("/console/people/" + ALICE + "/requests", Map.of("type", "FORGET"));
            assertThat(noType.status()).isEqualTo(422);
            assertThat(noType.body()).contains("<strong>type</strong>: must be one of");
            ConsoleClient.Page leakyNote = browser.post(
                    "/console/people/" + ALICE + "/requests",
                    Map.of("type", "ERASURE", "note", "she called from +31 6 12345678"));
            assertThat(leakyNote.status()).isEqualTo(422);
            assertThat(leakyNote.body()).contains("<strong>note</strong>").doesNotContain("12345678");
            ConsoleClient.Page nobodysRequest =
                    browser.post("/console/people/s-0000/requests", Map.of("type", "ERASURE"));
            assertThat(nobodysRequest.status()).isEqualTo(404);
            assertThat(api.client.get("/v1/audit?action=request.file").json().get("items"))
                    .isEmpty();
        }
    }

    @Test
    void shouldFileAnErasureAndARectificationFromThePersonsPageCarryingTheirIdentifierPseudonyms(StackFixture stack) {
        try (RunningApi api = new RunningApi(stack)) {
            api.clients.produceSeedScenario();
            api.catchUp();

            // Given a DPO who opens Alice's page from a bookmark, in a new session: asked for a reason first
            ConsoleClient browser = signedIn(api);
            ConsoleClient.Page ask = browser.get("/console/people/" + ALICE);
            assertThat(ask.status()).isEqualTo(200);
            assertThat(ask.body()).contains("Why open this person?").contains("name=\"csrf\"");
            ConsoleClient.Page given =
                    browser.post("/console/people/" + ALICE + "/reason", Map.of("reason", "erasure request by letter"));
            assertThat(given.status()).isEqualTo(303);
            assertThat(given.location()).isEqualTo("/console/people/" + ALICE);
            ConsoleClient.Page page = browser.get(given.location());
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body())
                    .contains("<option value=\"RECTIFICATION\">Rectification (Art. 16)</option>")
                    .contains("<input type=\"checkbox\" name=\"scope\" value=\"user.contact.email\">")
                    .contains("href=\"/console/people/" + ALICE + "/report.pdf\"")
                    .contains("href=\"/console/people/" + ALICE + "/export.json\"")
                    .contains("No open request for this person.");
            JsonNode view = api.client
                    .get("/v1/audit?action=subject.view&subjectId=" + ALICE)
                    .json()
                    .get("items");
            assertThat(view.get(0).get("reason").asText()).isEqualTo("erasure request by letter");

            // When the DPO files an erasure and a rectification of her email from the page
            ConsoleClient.Page erasure = browser.post(
                    "/console/people/" + ALICE + "/requests",
                    Map.of("type", "ERASURE", "note", "letter of 7 December"));
            ConsoleClient.Page rectification = browser.post(
                    "/console/people/" + ALICE + "/requests",
                    Map.of("type", "RECTIFICATION", "scope", "user.contact.email", "note", "new address"));

            // Then each answer leads to its request's page
            assertThat(erasure.status()).isEqualTo(303);
            assertThat(rectification.status()).isEqualTo(303);
            String erasureId = requestId(erasure.location());
            String rectificationId = requestId(rectification.location());

            // And the REST API shows them filed for her, by the same rules (verification, deadline, audit)
            JsonNode erased = api.client.get("/v1/requests/" + erasureId).json();
            assertThat(erased.get("type").asText()).isEqualTo("ERASURE");
            assertThat(erased.get("subjectId").asText()).isEqualTo(ALICE);
            assertThat(erased.get("verificationMethod").asText()).isEqualTo(SeedScenario.VERIFICATION_METHOD);
            assertThat(erased.get("filedBy").asText()).isEqualTo("dpo@smarttrackers.nl");
            JsonNode rectified =
                    api.client.get("/v1/requests/" + rectificationId).json();
            assertThat(rectified.get("type").asText()).isEqualTo("RECTIFICATION");
            assertThat(rectified.get("subjectId").asText()).isEqualTo(ALICE);
            JsonNode filings = api.client
                    .get("/v1/audit?action=request.file&subjectId=" + ALICE)
                    .json()
                    .get("items");
            assertThat(filings).hasSize(2);

            // And on Kafka each carries her identifiers' pseudonyms as the topology linked them
            List<SubjectIdentifier> linked = new ArrayList<>();
            for (IdentityLink link : SeedScenario.aliceIdentities()) {
                linked.add(link.getIdentifier());
            }
            List<DataSubjectRequest> onKafka = api.clients.readAll(Topics.DSR_REQUESTS, 2).stream()
                    .map(ConsumerRecord::value)
                    .toList();
            DataSubjectRequest filedErasure = onKafka.stream()
                    .filter(r -> r.getRequestId().equals(erasureId))
                    .findFirst()
                    .orElseThrow();
            assertThat(filedErasure.getIdentifiers()).containsExactlyInAnyOrderElementsOf(linked);
            assertThat(filedErasure.getNote()).isEqualTo("letter of 7 December");
            DataSubjectRequest filedRectification = onKafka.stream()
                    .filter(r -> r.getRequestId().equals(rectificationId))
                    .findFirst()
                    .orElseThrow();
            assertThat(filedRectification.getIdentifiers()).containsExactlyInAnyOrderElementsOf(linked);
            assertThat(filedRectification.getScope()).containsExactly("user.contact.email");

            // And her page lists both as open, linked to their pages
            ConsoleClient.Page after = browser.get("/console/people/" + ALICE);
            assertThat(after.body())
                    .contains("<caption>Open requests</caption>")
                    .contains("href=\"/console/requests/" + erasureId + "\"")
                    .contains("href=\"/console/requests/" + rectificationId + "\"");
        }
    }

    private static ConsoleClient signedIn(RunningApi api) {
        ConsoleClient browser = new ConsoleClient(api.url());
        assertThat(browser.signIn(ApiClient.DPO_TOKEN).status()).isEqualTo(303);
        return browser;
    }

    private static void seedWithStatuses(RunningApi api) {
        api.clients.produceSeedScenario();
        LineageRecord invoices = SeedScenario.direct(
                ALICE, "user.payment", "moneybird", "invoicing", LegalBasis.LEGAL_OBLIGATION, Period.ofYears(7));
        invoices.setStatus(LineageStatus.RESTRICTED);
        invoices.setStatusReason("invoices are kept 7 years for the tax office");
        LineageRecord newsletter =
                SeedScenario.direct(ALICE, "user.name", "campaign-monitor", "newsletter", LegalBasis.CONSENT, null);
        newsletter.setStatus(LineageStatus.ERASED);
        newsletter.setStatusReason("erased on request");
        LineageRecord analytics = SeedScenario.direct(
                ALICE,
                "user.device.ip_address",
                "google-analytics",
                "analytics",
                LegalBasis.LEGITIMATE_INTERESTS,
                Period.ofDays(1));
        api.clients.produceLineage(List.of(invoices, newsletter, analytics));
        api.catchUp();
    }

    private static JsonNode graphData(String page) throws Exception {
        Matcher matcher = GRAPH_DATA.matcher(page);
        assertThat(matcher.find()).as("the page embeds the graph's data").isTrue();
        return JSON.readTree(matcher.group(1));
    }

    private static JsonNode element(JsonNode graph, String id) {
        for (JsonNode element : graph.get("elements")) {
            if (element.get("data").get("id").asText().equals(id)) {
                return element;
            }
        }
        throw new AssertionError("no element " + id + " in " + graph);
    }

    private static String requestId(String location) {
        Matcher matcher = REQUEST_LOCATION.matcher(location);
        assertThat(matcher.matches()).as(location).isTrue();
        return matcher.group(1);
    }
}
