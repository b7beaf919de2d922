package dev.whereabouts.graph.console;

import static dev.whereabouts.graph.fixture.SeedScenario.ALICE;
import static dev.whereabouts.graph.fixture.SeedScenario.ALICE_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whereabouts.graph.api.ApiClient;
import dev.whereabouts.graph.api.DpoApi;
import dev.whereabouts.graph.api.RunningApi;
import dev.whereabouts.graph.fixture.MovableClock;
import dev.whereabouts.graph.fixture.RequestStatuses;
import dev.whereabouts.graph.fixture.SeedScenario;
import dev.whereabouts.graph.lookup.LookupService;
import dev.whereabouts.graph.report.PersonCopies;
import dev.whereabouts.graph.report.PersonCopySweeper;
import dev.whereabouts.graph.report.PersonReports;
import dev.whereabouts.graph.request.ControllerPolicySource;
import dev.whereabouts.graph.request.RequestRepository;
import dev.whereabouts.graph.schema.GraphTransactions;
import dev.whereabouts.model.dsr.RequestState;
import dev.whereabouts.model.dsr.RequestType;
import dev.whereabouts.model.topic.Topics;
import dev.whereabouts.stack.junit.EmbeddedStackExtension;
import dev.whereabouts.stack.junit.StackFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.neo4j.driver.Session;

@ExtendWith(EmbeddedStackExtension.class)
class PersonCopyIT {

    private static final Pattern LINK = Pattern.compile("value=\"http://[^\"]+(/copy/[A-Za-z0-9_-]{43})\"");
    private static final Pattern REVOKE = Pattern.compile("action=\"/console/copies/([0-9a-f-]{36})/revoke\"");

    @Test
    void shouldHandTheDpoALinkThatWorksWithoutASessionIsAuditedOnEachDownloadAndCanBeRevoked(StackFixture stack)
            throws Exception {
        MovableClock clock = new MovableClock();
        try (RunningApi api = new RunningApi(stack, clock)) {
            api.clients.produceSeedScenario();
            api.catchUp();
            String requestId = file(api, "ACCESS");
            ConsoleClient dpo = new ConsoleClient(api.url());
            dpo.signIn(ApiClient.DPO_TOKEN);

            // Given an access request that is not finished yet: no copy, the page says why and offers no form
            ConsoleClient.Page open = dpo.get("/console/requests/" + requestId + "/copy");
            assertThat(open.status()).isEqualTo(200);
            assertThat(open.body())
                    .contains("No copy can be made: the request is RECEIVED; a copy is made once it is completed")
                    .doesNotContain("action=\"/console/requests/" + requestId + "/copy\"");
            ConsoleClient.Page early =
                    dpo.post("/console/requests/" + requestId + "/copy", Map.of("language", "en", "days", "7"));
            assertThat(early.status()).isEqualTo(409);
            assertThat(early.body()).contains("a copy is made once it is completed");

            // When the topology reports it completed, the form is offered
            complete(api, clock, requestId, RequestType.ACCESS);
            ConsoleClient.Page finished = dpo.get("/console/requests/" + requestId + "/copy");
            assertThat(finished.body())
                    .contains("action=\"/console/requests/" + requestId + "/copy\"")
                    .contains("name=\"days\"")
                    .contains("value=\"7\"");

            // Bad form values are refused naming each field; a form without this session's CSRF token too
            ConsoleClient.Page bad =
                    dpo.post("/console/requests/" + requestId + "/copy", Map.of("language", "fr", "days", "31"));
            assertThat(bad.status()).isEqualTo(422);
            assertThat(bad.body())
                    .contains("<strong>language</strong>")
                    .contains("<strong>days</strong>: a whole number of days from 1 to 30");
            ConsoleClient.Page forged = dpo.postRaw(
                    "/console/requests/" + requestId + "/copy", Map.of("language", "en", "days", "7", "csrf", "x"));
            assertThat(forged.status()).isEqualTo(403);
            assertThat(copyNodes(stack)).isZero();

            // The DPO makes a Dutch copy: the link is shown once, only its hash is stored
            ConsoleClient.Page made =
                    dpo.post("/console/requests/" + requestId + "/copy", Map.of("language", "nl", "days", "7"));
            assertThat(made.status()).isEqualTo(201);
            String link = link(made.body());
            assertThat(made.body()).contains("This link is shown once");
            assertThat(storedText(stack)).doesNotContain(link.substring("/copy/".length()));
            assertThat(dpo.get("/console/requests/" + requestId + "/copy").body())
                    .doesNotContain(link)
                    .contains("Dutch");

            // The person opens it without an account or session, in Dutch, under strict headers
            ConsoleClient person = new ConsoleClient(api.url());
            ConsoleClient.Page page = person.get(link);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body())
                    .contains("lang=\"nl\"")
                    .contains("Uw persoonsgegevens bij SmartTrackers B.V.")
                    .contains("href=\"" + link + "/report.html\"")
                    .contains("href=\"" + link + "/report.pdf\"")
                    .contains("href=\"" + link + "/export.json\"");
            assertThat(page.header("referrer-policy")).contains("no-referrer");
            assertThat(page.header("cache-control")).contains("no-store");
            assertThat(page.header("x-robots-tag").orElseThrow()).contains("noindex");
            assertThat(page.header("content-security-policy").orElseThrow())
                    .startsWith("default-src 'none'")
                    .doesNotContain("unsafe-inline");
            assertThat(page.header("set-cookie")).isEmpty();

            ConsoleClient.Page report = person.get(link + "/report.html");
            assertThat(report.status()).isEqualTo(200);
            assertThat(report.body())
                    .contains("E-mailadres")
                    .contains("TransIP (VPS backups)")
                    .contains("Autoriteit Persoonsgegevens")
                    .contains("kenmerk " + requestId)
                    .doesNotContain("user.contact.email")
                    .doesNotContain(ALICE_EMAIL);
            ConsoleClient.Download pdf = person.download(link + "/report.pdf");
            assertThat(pdf.status()).isEqualTo(200);
            assertThat(pdf.contentType()).isEqualTo("application/pdf");
            assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
            ConsoleClient.Download export = person.download(link + "/export.json");
            JsonNode exported = new ObjectMapper().readTree(export.body());
            assertThat(exported.get("format").asText()).isEqualTo("whereabouts.portability.v1");
            assertThat(exported.get("subjectIds").get(0).asText()).isEqualTo(ALICE);
            assertThat(exported.get("locations"))
                    .hasSize(SeedScenario.aliceLineage().size());
            assertThat(new String(export.body(), StandardCharsets.UTF_8)).doesNotContain(ALICE_EMAIL);

            // Then each download is audited, with the request and the pseudonymous subject, and counted
            JsonNode downloads =
                    api.client.get("/v1/audit?action=copy.download").json().get("items");
            assertThat(downloads).hasSize(3);
            for (JsonNode entry : downloads) {
                assertThat(entry.get("actor").asText()).isEqualTo(PersonCopies.PERSON);
                assertThat(entry.get("requestId").asText()).isEqualTo(requestId);
                assertThat(entry.get("subjectIds").get(0).asText()).isEqualTo(ALICE);
            }
            JsonNode created =
                    api.client.get("/v1/audit?action=copy.create").json().get("items");
            assertThat(created).hasSize(1);
            assertThat(created.get(0).get("actor").asText()).isEqualTo("dpo@smarttrackers.nl");
            ConsoleClient.Page listed = dpo.get("/console/requests/" + requestId + "/copy");
            assertThat(listed.body()).contains("<td class=\"num\">3</td>");

            // When the DPO revokes it, the link answers 410 in plain words and the package is gone
            ConsoleClient.Page revoked = dpo.post("/console/copies/" + copyId(listed.body()) + "/revoke", Map.of());
            assertThat(revoked.status()).isEqualTo(303);
            ConsoleClient.Page gone = person.get(link);
            assertThat(gone.status()).isEqualTo(410);
            assertThat(gone.contentType()).startsWith("text/html");
            assertThat(gone.body()).contains("This link no longer works").contains("Deze link werkt niet meer");
            assertThat(person.get(link + "/report.pdf").status()).isEqualTo(410);
            assertThat(packages(stack)).isZero();
            assertThat(dpo.get("/console/requests/" + requestId + "/copy").body())
                    .contains("revoked ");
            assertThat(api.client.get("/v1/audit?action=copy.revoke").json().get("items"))
                    .hasSize(1);

            // An unknown or malformed token is a plain 404 page
            ConsoleClient.Page unknown = person.get("/copy/" + "A".repeat(43));
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.body()).contains("This link does not work");
            assertThat(person.get("/copy/not-a-token/report.html").status()).isEqualTo(404);
        }
    }

    @Test
    void shouldStopTheLinkAndDeleteTheCopyWhenItExpiresOnAccessAndByTheSweep(StackFixture stack) {
        MovableClock clock = new MovableClock();
        try (RunningApi api = new RunningApi(stack, clock)) {
            api.clients.produceSeedScenario();
            api.catchUp();
            String requestId = file(api, "PORTABILITY");
            complete(api, clock, requestId, RequestType.PORTABILITY);
            ConsoleClient dpo = new ConsoleClient(api.url());
            dpo.signIn(ApiClient.DPO_TOKEN);
            dpo.get("/console/requests/" + requestId + "/copy");
            String first =
                    link(dpo.post("/console/requests/" + requestId + "/copy", Map.of("language", "en", "days", "1"))
                            .body());
            String second =
                    link(dpo.post("/console/requests/" + requestId + "/copy", Map.of("language", "en", "days", "2"))
                            .body());
            ConsoleClient person = new ConsoleClient(api.url());
            assertThat(person.get(first).status()).isEqualTo(200);
            assertThat(copyNodes(stack)).isEqualTo(2);

            // A day and a bit later the first link has expired: 410, and its copy is deleted, package and all
            clock.advance(Duration.ofHours(25));
            assertThat(person.get(first + "/export.json").status()).isEqualTo(410);
            assertThat(copyNodes(stack)).isEqualTo(1);
            assertThat(person.get(second).status()).isEqualTo(200);
            JsonNode expired =
                    api.client.get("/v1/audit?action=copy.expire").json().get("items");
            assertThat(expired).hasSize(1);
            assertThat(expired.get(0).get("requestId").asText()).isEqualTo(requestId);

            // The sweep deletes what nobody asks for again
            clock.advance(Duration.ofDays(1));
            GraphTransactions graph = new GraphTransactions(stack.driver());
            PersonCopies copies = new PersonCopies(
                    graph,
                    new PersonReports(
                            new LookupService(graph, clock),
                            new RequestRepository(clock),
                            ControllerPolicySource.of(SeedScenario.controllerPolicy()),
                            "SmartTrackers B.V.",
                            clock,
                            DpoApi.objectMapper()),
                    clock);
            try (PersonCopySweeper sweeper = PersonCopySweeper.start(copies, Duration.ofMillis(200))) {
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (copyNodes(stack) > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            assertThat(copyNodes(stack)).isZero();
            assertThat(person.get(second).status()).isEqualTo(404);
            assertThat(api.client.get("/v1/audit?action=copy.expire").json().get("items"))
                    .hasSize(2);
        }
    }

    @Test
    void shouldRefuseACopyForAnErasureOrARefusedAccessRequest(StackFixture stack) {
        MovableClock clock = new MovableClock();
        try (RunningApi api = new RunningApi(stack, clock)) {
            api.clients.produceSeedScenario();
            api.catchUp();
            String erasure = file(api, "ERASURE");
            complete(api, clock, erasure, RequestType.ERASURE);
            String refused = file(api, "ACCESS");
            api.clients.produce(
                    Topics.DSR_STATUS,
                    refused,
                    RequestStatuses.status(refused, RequestType.ACCESS, RequestState.REFUSED, clock.instant())
                            .setRefusal(RequestStatuses.refusal("We will not act on your request."))
                            .build());
            api.catchUp();
            ConsoleClient dpo = new ConsoleClient(api.url());
            dpo.signIn(ApiClient.DPO_TOKEN);

            ConsoleClient.Page erasurePage = dpo.get("/console/requests/" + erasure + "/copy");
            assertThat(erasurePage.status()).isEqualTo(200);
            assertThat(erasurePage.body())
                    .contains("answers an ACCESS or PORTABILITY request; this request&#39;s type is ERASURE")
                    .doesNotContain("name=\"days\"");
            assertThat(dpo.post("/console/requests/" + erasure + "/copy", Map.of("language", "en", "days", "7"))
                            .status())
                    .isEqualTo(409);
            ConsoleClient.Page refusedPage = dpo.get("/console/requests/" + refused + "/copy");
            assertThat(refusedPage.body())
                    .contains("ended without an answer on the merits (REFUSED)")
                    .doesNotContain("name=\"days\"");
            assertThat(dpo.post("/console/requests/" + refused + "/copy", Map.of("language", "en", "days", "7"))
                            .status())
                    .isEqualTo(409);
            assertThat(dpo.get("/console/requests/not-a-uuid/copy").status()).isEqualTo(400);
            assertThat(copyNodes(stack)).isZero();
        }
    }

    /** Files a request for Alice through the REST API; its id. */
    private static String file(RunningApi api, String type) {
        ApiClient.Reply filed = api.client.post(
                "/v1/requests", "{\"type\": \"" + type + "\", \"subject\": {\"email\": \"" + ALICE_EMAIL + "\"}}");
        assertThat(filed.status()).isEqualTo(202);
        return filed.json().get("requestId").asText();
    }

    /** The topology's status of the request, completed, as the DPO API's ITs stand in for it. */
    private static void complete(RunningApi api, MovableClock clock, String requestId, RequestType type) {
        api.clients.produce(
                Topics.DSR_STATUS,
                requestId,
                RequestStatuses.status(requestId, type, RequestState.COMPLETED, clock.instant())
                        .setAnswer("Here is what we hold about you.")
                        .setCompletedAt(clock.instant())
                        .build());
        api.catchUp();
    }

    private static String link(String body) {
        Matcher matcher = LINK.matcher(body);
        assertThat(matcher.find()).as("a copy link on the page").isTrue();
        return matcher.group(1);
    }

    private static String copyId(String body) {
        Matcher matcher = REVOKE.matcher(body);
        assertThat(matcher.find()).as("a revoke form on the page").isTrue();
        return matcher.group(1);
    }

    private static long copyNodes(StackFixture stack) {
        try (Session session = stack.driver().session()) {
            return session.run("MATCH (c:PersonCopy) RETURN count(c) AS n")
                    .single()
                    .get("n")
                    .asLong();
        }
    }

    private static long packages(StackFixture stack) {
        try (Session session = stack.driver().session()) {
            return session.run("MATCH (c:PersonCopy) WHERE c.reportHtml IS NOT NULL OR c.reportPdf IS NOT NULL"
                            + " OR c.export IS NOT NULL RETURN count(c) AS n")
                    .single()
                    .get("n")
                    .asLong();
        }
    }

    /** Every string property of every copy, to check that no token is stored. */
    private static List<String> storedText(StackFixture stack) {
        List<String> values = new ArrayList<>();
        try (Session session = stack.driver().session()) {
            session.run("MATCH (c:PersonCopy) RETURN properties(c) AS p")
                    .list()
                    .forEach(r -> r.get("p")
                            .asMap()
                            .values()
                            .forEach(v -> values.add(
                                    v instanceof byte[] bytes
                                            ? new String(bytes, StandardCharsets.UTF_8)
                                            : String.valueOf(v))));
        }
        return values;
    }
}
