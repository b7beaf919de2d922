package dev.whereabouts.graph.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.whereabouts.graph.api.ApiClient;
import dev.whereabouts.graph.api.RunningApi;
import dev.whereabouts.graph.fixture.RequestStatuses;
import dev.whereabouts.graph.fixture.SeedScenario;
import dev.whereabouts.model.dsr.Deadlines;
import dev.whereabouts.model.dsr.DecisionKind;
import dev.whereabouts.model.dsr.HolderOutcome;
import dev.whereabouts.model.dsr.InformationRequest;
import dev.whereabouts.model.dsr.OutcomeType;
import dev.whereabouts.model.dsr.Refusal;
import dev.whereabouts.model.dsr.RefusalGround;
import dev.whereabouts.model.dsr.RequestDecision;
import dev.whereabouts.model.dsr.RequestState;
import dev.whereabouts.model.dsr.RequestStatus;
import dev.whereabouts.model.dsr.RequestType;
import dev.whereabouts.model.dsr.TaskState;
import dev.whereabouts.model.dsr.TaskType;
import dev.whereabouts.model.dsr.VerificationRecord;
import dev.whereabouts.model.topic.Topics;
import dev.whereabouts.stack.junit.EmbeddedStackExtension;
import dev.whereabouts.stack.junit.StackFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console's Requests section over the running DPO API: requests filed through the REST API, the
 * topology's statuses produced on its status topic (the DPO API's ITs stand in for the topology), the
 * console's forms posted as a browser posts them, and every decision asserted where the REST API's
 * tests assert it: on Kafka, in the audit trail.
 */
@ExtendWith(EmbeddedStackExtension.class)
class RequestPagesIT {

    private static final Pattern NEXT_PAGE = Pattern.compile("href=\"([^\"]+)\" rel=\"next\"");

    @Test
    void shouldListRequestsWithStateTypeAndOverdueFiltersAndPagesAndRefuseBadFilterValues(StackFixture stack) {
        try (RunningApi api = new RunningApi(stack)) {
            api.clients.produceSeedScenario();
            api.catchUp();
            ConsoleClient browser = new ConsoleClient(api.url());
            assertThat(browser.signIn(ApiClient.DPO_TOKEN).status()).isEqualTo(303);

            // Given no request yet, the list says so and how to file one
            ConsoleClient.Page none = browser.get("/console/requests");
            assertThat(none.status()).isEqualTo(200);
            assertThat(none.body()).contains("No requests yet").contains("href=\"/console/people\"");

            // When three requests are filed: an erasure the topology flags overdue, an access and a portability
            String erasure =
                    file(api, "ERASURE", Duration.ofHours(3)).get("requestId").asText();
            produce(
                    api,
                    erasure,
                    RequestType.ERASURE,
                    RequestState.AWAITING_VERIFICATION,
                    1,
                    b -> b.setOverdue(true).setEscalatedTasks(List.of(erasure + "/moneybird")));
            String access =
                    file(api, "ACCESS", Duration.ofHours(2)).get("requestId").asText();
            String portability = file(api, "PORTABILITY", Duration.ofHours(1))
                    .get("requestId")
                    .asText();

            // Then the list shows all three, newest first, with state, type, deadline, its basis and time left
            ConsoleClient.Page all = browser.get("/console/requests");
            assertThat(all.status()).isEqualTo(200);
            assertThat(all.body())
                    .contains("<caption>Data-subject requests, newest first</caption>")
                    .contains("Awaiting verification", "Erasure", "Access", "Portability")
                    .contains("promise (the controller")
                    .contains("<span class=\"badge overdue\">Overdue</span>")
                    .contains("<span class=\"badge escalated\">1 escalated</span>")
                    .contains("days left");
            assertThat(ids(all.body())).containsExactly(portability, access, erasure);
            assertThat(all.body())
                    .containsPattern("<tr class=\"overdue\">\\s*<td><a href=\"/console/requests/" + erasure);

            // And each filter narrows it, as the REST list's filters do
            assertThat(ids(browser.get("/console/requests?state=AWAITING_VERIFICATION")
                            .body()))
                    .containsExactly(erasure);
            assertThat(browser.get("/console/requests?state=AWAITING_VERIFICATION")
                            .body())
                    .contains("<option value=\"AWAITING_VERIFICATION\" selected>");
            assertThat(ids(browser.get("/console/requests?type=access").body())).containsExactly(access);
            assertThat(ids(browser.get("/console/requests?overdue=true").body()))
                    .containsExactly(erasure);
            assertThat(ids(browser.get("/console/requests?overdue=false").body()))
                    .containsExactly(portability, access);
            assertThat(ids(browser.get("/console/requests?subjectId=" + SeedScenario.ALICE)
                            .body()))
                    .containsExactly(portability, access, erasure);
            // a filter left at "any" in the form is no filter
            assertThat(ids(browser.get("/console/requests?state=&type=&overdue=")
                            .body()))
                    .containsExactly(portability, access, erasure);
            ConsoleClient.Page nothing = browser.get("/console/requests?state=COMPLETED");
            assertThat(nothing.body())
                    .contains("No request matches these filters")
                    .doesNotContain("<table");

            // And it pages with a "Next page" link that keeps the filters
            ConsoleClient.Page first = browser.get("/console/requests?limit=2");
            assertThat(ids(first.body())).containsExactly(portability, access);
            String next = nextPage(first.body());
            assertThat(next).startsWith("/console/requests?limit=2&cursor=");
            ConsoleClient.Page second = browser.get(next);
            assertThat(second.status()).isEqualTo(200);
            assertThat(ids(second.body())).containsExactly(erasure);
            assertThat(second.body()).doesNotContain("rel=\"next\"").contains("First page");
            ConsoleClient.Page filteredFirst = browser.get("/console/requests?limit=1&overdue=false");
            assertThat(ids(filteredFirst.body())).containsExactly(portability);
            String filteredNext = nextPage(filteredFirst.body());
            assertThat(filteredNext).contains("overdue=false");
            assertThat(ids(browser.get(filteredNext).body())).containsExactly(access);

            // And a bad filter value gives a 400 page naming the parameter, never echoing the value
            for (String[] bad : List.of(
                    new String[] {"state", "SHREDDED"},
                    new String[] {"type", "FORGET_ME"},
                    new String[] {"overdue", "maybe"},
                    new String[] {"cursor", "bm90LWEtY3Vyc29y"},
                    new String[] {"limit", "0"})) {
                ConsoleClient.Page refused = browser.get("/console/requests?" + bad[0] + "=" + bad[1]);
                assertThat(refused.status()).as(bad[0]).isEqualTo(400);
                assertThat(refused.contentType()).startsWith("text/html");
                assertThat(refused.body())
                        .as(bad[0])
                        .contains("What to fix")
                        .contains("<strong>" + bad[0] + "</strong>");
                if (bad[1].length() > 1) {
                    assertThat(refused.body()).as(bad[0]).doesNotContain(bad[1]);
                }
            }
        }
    }

    @Test
    void shouldShowARequestsTimelineAndTasksAndTakeEachDecisionItsStateAllowsAndNoOther(StackFixture stack) {
        try (RunningApi api = new RunningApi(stack)) {
            api.clients.produceSeedScenario();
            api.catchUp();
            ConsoleClient browser = new ConsoleClient(api.url());
            browser.signIn(ApiClient.DPO_TOKEN);
            JsonNode filed = file(api, "ERASURE", Duration.ofDays(1));
            String id = filed.get("requestId").asText();
            String page = "/console/requests/" + id;

            // Given a request the topology has not reported yet: received, nothing to verify yet
            ConsoleClient.Page received = browser.get(page);
            assertThat(received.status()).isEqualTo(200);
            assertThat(received.body())
                    .contains("<h1>Erasure request")
                    .contains("<span class=\"badge RECEIVED\">Received</span>")
                    .contains("href=\"/console/people/" + SeedScenario.ALICE + "\"")
                    .contains("filed by dpo@smarttrackers.nl")
                    .contains("Id document copy, as the catalog's policy asks")
                    .contains("No tasks yet")
                    .contains(action(id, "information-request"), action(id, "refusal"), action(id, "extension"))
                    .doesNotContain(action(id, "verification"), action(id, "information"), action(id, "outcome"));
            // and the check it does not offer is refused if posted anyway, naming the state
            ConsoleClient.Page tooEarly = browser.post(
                    page + "/verification",
                    Map.of("verified", "true", "method", SeedScenario.VERIFICATION_METHOD, "note", "checked"));
            assertThat(tooEarly.status()).isEqualTo(409);
            assertThat(tooEarly.body()).contains("the request is RECEIVED").contains("<strong>requestId</strong>");

            // When the topology asks for the identity check
            produce(api, id, filed, RequestState.AWAITING_VERIFICATION, 1, b -> {});
            ConsoleClient.Page awaiting = browser.get(page);
            assertThat(awaiting.body())
                    .contains(action(id, "verification"), action(id, "information-request"), action(id, "refusal"))
                    .contains("<option value=\"ID_DOCUMENT_COPY\">")
                    .doesNotContain(action(id, "information"));

            // Then a note quoting an identifier is refused by the API's rule, naming the field, not echoing it
            ConsoleClient.Page quoting =
                    browser.post(page + "/information-request", Map.of("note", "write to alice@example.com"));
            assertThat(quoting.status()).isEqualTo(422);
            assertThat(quoting.body()).contains("<strong>/note</strong>").doesNotContain("alice@example.com");

            // When the DPO asks the person for information
            ConsoleClient.Page asked =
                    browser.post(page + "/information-request", Map.of("note", "which account: two share the name"));
            // Then the browser goes back to the request with a confirmation that says the state follows
            assertThat(asked.status()).isEqualTo(303);
            assertThat(asked.location()).isEqualTo(page + "?done=information-request");
            assertThat(browser.get(asked.location()).body())
                    .contains("The request for information is recorded")
                    .contains("the request&#39;s state updates within seconds");
            // And the decision is on Kafka for the topology, as the REST route puts it there
            RequestDecision question = decisions(api, id, 1).get(0);
            assertThat(question.getKind()).isEqualTo(DecisionKind.REQUEST_INFORMATION);
            assertThat(question.getNote()).isEqualTo("which account: two share the name");
            assertThat(question.getDecidedBy()).isEqualTo("dpo@smarttrackers.nl");

            // When the topology reports the question, the page offers the answer's arrival instead
            Instant askedAt = Instant.parse(filed.get("receivedAt").asText()).plus(Duration.ofHours(1));
            produce(
                    api,
                    id,
                    filed,
                    RequestState.AWAITING_INFORMATION,
                    2,
                    b -> b.setInformationRequest(InformationRequest.newBuilder()
                            .setAskedAt(askedAt)
                            .setAskedBy("dpo@smarttrackers.nl")
                            .setNote("which account: two share the name")
                            .build()));
            ConsoleClient.Page waiting = browser.get(page);
            assertThat(waiting.body())
                    .contains("paused: waiting for information")
                    .contains("not yet: the deadlines stand still until it arrives")
                    .contains(action(id, "information"))
                    .doesNotContain(action(id, "information-request"));
            assertThat(browser.post(page + "/information", Map.of()).location()).isEqualTo(page + "?done=information");

            // When the information arrived and the identity is verified, and the deadline extended by a month
            InformationRequest answered = InformationRequest.newBuilder()
                    .setAskedAt(askedAt)
                    .setAskedBy("dpo@smarttrackers.nl")
                    .setNote("which account: two share the name")
                    .setAnsweredAt(askedAt.plus(Duration.ofHours(2)))
                    .setPausedMillis(Duration.ofHours(2).toMillis())
                    .build();
            produce(api, id, filed, RequestState.AWAITING_VERIFICATION, 3, b -> b.setInformationRequest(answered));
            assertThat(browser.post(
                                    page + "/verification",
                                    Map.of(
                                            "verified",
                                            "true",
                                            "method",
                                            SeedScenario.VERIFICATION_METHOD,
                                            "note",
                                            "photo, MRZ, passport number and BSN blacked out"))
                            .location())
                    .isEqualTo(page + "?done=verification");
            assertThat(browser.post(page + "/extension", Map.of("months", "1", "reason", "many holders to reach"))
                            .location())
                    .isEqualTo(page + "?done=extension");

            // Then both are on Kafka as the REST API publishes them
            List<RequestDecision> taken = decisions(api, id, 4);
            assertThat(taken)
                    .extracting(RequestDecision::getKind)
                    .containsExactly(
                            DecisionKind.REQUEST_INFORMATION,
                            DecisionKind.INFORMATION_RECEIVED,
                            DecisionKind.VERIFY,
                            DecisionKind.EXTEND);
            assertThat(taken.get(2).getMethod()).isEqualTo(SeedScenario.VERIFICATION_METHOD);
            Instant receivedAt = Instant.parse(filed.get("receivedAt").asText());
            Instant extended = Deadlines.extended(Deadlines.statutory(receivedAt), 1);
            assertThat(taken.get(3).getExtendedDeadline()).isEqualTo(extended);
            assertThat(taken.get(3).getNote()).isEqualTo("many holders to reach");

            // When the topology fans out: Postmark over Kafka, MoneyBird by e-mail under its legal hold, the
            // backups expiring by themselves
            Instant verifiedAt = askedAt.plus(Duration.ofHours(2).plusMinutes(5));
            Instant issued = verifiedAt;
            produce(
                    api,
                    id,
                    filed,
                    RequestState.IN_PROGRESS,
                    4,
                    b -> b.setVerification(verification(verifiedAt))
                            .setInformationRequest(answered)
                            .setDeadline(extended)
                            .setDeadlineBasis("EXTENSION")
                            .setExtensionReason("many holders to reach")
                            .setTasks(List.of(
                                    RequestStatuses.task(id, "moneybird", TaskType.RESTRICT, issued)
                                            .setReason("invoices are kept 7 years for the tax office")
                                            .build(),
                                    RequestStatuses.task(id, "postmark", TaskType.ERASE, issued)
                                            .build(),
                                    RequestStatuses.task(id, "transip-vps-backups", TaskType.EXPIRES, issued)
                                            .setExpiresAt(Instant.parse("2027-12-31T00:00:00Z"))
                                            .build())));
            ConsoleClient.Page inProgress = browser.get(page);
            String body = inProgress.body();
            // Then the task table shows each holder's channel, task, hold, answer-by and expiry
            assertThat(body)
                    .contains("<th scope=\"row\">moneybird</th>", "<th scope=\"row\">postmark</th>")
                    .contains("invoices are kept 7 years for the tax office")
                    .contains("gone by 31 Dec 2027")
                    .contains("<td>EMAIL</td>", "<td>KAFKA</td>", "<td>RESTRICT</td>", "<td>EXPIRES</td>")
                    .contains("extension (Art. 12(3))")
                    .contains("many holders to reach");
            // And the timeline tells the story so far, in order
            assertThat(body)
                    .containsSubsequence(
                            "<strong>Received</strong>",
                            "<strong>Information asked of the person; the deadlines stand still</strong>",
                            "<strong>Information received</strong>",
                            "<strong>Identity verified</strong>",
                            "<strong>Fanned out: 3 tasks created</strong>",
                            "<strong>Deadline extended to " + Formats.date(extended) + "</strong>");
            // And only what the state allows is offered: a manual outcome for MoneyBird with the outcomes a
            // RESTRICT task takes; no second extension, no refusal, no check
            assertThat(body)
                    .contains(action(id, "outcome"))
                    .contains("<option value=\"moneybird\">moneybird (EMAIL)</option>")
                    .contains("<option value=\"transip-vps-backups\">")
                    .doesNotContain("<option value=\"postmark\"")
                    .doesNotContain(action(id, "extension"), action(id, "refusal"), action(id, "verification"));
            assertThat(outcomeForm(body, "RESTRICT"))
                    .contains(
                            "<option value=\"RESTRICTED\">",
                            "<option value=\"NOT_FOUND\">",
                            "<option value=\"FAILED\">")
                    .doesNotContain("<option value=\"ERASED\">", "<option value=\"EXPORTED\">");

            // Then what is not offered is refused when posted anyway, naming why
            ConsoleClient.Page refusal =
                    browser.post(page + "/refusal", Map.of("ground", "EXCESSIVE", "reason", "the fourth this month"));
            assertThat(refusal.status()).isEqualTo(409);
            assertThat(refusal.body()).contains("the request is IN_PROGRESS").contains("REFUSE is allowed only in");
            ConsoleClient.Page again = browser.post(page + "/extension", Map.of("months", "2", "reason", "more"));
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.body()).contains("extended before");
            ConsoleClient.Page misfit = browser.post(
                    page + "/outcome", Map.of("holder", "moneybird", "outcome", "EXPORTED", "evidence", "MB-1"));
            assertThat(misfit.status()).isEqualTo(422);
            assertThat(misfit.body())
                    .contains("<strong>/outcome</strong>")
                    .contains("a RESTRICT task cannot be closed as EXPORTED");
            ConsoleClient.Page selfReporting =
                    browser.post(page + "/outcome", Map.of("holder", "postmark", "outcome", "ERASED", "evidence", "x"));
            assertThat(selfReporting.status()).isEqualTo(409);
            assertThat(selfReporting.body())
                    .contains("<strong>/holder</strong>")
                    .contains("reports its own outcomes");
            // And a form without this session's CSRF token is refused
            ConsoleClient.Page forged = browser.postRaw(
                    page + "/outcome", Map.of("holder", "moneybird", "outcome", "RESTRICTED", "evidence", "MB-2231"));
            assertThat(forged.status()).isEqualTo(403);
            assertThat(forged.body()).contains("Form expired");

            // When the DPO records MoneyBird's e-mailed answer
            ConsoleClient.Page recorded = browser.post(
                    page + "/outcome",
                    Map.of("holder", "moneybird", "outcome", "RESTRICTED", "evidence", "MoneyBird ticket MB-2231"));
            assertThat(recorded.location()).isEqualTo(page + "?done=outcome");
            // Then the outcome is on Kafka as the REST route publishes it, and nothing the forgery sent
            List<HolderOutcome> outcomes = api.clients.readAll(Topics.DSR_OUTCOMES, 1).stream()
                    .filter(r -> r.key().equals(id))
                    .map(ConsumerRecord::value)
                    .toList();
            assertThat(outcomes).hasSize(1);
            assertThat(outcomes.get(0).getTaskId()).isEqualTo(id + "/moneybird");
            assertThat(outcomes.get(0).getOutcome()).isEqualTo(OutcomeType.RESTRICTED);
            assertThat(outcomes.get(0).getEvidence()).isEqualTo("MoneyBird ticket MB-2231");
            assertThat(outcomes.get(0).getReportedBy()).isEqualTo("dpo@smarttrackers.nl");

            // When the topology completes the request
            Instant restrictedAt = verifiedAt.plus(Duration.ofMinutes(30));
            produce(
                    api,
                    id,
                    filed,
                    RequestState.COMPLETED,
                    5,
                    b -> b.setVerification(verification(verifiedAt))
                            .setInformationRequest(answered)
                            .setDeadline(extended)
                            .setDeadlineBasis("EXTENSION")
                            .setExtensionReason("many holders to reach")
                            .setCompletedAt(restrictedAt)
                            .setAnswer("MoneyBird: user.contact.email restricted; Postmark: user.contact.email erased.")
                            .setTasks(List.of(
                                    RequestStatuses.task(id, "moneybird", TaskType.RESTRICT, restrictedAt)
                                            .setState(TaskState.RESTRICTED)
                                            .setEvidence("MoneyBird ticket MB-2231")
                                            .build(),
                                    RequestStatuses.task(id, "postmark", TaskType.ERASE, restrictedAt)
                                            .setState(TaskState.ERASED)
                                            .build(),
                                    RequestStatuses.task(id, "transip-vps-backups", TaskType.EXPIRES, issued)
                                            .setExpiresAt(Instant.parse("2027-12-31T00:00:00Z"))
                                            .build())));
            ConsoleClient.Page completed = browser.get(page);
            // Then the page shows the person's answer, each outcome in the timeline, and nothing to decide
            assertThat(completed.body())
                    .contains("<h2>The person's answer</h2>")
                    .contains("MoneyBird: user.contact.email restricted")
                    .containsSubsequence(
                            "<strong>Fanned out: 3 tasks created</strong>",
                            "<strong>moneybird: Restricted</strong>",
                            "evidence: MoneyBird ticket MB-2231",
                            "<strong>Finished: Completed</strong>")
                    .doesNotContain(
                            action(id, "verification"),
                            action(id, "information-request"),
                            action(id, "information"),
                            action(id, "refusal"),
                            action(id, "extension"))
                    .doesNotContain("The person's copy</a>");
            // but the backups' copy, which expires by itself, may still be confirmed gone early (as the API allows)
            assertThat(outcomeForm(completed.body(), "EXPIRES"))
                    .contains("<option value=\"transip-vps-backups\">")
                    .contains("<option value=\"ERASED\">", "<option value=\"NOT_FOUND\">")
                    .doesNotContain("<option value=\"FAILED\">", "<option value=\"moneybird\">");

            // And every action is audited with the request, as through the REST API
            for (String auditAction : List.of(
                    "request.ask-information",
                    "request.information-received",
                    "request.verify",
                    "request.extend",
                    "request.outcome")) {
                JsonNode entries =
                        api.client.get("/v1/audit?action=" + auditAction).json().get("items");
                assertThat(entries).as(auditAction).anySatisfy(e -> {
                    assertThat(e.get("requestId").asText()).isEqualTo(id);
                    assertThat(e.get("actor").asText()).isEqualTo("dpo@smarttrackers.nl");
                });
            }

            // And an unknown request is a 404 page
            ConsoleClient.Page unknown = browser.get("/console/requests/" + UUID.randomUUID());
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.body()).contains("there is no request with this id");
            assertThat(browser.get("/console/requests/not-a-request").status()).isEqualTo(404);
        }
    }

    @Test
    void shouldRefuseARequestWithItsNoticeAndLinkAFinishedAccessRequestToThePersonsCopy(StackFixture stack) {
        try (RunningApi api = new RunningApi(stack)) {
            api.clients.produceSeedScenario();
            api.catchUp();
            ConsoleClient browser = new ConsoleClient(api.url());
            browser.signIn(ApiClient.DPO_TOKEN);

            // Given an access request awaiting its identity check
            JsonNode filed = file(api, "ACCESS", Duration.ofDays(1));
            String id = filed.get("requestId").asText();
            String page = "/console/requests/" + id;
            produce(api, id, filed, RequestState.AWAITING_VERIFICATION, 1, b -> b.setType(RequestType.ACCESS));
            assertThat(browser.get(page).body())
                    .contains("<option value=\"EXCESSIVE\">", "<option value=\"MANIFESTLY_UNFOUNDED\">")
                    .doesNotContain("<option value=\"IDENTITY_NOT_ESTABLISHED\">");

            // When the DPO refuses it as excessive
            ConsoleClient.Page refused = browser.post(
                    page + "/refusal",
                    Map.of("ground", "EXCESSIVE", "reason", "the fourth identical access request this month"));
            assertThat(refused.location()).isEqualTo(page + "?done=refusal");

            // Then the refusal and its Art. 12(4) notice are on Kafka
            RequestDecision refusal = decisions(api, id, 1).get(0);
            assertThat(refusal.getKind()).isEqualTo(DecisionKind.REFUSE);
            assertThat(refusal.getGround()).isEqualTo(RefusalGround.EXCESSIVE);
            assertThat(refusal.getNotice()).contains("the fourth identical access request this month");

            // And once the topology reports it, the page shows the notice the person receives
            produce(
                    api,
                    id,
                    filed,
                    RequestState.REFUSED,
                    2,
                    b -> b.setType(RequestType.ACCESS)
                            .setRefusal(Refusal.newBuilder()
                                    .setGround(RefusalGround.EXCESSIVE)
                                    .setReason("the fourth identical access request this month")
                                    .setNotice(refusal.getNotice())
                                    .setDecidedBy("dpo@smarttrackers.nl")
                                    .setDecidedAt(refusal.getDecidedAt())
                                    .build())
                            .setAnswer(refusal.getNotice()));
            ConsoleClient.Page shown = browser.get(page);
            assertThat(shown.body())
                    .contains("<h2>Refused: Excessive</h2>")
                    .contains("The notice the person receives (Art. 12(4))")
                    .contains("Autoriteit Persoonsgegevens")
                    .contains("<strong>Refused: Excessive</strong>")
                    .contains("The request is finished: nothing is left to decide.")
                    .doesNotContain("<form method=\"post\" action=\"/console/requests/")
                    .doesNotContain("The person's copy</a>");

            // When another access request completes, its page links to the person's copy
            JsonNode second = file(api, "ACCESS", Duration.ofHours(20));
            String done = second.get("requestId").asText();
            Instant at = Instant.now();
            produce(
                    api,
                    done,
                    second,
                    RequestState.COMPLETED,
                    1,
                    b -> b.setType(RequestType.ACCESS)
                            .setVerificationMethod(null)
                            .setCompletedAt(at)
                            .setAnswer("Postmark: user.contact.email exported.")
                            .setTasks(List.of(RequestStatuses.task(done, "postmark", TaskType.EXPORT, at)
                                    .setState(TaskState.EXPORTED)
                                    .build())));
            assertThat(browser.get("/console/requests/" + done).body())
                    .contains("<a href=\"/console/requests/" + done + "/copy\">The person's copy</a>");
        }
    }

    /**
     * Files a request for Alice through the REST API, received {@code ago} (so its story can happen
     * before now, and requests filed in the same second still have distinct receipts to sort by).
     */
    private static JsonNode file(RunningApi api, String type, Duration ago) {
        Instant receivedAt = Instant.now().minus(ago).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        ApiClient.Reply filed = api.client.post(
                "/v1/requests",
                "{\"type\": \"" + type + "\", \"subject\": {\"email\": \"alice@example.com\"}, \"receivedAt\": \""
                        + receivedAt + "\"}");
        assertThat(filed.status()).isEqualTo(202);
        return filed.json();
    }

    /** The topology's {@code n}-th status of the filed request, as it reports it on the status topic. */
    private static void produce(
            RunningApi api,
            String id,
            JsonNode filed,
            RequestState state,
            int n,
            Consumer<RequestStatus.Builder> more) {
        Instant received = Instant.parse(filed.get("receivedAt").asText());
        RequestStatus.Builder status = RequestStatuses.status(id, RequestType.ERASURE, state, received.plusSeconds(n))
                .setReceivedAt(received)
                .setDeadline(Instant.parse(filed.get("deadline").asText()))
                .setDeadlineBasis(filed.get("deadlineBasis").asText())
                .setStatutoryDeadline(
                        Instant.parse(filed.get("statutoryDeadline").asText()))
                .setPromisedDeadline(Instant.parse(filed.get("promisedDeadline").asText()));
        more.accept(status);
        api.clients.produce(Topics.DSR_STATUS, id, status.build());
        api.catchUp();
    }

    private static void produce(
            RunningApi api,
            String id,
            RequestType type,
            RequestState state,
            int n,
            Consumer<RequestStatus.Builder> more) {
        JsonNode filed = api.client.get("/v1/requests/" + id).json();
        produce(api, id, filed, state, n, b -> {
            b.setType(type);
            more.accept(b);
        });
    }

    private static VerificationRecord verification(Instant at) {
        return VerificationRecord.newBuilder()
                .setMethod(SeedScenario.VERIFICATION_METHOD)
                .setVerified(true)
                .setDecidedBy("dpo@smarttrackers.nl")
                .setDecidedAt(at)
                .setNote("photo, MRZ, passport number and BSN blacked out")
                .build();
    }

    /** The decisions on Kafka about request {@code id}, waiting for {@code expected} of them. */
    private static List<RequestDecision> decisions(RunningApi api, String id, int expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<RequestDecision> found = List.of();
        while (found.size() < expected && System.nanoTime() < deadline) {
            found = api.clients.readAll(Topics.DSR_DECISIONS, 1).stream()
                    .filter(r -> r.key().equals(id))
                    .map(ConsumerRecord::value)
                    .toList();
        }
        assertThat(found).hasSize(expected);
        return found;
    }

    private static String action(String id, String name) {
        return "action=\"/console/requests/" + id + "/" + name + "\"";
    }

    /** The request ids of the list's rows, in order. */
    private static List<String> ids(String body) {
        Matcher m = Pattern.compile("<td><a href=\"/console/requests/([0-9a-f-]{36})\"")
                .matcher(body);
        List<String> ids = new java.util.ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /** The "Next page" link, as the browser follows it (HTML entities decoded). */
    private static String nextPage(String body) {
        Matcher m = NEXT_PAGE.matcher(body);
        assertThat(m.find()).as("a Next page link").isTrue();
        return m.group(1).replace("&#x3D;", "=").replace("&amp;", "&");
    }

    /** The manual-outcome form for tasks of {@code type}. */
    private static String outcomeForm(String body, String type) {
        int start = body.indexOf("(" + type + " tasks)");
        assertThat(start).as("an outcome form for " + type + " tasks").isGreaterThan(0);
        int end = body.indexOf("</form>", start);
        return body.substring(start, end);
    }
}
