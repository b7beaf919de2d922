package dev.whereabouts.graph.api;

import static dev.whereabouts.graph.fixture.SeedScenario.ALICE;
import static dev.whereabouts.graph.fixture.SeedScenario.ALICE_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.whereabouts.graph.fixture.RequestStatuses;
import dev.whereabouts.graph.fixture.SeedScenario;
import dev.whereabouts.model.common.IdentifierType;
import dev.whereabouts.model.dsr.DataSubjectRequest;
import dev.whereabouts.model.dsr.DecisionKind;
import dev.whereabouts.model.dsr.DeliveryKeys;
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
import dev.whereabouts.model.dsr.TaskStatus;
import dev.whereabouts.model.dsr.TaskType;
import dev.whereabouts.model.dsr.VerificationRecord;
import dev.whereabouts.model.dsr.WebhookSignature;
import dev.whereabouts.model.id.HolderId;
import dev.whereabouts.model.id.SubjectId;
import dev.whereabouts.model.retention.FindingKind;
import dev.whereabouts.model.retention.RetentionFinding;
import dev.whereabouts.model.topic.Topics;
import dev.whereabouts.stack.junit.EmbeddedStackExtension;
import dev.whereabouts.stack.junit.StackFixture;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedStackExtension.class)
class DpoApiIT {

    private static final String LOOKUP_ALICE = """
            {"subject": {"email": "  Alice@Example.COM "}, "reason": "DSR ticket 4711: where does her email live"}""";

    @Test
    void shouldAnswerWhereTheSeededPersonsEmailLivesWithEveryHolderItsPathAndRetentionAndAuditIt(StackFixture stack) {
        try (RunningApi api = new RunningApi(stack)) {
            // Given the seed catalog and Alice's lineage in the graph
            api.clients.produceSeedScenario();
            api.catchUp();

            // When the DPO looks her up by her raw email, spelled differently than at ingest
            ApiClient.Reply reply = api.client.post("/v1/lookup", LOOKUP_ALICE);

            // Then every holder of her email is listed, direct and onward, each with the statement's retention
            assertThat(reply.status()).isEqualTo(200);
            JsonNode body = reply.json();
            assertThat(body.get("subjectIds").get(0).asText()).isEqualTo(ALICE);
            JsonNode email = category(body, SeedScenario.EMAIL);
            assertThat(holderIds(email))
                    .containsExactly(
                            "amazon-s3-database-backups",
                            "campaign-monitor",
                            "heroku",
                            "memcached-cloud",
                            "moneybird",
                            "postmark",
                            "smarttrackers-app",
                            "transip-vps-backups",
                            "zendesk");
            JsonNode postmark = holder(email, "postmark");
            assertThat(postmark.get("direct").asBoolean()).isTrue();
            assertThat(postmark.get("purposes").get(0).asText()).isEqualTo("transactional-mail");
            assertThat(postmark.get("legalBases").get(0).asText()).isEqualTo("CONTRACT");
            assertThat(Instant.parse(postmark.get("retentionUntil").asText()))
                    .isEqualTo(SeedScenario.postmarkRetention());
            assertThat(postmark.get("status").asText()).isEqualTo("HELD");
            assertThat(postmark.get("legalEntity").asText()).isEqualTo("WildBit LLC");
            assertThat(Instant.parse(
                            holder(email, "zendesk").get("retentionUntil").asText()))
                    .isEqualTo(SeedScenario.LAST_MAIL
                            .atZone(ZoneOffset.UTC)
                            .plusYears(1)
                            .toInstant());
            assertThat(Instant.parse(
                            holder(email, "moneybird").get("retentionUntil").asText()))
                    .isEqualTo(SeedScenario.LAST_MAIL
                            .atZone(ZoneOffset.UTC)
                            .plusYears(7)
                            .toInstant());
            JsonNode s3 = holder(email, "amazon-s3-database-backups");
            assertThat(s3.get("direct").asBoolean()).isFalse();
            assertThat(s3.get("path").toString()).isEqualTo("[\"smarttrackers-app\",\"transip-vps-backups\"]");
            assertThat(Instant.parse(s3.get("retentionUntil").asText()))
                    .isEqualTo(SeedScenario.LAST_MAIL
                            .atZone(ZoneOffset.UTC)
                            .plusYears(1)
                            .toInstant());
            assertThat(holder(email, "heroku").get("retentionUntil").isNull()).isTrue();
            assertThat(reply.body()).doesNotContainIgnoringCase(ALICE_EMAIL);

            // And a lookup by her phone finds the same person
            ApiClient.Reply byPhone = api.client.post("/v1/lookup", """
                    {"subject": {"phone": "024 2022680"}, "reason": "second identifier"}""");
            assertThat(byPhone.json().get("subjectIds").get(0).asText()).isEqualTo(ALICE);

            // And both lookups are in the audit trail: who, which pseudonymous subject, why; newest first, paginated
            JsonNode audit = api.client.get("/v1/audit?limit=1").json();
            assertThat(audit.get("items")).hasSize(1);
            JsonNode newest = audit.get("items").get(0);
            assertThat(newest.get("actor").asText()).isEqualTo("dpo@smarttrackers.nl");
            assertThat(newest.get("action").asText()).isEqualTo("subject.lookup");
            assertThat(newest.get("subjectIds").get(0).asText()).isEqualTo(ALICE);
            assertThat(newest.get("reason").asText()).isEqualTo("second identifier");
            JsonNode older = api.client
                    .get("/v1/audit?limit=1&cursor=" + audit.get("nextCursor").asText())
                    .json();
            assertThat(older.get("items").get(0).get("reason").asText())
                    .isEqualTo("DSR ticket 4711: where does her email live");
            assertThat(older.get("items").get(0).get("id").asText())
                    .isEqualTo(body.get("auditId").asText());
            assertThat(older.get("nextCursor").isNull()).isTrue();
            assertThat(api.client.get("/v1/audit?subjectId=nobody").json().get("items"))
                    .isEmpty();
        }
    }

    @Test
    void shouldRenderTheAccessReportAsJsonAndHtmlAndThePortabilityExport(StackFixture stack) {
        try (RunningApi api = new RunningApi(stack)) {
            api.clients.produceSeedScenario();
            api.catchUp();

            // When the DPO asks for the Art. 15 report as JSON
            JsonNode report =
                    api.client.post("/v1/reports/access", LOOKUP_ALICE).json();

            // Then it lists purposes, categories, recipients with country and retention, and sources
            assertThat(report.get("controller").asText()).isEqualTo("SmartTrackers B.V.");
            assertThat(texts(report.get("categories")))
                    .containsExactly("user.contact.email", "user.contact.phone_number", "user.name");
            assertThat(texts(report.get("purposes")))
                    .contains("transactional-mail", "newsletter", "invoicing", "backup");
            assertThat(texts(report.get("sources"))).containsExactly("smarttrackers-app");
            JsonNode s3 = null;
            for (JsonNode recipient : report.get("recipients")) {
                if (recipient.get("holder").asText().equals("amazon-s3-database-backups")) {
                    s3 = recipient;
                }
            }
            assertThat(s3).isNotNull();
            assertThat(s3.get("onward").asBoolean()).isTrue();
            assertThat(s3.get("country").asText()).isEqualTo("US");

            // And as HTML, by format parameter and by Accept header, for her subject id too
            ApiClient.Reply html = api.client.post("/v1/reports/access?format=html", LOOKUP_ALICE);
            assertThat(html.status()).isEqualTo(200);
            assertThat(html.contentType()).startsWith("text/html");
            assertThat(html.body())
                    .contains(
                            "<h1>Your personal data: access report</h1>",
                            "Postmark",
                            "WildBit LLC",
                            "transip-vps-backups \u2192");
            ApiClient.Reply bySubject = api.client.send(HttpRequest.newBuilder(api.client.uri(
                            "/v1/subjects/" + ALICE + "/access-report?reason=printing%20for%20the%20person"))
                    .header("Authorization", "Bearer " + ApiClient.DPO_TOKEN)
                    .header("Accept", "text/html")
                    .GET());
            assertThat(bySubject.status()).isEqualTo(200);
            assertThat(bySubject.contentType()).startsWith("text/html");

            // And the Art. 20 export carries identifiers, every location and where it came from
            ApiClient.Reply export = api.client.post("/v1/exports/portability", LOOKUP_ALICE);
            assertThat(export.status()).isEqualTo(200);
            JsonNode portable = export.json();
            assertThat(portable.get("format").asText()).isEqualTo("whereabouts.portability.v1");
            assertThat(portable.get("identifiers")).hasSize(2);
            assertThat(portable.get("locations"))
                    .hasSize(SeedScenario.aliceLineage().size());
            assertThat(portable.get("locations")
                            .get(0)
                            .get("sourceSystems")
                            .get(0)
                            .asText())
                    .isEqualTo("smarttrackers-app");
            assertThat(export.body()).doesNotContainIgnoringCase(ALICE_EMAIL);

            // And all three were audited
            JsonNode audit = api.client.get("/v1/audit?subjectId=" + ALICE).json();
            assertThat(audit.get("items"))
                    .extracting(n -> n.get("action").asText())
                    .containsExactly(
                            "subject.portability-export",
                            "subject.access-report",
                            "subject.access-report",
                            "subject.access-report");
        }
    }

    @Test
    void shouldFileAnErasureFollowItExtendItOnceAndRecordAManualHoldersOutcome(StackFixture stack) {
        try (RunningApi api = new RunningApi(stack)) {
            api.clients.produceSeedScenario();
            api.catchUp();

            // When the DPO files an erasure for Alice
            ApiClient.Reply filed = api.client.post("/v1/requests", """
                    {"type": "ERASURE", "subject": {"email": "alice@example.com"}, "receivedAt": "2026-01-31T10:00:00Z",
                     "note": "received by email"}""");

            // Then it is accepted with an id and the deadlines: one calendar month after receipt, which the
            // controller's four weeks reach on the same day in February; the identity is to be checked
            assertThat(filed.status()).isEqualTo(202);
            String requestId = filed.json().get("requestId").asText();
            assertThat(filed.json().get("deadline").asText()).isEqualTo("2026-02-28T10:00:00Z");
            assertThat(filed.json().get("deadlineBasis").asText()).isEqualTo("STATUTORY");
            assertThat(filed.json().get("statutoryDeadline").asText()).isEqualTo("2026-02-28T10:00:00Z");
            assertThat(filed.json().get("promisedDeadline").asText()).isEqualTo("2026-02-28T10:00:00Z");
            assertThat(filed.json().get("verificationMethod").asText()).isEqualTo(SeedScenario.VERIFICATION_METHOD);
            assertThat(filed.json().get("subjectId").asText()).isEqualTo(ALICE);

            // And the request is on Kafka, keyed by the pseudonym of her email
            List<ConsumerRecord<String, DataSubjectRequest>> onKafka = api.clients.readAll(Topics.DSR_REQUESTS, 1);
            assertThat(onKafka).hasSize(1);
            String emailPseudonym = SeedScenario.PSEUDONYMISER
                    .pseudonymise(IdentifierType.EMAIL, ALICE_EMAIL)
                    .getPseudonym();
            assertThat(onKafka.get(0).key()).isEqualTo(emailPseudonym);
            assertThat(onKafka.get(0).value().getRequestId()).isEqualTo(requestId);
            assertThat(onKafka.get(0).value().getType()).isEqualTo(RequestType.ERASURE);
            assertThat(onKafka.get(0).value().getRequestedBy()).isEqualTo("dpo@smarttrackers.nl");
            assertThat(onKafka.get(0).value().getDeadline()).isEqualTo(Instant.parse("2026-02-28T10:00:00Z"));
            assertThat(onKafka.get(0).value().getStatutoryDeadline()).isEqualTo(Instant.parse("2026-02-28T10:00:00Z"));
            assertThat(onKafka.get(0).value().getPromisedDeadline()).isEqualTo(Instant.parse("2026-02-28T10:00:00Z"));
            assertThat(onKafka.get(0).value().getVerificationMethod()).isEqualTo(SeedScenario.VERIFICATION_METHOD);

            // And it can be followed at once, before the topology reports
            JsonNode received = api.client.get("/v1/requests/" + requestId).json();
            assertThat(received.get("state").asText()).isEqualTo("RECEIVED");
            assertThat(received.get("overdue").asBoolean()).isTrue();
            assertThat(received.get("deadlineBasis").asText()).isEqualTo("STATUTORY");
            assertThat(received.get("verificationMethod").asText()).isEqualTo(SeedScenario.VERIFICATION_METHOD);

            // When the topology reports tasks: Postmark over Kafka, MoneyBird by email (restricted by its legal hold)
            api.clients.produce(Topics.DSR_STATUS, requestId, status(requestId));
            api.catchUp();
            JsonNode followed = api.client.get("/v1/requests/" + requestId).json();
            assertThat(followed.get("state").asText()).isEqualTo("IN_PROGRESS");
            assertThat(followed.get("tasks"))
                    .extracting(t -> t.get("holder").asText())
                    .containsExactly("moneybird", "postmark");
            assertThat(followed.get("tasks").get(0).get("erasureChannel").asText())
                    .isEqualTo("EMAIL");
            assertThat(followed.get("tasks").get(0).get("type").asText()).isEqualTo("RESTRICT");
            assertThat(followed.get("filedBy").asText()).isEqualTo("dpo@smarttrackers.nl");

            // When the deadline is extended by two months, with a reason
            ApiClient.Reply extended = api.client.post(
                    "/v1/requests/" + requestId + "/extension",
                    "{\"reason\": \"complex request: many holders\", \"months\": 2}");
            // Then the extension is on Kafka for the topology, two months after the statutory deadline
            assertThat(extended.status()).isEqualTo(202);
            assertThat(extended.json().get("kind").asText()).isEqualTo("EXTEND");
            assertThat(extended.json().get("extendedDeadline").asText()).isEqualTo("2026-04-28T10:00:00Z");
            List<ConsumerRecord<String, RequestDecision>> decisions = api.clients.readAll(Topics.DSR_DECISIONS, 1);
            assertThat(decisions).hasSize(1);
            assertThat(decisions.get(0).key()).isEqualTo(requestId);
            RequestDecision extension = decisions.get(0).value();
            assertThat(extension.getKind()).isEqualTo(DecisionKind.EXTEND);
            assertThat(extension.getExtendedDeadline()).isEqualTo(Instant.parse("2026-04-28T10:00:00Z"));
            assertThat(extension.getNote()).isEqualTo("complex request: many holders");
            assertThat(extension.getDecidedBy()).isEqualTo("dpo@smarttrackers.nl");
            assertThat(extension.getDecisionId())
                    .isEqualTo(extended.json().get("decisionId").asText());
            // And the request shows it once the topology reports it, and a second extension is refused
            api.clients.produce(
                    Topics.DSR_STATUS,
                    requestId,
                    RequestStatus.newBuilder(status(requestId))
                            .setDeadline(Instant.parse("2026-04-28T10:00:00Z"))
                            .setDeadlineBasis("EXTENSION")
                            .setStatutoryDeadline(Instant.parse("2026-02-28T10:00:00Z"))
                            .setExtensionReason("complex request: many holders")
                            .setUpdatedAt(Instant.parse("2026-02-02T10:00:00Z"))
                            .build());
            api.catchUp();
            JsonNode afterExtension =
                    api.client.get("/v1/requests/" + requestId).json();
            assertThat(afterExtension.get("deadline").asText()).isEqualTo("2026-04-28T10:00:00Z");
            assertThat(afterExtension.get("deadlineBasis").asText()).isEqualTo("EXTENSION");
            assertThat(afterExtension.get("statutoryDeadline").asText()).isEqualTo("2026-02-28T10:00:00Z");
            assertThat(afterExtension.get("extensionReason").asText()).isEqualTo("complex request: many holders");
            ApiClient.Reply again =
                    api.client.post("/v1/requests/" + requestId + "/extension", "{\"reason\": \"more time\"}");
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.contentType()).isEqualTo("application/problem+json");
            assertThat(again.json().get("detail").asText()).contains("extended before");

            // When the DPO records MoneyBird's emailed answer
            ApiClient.Reply outcome = api.client.post("/v1/requests/" + requestId + "/outcomes", """
                    {"holder": "moneybird", "outcome": "RESTRICTED", "evidence": "MoneyBird ticket MB-2231"}""");
            assertThat(outcome.status()).isEqualTo(202);
            List<ConsumerRecord<String, HolderOutcome>> outcomes = api.clients.readAll(Topics.DSR_OUTCOMES, 1);
            assertThat(outcomes).hasSize(1);
            assertThat(outcomes.get(0).key()).isEqualTo(requestId);
            assertThat(outcomes.get(0).value().getTaskId()).isEqualTo(requestId + "/moneybird");
            assertThat(outcomes.get(0).value().getOutcome()).isEqualTo(OutcomeType.RESTRICTED);
            assertThat(outcomes.get(0).value().getEvidence()).isEqualTo("MoneyBird ticket MB-2231");
            assertThat(outcomes.get(0).value().getReportedBy()).isEqualTo("dpo@smarttrackers.nl");

            // Then an outcome that does not fit the task is refused, naming the outcomes it takes
            ApiClient.Reply misfit = api.client.post("/v1/requests/" + requestId + "/outcomes", """
                    {"holder": "moneybird", "outcome": "EXPORTED", "evidence": "x"}""");
            assertThat(misfit.status()).isEqualTo(422);
            assertThat(misfit.json().get("errors").get(0).get("field").asText()).isEqualTo("/outcome");
            assertThat(misfit.json().get("errors").get(0).get("reason").asText())
                    .isEqualTo(
                            "a RESTRICT task cannot be closed as EXPORTED; it takes [RESTRICTED, NOT_FOUND, FAILED]");

            // And outcomes for a Kafka holder or a holder without a task are refused, naming the field
            ApiClient.Reply kafkaHolder = api.client.post("/v1/requests/" + requestId + "/outcomes", """
                    {"holder": "postmark", "outcome": "ERASED", "evidence": "x"}""");
            assertThat(kafkaHolder.status()).isEqualTo(409);
            assertThat(kafkaHolder.json().get("errors").get(0).get("field").asText())
                    .isEqualTo("/holder");
            ApiClient.Reply noTask = api.client.post("/v1/requests/" + requestId + "/outcomes", """
                    {"holder": "vimeo", "outcome": "ERASED", "evidence": "x"}""");
            assertThat(noTask.status()).isEqualTo(422);
            assertThat(noTask.json().get("errors").get(0).get("field").asText()).isEqualTo("/holder");
            ApiClient.Reply badHolder = api.client.post("/v1/requests/" + requestId + "/outcomes", """
                    {"holder": "billing_v2", "outcome": "ERASED", "evidence": "x"}""");
            assertThat(badHolder.status()).isEqualTo(422);
            assertThat(badHolder.json().get("errors").get(0).get("field").asText())
                    .isEqualTo("/holder");
            assertThat(badHolder.json().get("errors").get(0).get("reason").asText())
                    .isEqualTo("must be " + HolderId.RULE);
            assertThat(badHolder.body()).doesNotContain("billing_v2");
            // Every bad field of one body is reported in one answer
            ApiClient.Reply twoBad = api.client.post("/v1/requests/" + requestId + "/outcomes", """
                    {"holder": "Billing", "outcome": "SHREDDED", "evidence": "x"}""");
            assertThat(twoBad.status()).isEqualTo(422);
            assertThat(twoBad.json().get("errors"))
                    .extracting(e -> e.get("field").asText())
                    .containsExactlyInAnyOrder("/holder", "/outcome");

            // And the request list pages through, filterable by state
            api.client.post("/v1/requests", "{\"type\": \"ACCESS\", \"subject\": {\"email\": \"alice@example.com\"}}");
            JsonNode page = api.client.get("/v1/requests?limit=1").json();
            assertThat(page.get("items")).hasSize(1);
            assertThat(page.get("items").get(0).get("type").asText()).isEqualTo("ACCESS");
            JsonNode next = api.client
                    .get("/v1/requests?limit=1&cursor=" + page.get("nextCursor").asText())
                    .json();
            assertThat(next.get("items").get(0).get("requestId").asText()).isEqualTo(requestId);
            assertThat(api.client.get("/v1/requests?state=IN_PROGRESS").json().get("items"))
                    .hasSize(1);
            assertThat(api.client.get("/v1/requests?state=received").json().get("items"))
                    .extracting(r -> r.get("type").asText())
                    .containsExactly("ACCESS");
            // and by overdue, as the topology flags it
            api.clients.produce(
                    Topics.DSR_STATUS,
                    requestId,
                    RequestStatus.newBuilder(status(requestId))
                            .setOverdue(true)
                            .setUpdatedAt(Instant.parse("2026-03-01T10:00:00Z"))
                            .build());
            api.catchUp();
            assertThat(api.client.get("/v1/requests?overdue=true").json().get("items"))
                    .extracting(r -> r.get("requestId").asText())
                    .containsExactly(requestId);
            assertThat(api.client.get("/v1/requests?overdue=false").json().get("items"))
                    .extracting(r -> r.get("type").asText())
                    .containsExactly("ACCESS");

            // And every request action is audited
            JsonNode audit = api.client.get("/v1/audit?action=request.extend").json();
            assertThat(audit.get("items")).hasSize(1);
            assertThat(audit.get("items").get(0).get("requestId").asText()).isEqualTo(requestId);
            assertThat(api.client.get("/v1/audit?action=request.file").json().get("items"))
                    .hasSize(2);
            assertThat(api.client.get("/v1/audit?action=request.outcome").json().get("items"))
                    .hasSize(1);
        }
    }

    @Test
    void shouldListHoldersAndProduceRopaRetentionFindingsAndDrift(StackFixture stack) {
        try (RunningApi api = new RunningApi(stack)) {
            api.clients.produceSeedScenario();
            api.clients.produce(
                    Topics.RETENTION_FINDINGS,
                    "f-1",
                    RetentionFinding.newBuilder()
                            .setFindingId("f-1")
                            .setSubjectId(ALICE)
                            .setCategory(SeedScenario.EMAIL)
                            .setHolder("postmark")
                            .setKind(FindingKind.RETENTION_EXPIRED)
                            .setLastSharedAt(SeedScenario.LAST_MAIL)
                            .setDueAt(SeedScenario.postmarkRetention())
                            .setDetectedAt(SeedScenario.postmarkRetention().plusSeconds(60))
                            .setResolved(false)
                            .setRule("Postmark keeps mail data 45 days (catalog)")
                            .build());
            api.catchUp();

            // Holders page by cursor
            JsonNode first = api.client.get("/v1/holders?limit=5").json();
            assertThat(first.get("items")).hasSize(5);
            List<String> ids = new ArrayList<>();
            JsonNode page = first;
            while (true) {
                page.get("items").forEach(h -> ids.add(h.get("id").asText()));
                if (page.get("nextCursor").isNull()) {
                    break;
                }
                page = api.client
                        .get("/v1/holders?limit=5&cursor="
                                + page.get("nextCursor").asText())
                        .json();
            }
            assertThat(ids).hasSize(SeedScenario.holders().size()).isSorted();

            // One holder: categories it holds, how many people, its findings
            JsonNode postmark = api.client.get("/v1/holders/postmark").json();
            assertThat(postmark.get("holder").get("displayName").asText()).isEqualTo("Postmark");
            assertThat(postmark.get("people").asLong()).isEqualTo(1);
            assertThat(postmark.get("categories"))
                    .extracting(c -> c.get("category").asText())
                    .containsExactly("user.contact.email", "user.contact.phone_number");
            assertThat(postmark.get("openFindings").asLong()).isEqualTo(1);
            assertThat(postmark.get("findings").get(0).get("rule").asText()).contains("45 days");
            assertThat(postmark.get("retention").get(0).get("retention").asText())
                    .isEqualTo("P45D");
            JsonNode moneybird = api.client.get("/v1/holders/moneybird").json();
            assertThat(moneybird.get("legalHolds").get(0).asText()).contains("7 years", "P7Y");

            // Retention findings, filtered by holder
            JsonNode findings =
                    api.client.get("/v1/findings/retention?holder=postmark").json();
            assertThat(findings.get("items")).hasSize(1);
            assertThat(findings.get("items").get(0).get("kind").asText()).isEqualTo("RETENTION_EXPIRED");
            assertThat(api.client
                            .get("/v1/findings/retention?holder=zendesk")
                            .json()
                            .get("items"))
                    .isEmpty();

            // ROPA in three formats
            JsonNode ropa = api.client.get("/v1/ropa?limit=100").json();
            assertThat(ropa.get("items")).hasSize(SeedScenario.holders().size());
            JsonNode campaign = null;
            for (JsonNode entry : ropa.get("items")) {
                if (entry.get("holder").asText().equals("campaign-monitor")) {
                    campaign = entry;
                }
            }
            assertThat(campaign.get("thirdCountry").asBoolean()).isTrue();
            assertThat(texts(campaign.get("observedCategories"))).containsExactly(SeedScenario.EMAIL);
            ApiClient.Reply csv = api.client.get("/v1/ropa?format=csv");
            assertThat(csv.contentType()).startsWith("text/csv");
            assertThat(csv.body().split("\r\n")).hasSize(SeedScenario.holders().size() + 1);
            assertThat(csv.body())
                    .contains("transip-vps-backups,TransIP (VPS backups),Trans IP B.V.,NL,no,PROCESSOR,yes");
            ApiClient.Reply markdown = api.client.get("/v1/ropa?format=markdown");
            assertThat(markdown.body())
                    .startsWith("# Record of processing activities (GDPR Art. 30)")
                    .contains("| postmark | Postmark | WildBit LLC | US | yes |");

            // Drift: the phone number at Postmark is observed but not declared; Vimeo-like declarations never observed
            JsonNode drift = api.client
                    .get("/v1/findings/drift?kind=OBSERVED_NOT_DECLARED")
                    .json();
            assertThat(drift.get("items")).hasSize(1);
            assertThat(drift.get("items").get(0).get("holder").asText()).isEqualTo("postmark");
            assertThat(drift.get("items").get(0).get("category").asText()).isEqualTo("user.contact.phone_number");
            JsonNode unobserved = api.client
                    .get("/v1/findings/drift?kind=DECLARED_NOT_OBSERVED&limit=500")
                    .json();
            assertThat(unobserved.get("items"))
                    .extracting(f -> f.get("holder").asText())
                    .contains("google-analytics", "amazon-s3-file-backups");
            assertThat(api.client
                            .get("/v1/findings/drift?kind=FLOW_DECLARED_NOT_OBSERVED")
                            .json()
                            .get("items"))
                    .isEmpty();
            JsonNode pageOfDrift =
                    api.client.get("/v1/findings/drift?limit=2&offset=1").json();
            assertThat(pageOfDrift.get("items")).hasSize(2);
            assertThat(pageOfDrift.get("nextOffset").asInt()).isEqualTo(3);
        }
    }

    @Test
    void shouldRefuseBadInputWithProblemDetailsThatNameTheFieldAndNeverEchoIdentifiers(StackFixture stack) {
        try (RunningApi api = new RunningApi(stack)) {
            ApiClient client = api.client;
            // Authentication and roles
            assertProblem(
                    client.send(
                            HttpRequest.newBuilder(client.uri("/v1/holders")).GET()),
                    401,
                    null);
            assertProblem(
                    client.send(HttpRequest.newBuilder(client.uri("/v1/holders"))
                            .header("Authorization", "Bearer wrong-token-000000000")
                            .GET()),
                    401,
                    null);
            assertProblem(
                    client.send(HttpRequest.newBuilder(client.uri("/v1/holders"))
                            .header("Authorization", "Bearer " + ApiClient.ENGINEER_TOKEN)
                            .GET()),
                    403,
                    null);
            // Routing
            assertProblem(client.get("/v1/nothing-here"), 404, null);
            assertProblem(client.get("/v1/lookup"), 405, null);
            // Bodies
            assertProblem(
                    client.send(HttpRequest.newBuilder(client.uri("/v1/lookup"))
                            .header("Authorization", "Bearer " + ApiClient.DPO_TOKEN)
                            .header("Content-Type", "text/plain")
                            .POST(HttpRequest.BodyPublishers.ofString("hi"))),
                    415,
                    "Content-Type");
            assertProblem(client.post("/v1/lookup", "{\"subject\": "), 400, "body");
            assertProblem(client.post("/v1/lookup", "[1, 2]"), 400, "body");
            assertProblem(
                    client.post("/v1/lookup", "{\"subject\": {\"email\": \"" + "a".repeat(20_000) + "\"}}"), 413, null);
            ApiClient.Reply badEmail =
                    client.post("/v1/lookup", "{\"subject\": {\"email\": \"bob-at-example.org\"}, \"reason\": \"r\"}");
            assertProblem(badEmail, 422, "/subject/email");
            assertThat(badEmail.body()).doesNotContain("bob-at-example.org");
            assertProblem(client.post("/v1/lookup", "{\"subject\": {\"email\": \"bob@example.org\"}}"), 422, "/reason");
            assertProblem(client.post("/v1/lookup", "{\"subject\": {}, \"reason\": \"r\"}"), 422, "/subject");
            assertProblem(
                    client.post("/v1/lookup", "{\"subject\": {\"ssn\": \"1\"}, \"reason\": \"r\"}"),
                    422,
                    "/subject/ssn");
            assertProblem(
                    client.post(
                            "/v1/lookup",
                            "{\"subject\": {\"email\": \"bob@example.org\"}, \"reason\": \"r\", \"x\": 1}"),
                    422,
                    "/x");
            // Nobody known by that identifier: 404, and the attempt is audited
            ApiClient.Reply unknown =
                    client.post("/v1/lookup", "{\"subject\": {\"email\": \"bob@example.org\"}, \"reason\": \"r\"}");
            assertProblem(unknown, 404, null);
            assertThat(unknown.body()).doesNotContain("bob@example.org");
            assertThat(client.get("/v1/audit")
                            .json()
                            .get("items")
                            .get(0)
                            .get("outcome")
                            .asText())
                    .isEqualTo("not-found");
            // a well-formed id nobody has is looked up (and audited); an id the platform never makes is refused
            assertProblem(client.get("/v1/subjects/s-" + "0".repeat(64) + "/access-report?reason=r"), 404, null);
            assertProblem(client.get("/v1/subjects/nobody/access-report"), 400, "reason");
            ApiClient.Reply badSubject = client.get("/v1/subjects/nobody/access-report?reason=r");
            assertProblem(badSubject, 400, "subjectId");
            assertThat(badSubject.json().get("errors").get(0).get("reason").asText())
                    .isEqualTo("must be " + SubjectId.RULE);
            assertThat(badSubject.json().get("detail").asText()).doesNotContain("nobody");
            ApiClient.Reply badHolder = client.get("/v1/holders/Not_A_Holder");
            assertProblem(badHolder, 400, "holderId");
            assertThat(badHolder.json().get("errors").get(0).get("reason").asText())
                    .isEqualTo("must be " + HolderId.RULE);
            // (the problem's "instance" is the request's own path, so only detail and errors are checked)
            assertThat(badHolder.json().get("detail").asText()).doesNotContain("Not_A_Holder");
            assertThat(badHolder.json().get("errors").toString()).doesNotContain("Not_A_Holder");
            // Query parameters
            assertProblem(client.get("/v1/holders?limit=0"), 400, "limit");
            assertProblem(client.get("/v1/holders?limit=many"), 400, "limit");
            assertProblem(client.get("/v1/holders?cursor=not-a-cursor"), 400, "cursor");
            assertProblem(client.get("/v1/audit?cursor=" + Pagination.encode(List.of("x"))), 400, "cursor");
            assertProblem(client.get("/v1/audit?cursor=" + Pagination.encode(List.of("x", "y"))), 400, "cursor");
            assertProblem(client.get("/v1/ropa?format=pdf"), 400, "format");
            assertProblem(client.post("/v1/reports/access?format=pdf", LOOKUP_ALICE), 400, "format");
            assertProblem(client.get("/v1/requests?state=DONE"), 400, "state");
            assertProblem(client.get("/v1/requests?type=DELETE"), 400, "type");
            assertProblem(client.get("/v1/findings/retention?resolved=maybe"), 400, "resolved");
            assertProblem(client.get("/v1/findings/retention?kind=TOO_OLD"), 400, "kind");
            assertProblem(client.get("/v1/findings/drift?kind=SOME"), 400, "kind");
            assertProblem(client.get("/v1/findings/drift?offset=-1"), 400, "offset");
            // Unknown ids
            assertProblem(client.get("/v1/requests/no-such-request"), 404, null);
            assertProblem(client.get("/v1/holders/no-such-holder"), 404, null);
            assertProblem(client.post("/v1/requests/no-such-request/extension", "{\"reason\": \"r\"}"), 404, null);
            assertProblem(
                    client.post(
                            "/v1/requests/no-such-request/outcomes",
                            "{\"holder\": \"moneybird\", \"outcome\": \"ERASED\", \"evidence\": \"e\"}"),
                    404,
                    null);
            // Request bodies
            assertProblem(
                    client.post(
                            "/v1/requests", "{\"type\": \"DELETE\", \"subject\": {\"email\": \"bob@example.org\"}}"),
                    422,
                    "/type");
            assertProblem(client.post("/v1/requests", "{\"type\": \"ERASURE\"}"), 422, "/subject");
            assertProblem(
                    client.post(
                            "/v1/requests",
                            "{\"type\": \"ERASURE\", \"subject\": {\"email\": \"bob@example.org\"},"
                                    + " \"scope\": [\"User Email\"]}"),
                    422,
                    "/scope/0");
            assertProblem(
                    client.post(
                            "/v1/requests",
                            "{\"type\": \"ERASURE\", \"subject\": {\"email\": \"bob@example.org\"},"
                                    + " \"receivedAt\": \"yesterday\"}"),
                    422,
                    "/receivedAt");
            assertProblem(
                    client.post(
                            "/v1/requests",
                            "{\"type\": \"ERASURE\", \"subject\": {\"email\": \"bob@example.org\"},"
                                    + " \"receivedAt\": \"2999-01-01T00:00:00Z\"}"),
                    422,
                    "/receivedAt");
            assertProblem(
                    client.post(
                            "/v1/requests",
                            "{\"type\": \"ERASURE\", \"subject\": {\"email\": \"bob@example.org\"},"
                                    + " \"requestId\": \"not-a-uuid\"}"),
                    422,
                    "/requestId");
            assertProblem(
                    client.post("/v1/requests/x/extension", "{\"reason\": \"r\", \"months\": 3}"), 422, "/months");
            assertProblem(client.post("/v1/requests/x/extension", "{}"), 422, "/reason");
            assertProblem(
                    client.post("/v1/requests/x/outcomes", "{\"holder\": \"moneybird\", \"outcome\": \"DONE\"}"),
                    422,
                    "/outcome");
            assertProblem(
                    client.post("/v1/requests/x/outcomes", "{\"holder\": \"moneybird\", \"outcome\": \"ERASED\"}"),
                    422,
                    "/evidence");
            // Open endpoints
            ApiClient.Reply openApi = client.send(
                    HttpRequest.newBuilder(client.uri("/openapi.yaml")).GET());
            assertThat(openApi.status()).isEqualTo(200);
            assertThat(openApi.body()).startsWith("openapi: 3.0.3");
            assertThat(client.send(HttpRequest.newBuilder(client.uri("/health")).GET())
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void shouldTakeEveryDecisionOnARequestForTheTopologyAndRefuseWhatItsStateDoesNotAllow(StackFixture stack) {
        try (RunningApi api = new RunningApi(stack)) {
            api.clients.produceSeedScenario();
            api.catchUp();
            String requestId =
                    api.client.post("/v1/requests", """
                            {"type": "ERASURE", "subject": {"email": "alice@example.com"},
                             "receivedAt": "2026-01-31T10:00:00Z"}""").json().get("requestId").asText();
            String at = "/v1/requests/" + requestId;
            String verifyBody = """
                    {"verified": true, "method": "ID_DOCUMENT_COPY", "note": "photo, MRZ, passport number and BSN blacked out"}""";

            // Given a request the topology has not reported yet: RECEIVED, so there is no identity to check yet
            ApiClient.Reply tooEarly = api.client.post(at + "/verification", verifyBody);
            assertProblem(tooEarly, 409, "requestId");
            assertThat(tooEarly.json().get("detail").asText()).contains("the request is RECEIVED");

            // When the topology asks for verification
            produceStatus(api, requestId, RequestState.AWAITING_VERIFICATION, 1, b -> {});
            // Then a check by another method than the catalog's is refused, naming the method it needs
            ApiClient.Reply otherMethod = api.client.post(at + "/verification", """
                    {"verified": true, "method": "VIDEO_CALL", "note": "looked at the person"}""");
            assertProblem(otherMethod, 422, "/method");
            assertThat(otherMethod.json().get("errors").get(0).get("reason").asText())
                    .endsWith(SeedScenario.VERIFICATION_METHOD);

            // When the DPO asks the person for information, and it arrives
            ApiClient.Reply asked = api.client.post(
                    at + "/information-requests", "{\"note\": \"which account: two accounts share the name\"}");
            assertThat(asked.status()).isEqualTo(202);
            assertThat(asked.json().get("kind").asText()).isEqualTo("REQUEST_INFORMATION");
            produceStatus(
                    api,
                    requestId,
                    RequestState.AWAITING_INFORMATION,
                    2,
                    b -> b.setInformationRequest(InformationRequest.newBuilder()
                            .setAskedAt(Instant.parse("2026-02-02T10:00:00Z"))
                            .setAskedBy("dpo@smarttrackers.nl")
                            .setNote("which account: two accounts share the name")
                            .build()));
            JsonNode waiting = api.client.get(at).json();
            assertThat(waiting.get("informationRequest").get("note").asText())
                    .isEqualTo("which account: two accounts share the name");
            assertThat(waiting.get("informationRequest").get("answeredAt").isNull())
                    .isTrue();
            assertThat(api.client.post(at + "/information", "{}").status()).isEqualTo(202);

            // And the identity cannot be established
            ApiClient.Reply rejected = api.client.post(at + "/verification", """
                    {"verified": false, "method": "ID_DOCUMENT_COPY", "note": "the name on the document differs from the account's"}""");
            assertThat(rejected.status()).isEqualTo(202);
            assertThat(rejected.json().get("kind").asText()).isEqualTo("REJECT");
            assertThat(rejected.json().get("notice").asText())
                    .startsWith("SmartTrackers B.V. cannot act on your request")
                    .contains("the name on the document differs from the account's", "Autoriteit Persoonsgegevens");

            // Then the three decisions are on Kafka, keyed by the request, in order
            List<ConsumerRecord<String, RequestDecision>> decisions = api.clients.readAll(Topics.DSR_DECISIONS, 3);
            assertThat(decisions).extracting(ConsumerRecord::key).containsOnly(requestId);
            assertThat(decisions)
                    .extracting(d -> d.value().getKind())
                    .containsExactly(
                            DecisionKind.REQUEST_INFORMATION, DecisionKind.INFORMATION_RECEIVED, DecisionKind.REJECT);
            RequestDecision reject = decisions.get(2).value();
            assertThat(reject.getGround()).isEqualTo(RefusalGround.IDENTITY_NOT_ESTABLISHED);
            assertThat(reject.getMethod()).isEqualTo(SeedScenario.VERIFICATION_METHOD);
            assertThat(reject.getNotice())
                    .isEqualTo(rejected.json().get("notice").asText());
            assertThat(reject.getDecidedBy()).isEqualTo("dpo@smarttrackers.nl");

            // When the topology reports the rejection
            produceStatus(
                    api,
                    requestId,
                    RequestState.REJECTED,
                    3,
                    b -> b.setVerification(VerificationRecord.newBuilder()
                                    .setMethod(SeedScenario.VERIFICATION_METHOD)
                                    .setVerified(false)
                                    .setDecidedBy("dpo@smarttrackers.nl")
                                    .setDecidedAt(Instant.parse("2026-02-05T10:00:00Z"))
                                    .setNote("the name on the document differs from the account's")
                                    .build())
                            .setRefusal(Refusal.newBuilder()
                                    .setGround(RefusalGround.IDENTITY_NOT_ESTABLISHED)
                                    .setReason("the name on the document differs from the account's")
                                    .setNotice(reject.getNotice())
                                    .setDecidedBy("dpo@smarttrackers.nl")
                                    .setDecidedAt(Instant.parse("2026-02-05T10:00:00Z"))
                                    .build()));
            // Then the request shows who checked, how, and the notice the person gets
            JsonNode shown = api.client.get(at).json();
            assertThat(shown.get("state").asText()).isEqualTo("REJECTED");
            assertThat(shown.get("verification").get("verified").asBoolean()).isFalse();
            assertThat(shown.get("verification").get("method").asText()).isEqualTo(SeedScenario.VERIFICATION_METHOD);
            assertThat(shown.get("verification").get("decidedBy").asText()).isEqualTo("dpo@smarttrackers.nl");
            assertThat(shown.get("refusal").get("ground").asText()).isEqualTo("IDENTITY_NOT_ESTABLISHED");
            assertThat(shown.get("refusal").get("notice").asText()).isEqualTo(reject.getNotice());
            // And a finished request takes no more decisions, each refusal naming its state
            for (String decision : List.of(
                    "/refusal\n{\"ground\": \"EXCESSIVE\", \"reason\": \"r\"}",
                    "/extension\n{\"reason\": \"r\"}",
                    "/information-requests\n{\"note\": \"n\"}",
                    "/information\n{}",
                    "/verification\n" + verifyBody)) {
                String[] pathAndBody = decision.split("\n", 2);
                ApiClient.Reply refused = api.client.post(at + pathAndBody[0], pathAndBody[1]);
                assertProblem(refused, 409, "requestId");
                assertThat(refused.json().get("detail").asText()).contains("the request is REJECTED");
            }

            // When the DPO refuses an access request as excessive, before any holder is asked
            String access = api.client
                    .post("/v1/requests", "{\"type\": \"ACCESS\", \"subject\": {\"email\": \"alice@example.com\"}}")
                    .json()
                    .get("requestId")
                    .asText();
            ApiClient.Reply refusal = api.client.post("/v1/requests/" + access + "/refusal", """
                    {"ground": "EXCESSIVE", "reason": "the fourth identical access request this month"}""");
            // Then the refusal and its notice are on Kafka
            assertThat(refusal.status()).isEqualTo(202);
            List<ConsumerRecord<String, RequestDecision>> ofAccess =
                    api.clients.readAll(Topics.DSR_DECISIONS, 4).stream()
                            .filter(d -> d.key().equals(access))
                            .toList();
            assertThat(ofAccess).hasSize(1);
            RequestDecision refuse = ofAccess.get(0).value();
            assertThat(refuse.getKind()).isEqualTo(DecisionKind.REFUSE);
            assertThat(refuse.getGround()).isEqualTo(RefusalGround.EXCESSIVE);
            assertThat(refuse.getNotice()).contains("excessive", "the fourth identical access request this month");

            // And every decision is audited
            for (String action : List.of(
                    "request.ask-information", "request.information-received", "request.reject", "request.refuse")) {
                JsonNode entries =
                        api.client.get("/v1/audit?action=" + action).json().get("items");
                assertThat(entries).as(action).hasSize(1);
                assertThat(entries.get(0).get("outcome").asText()).isEqualTo("accepted");
                assertThat(entries.get(0).get("subjectIds").get(0).asText()).isEqualTo(ALICE);
            }
        }
    }

    @Test
    void shouldShowEveryFieldOfTheTopologysStatusAndTasks(StackFixture stack) {
        try (RunningApi api = new RunningApi(stack)) {
            api.clients.produceCatalog();
            // Given a status as the topology reports it, with every field set
            String requestId = "0b6f9a52-2f0e-4c57-9d35-4f3c6f8e2a11";
            api.clients.produce(
                    Topics.DSR_STATUS,
                    requestId,
                    RequestStatuses.everything(requestId, Instant.parse("2026-03-20T10:00:00Z")));
            api.catchUp();

            // When the DPO follows it
            JsonNode request = api.client.get("/v1/requests/" + requestId).json();

            // Then every field shows (and the answer matches the OpenAPI document, as every answer here)
            assertThat(request.get("state").asText()).isEqualTo("PARTIALLY_COMPLETED");
            assertThat(request.get("deadline").asText()).isEqualTo("2026-04-30T10:00:00Z");
            assertThat(request.get("deadlineBasis").asText()).isEqualTo("EXTENSION");
            assertThat(request.get("statutoryDeadline").asText()).isEqualTo("2026-03-02T10:00:00Z");
            assertThat(request.get("promisedDeadline").asText()).isEqualTo("2026-03-02T10:00:00Z");
            assertThat(request.get("overdue").asBoolean()).isFalse();
            assertThat(request.get("verification").get("note").asText())
                    .isEqualTo("photo, MRZ, passport number and BSN blacked out");
            assertThat(request.get("informationRequest").get("answeredAt").asText())
                    .isEqualTo("2026-02-04T09:00:00Z");
            assertThat(request.get("informationRequest").get("pausedMillis").asLong())
                    .isEqualTo(172_800_000L);
            assertThat(request.get("refusal").isNull()).isTrue();
            assertThat(texts(request.get("failedHolders"))).containsExactly("moneybird");
            assertThat(texts(request.get("escalatedTasks"))).containsExactly(requestId + "/moneybird");
            assertThat(request.get("answer").asText()).startsWith("We erased your e-mail address");
            JsonNode moneybird = request.get("tasks").get(0);
            assertThat(moneybird.get("erasureChannel").asText()).isEqualTo("EMAIL");
            assertThat(moneybird.get("state").asText()).isEqualTo("FAILED");
            assertThat(moneybird.get("escalated").asBoolean()).isTrue();
            assertThat(moneybird.get("remindedAt").asText()).isEqualTo("2026-03-19T10:00:00Z");
            assertThat(moneybird.get("answerBy").asText()).isEqualTo("2026-04-03T10:00:00Z");
            JsonNode postmark = request.get("tasks").get(1);
            assertThat(postmark.get("type").asText()).isEqualTo("EXPIRES");
            assertThat(postmark.get("state").asText()).isEqualTo("EXPIRED");
            assertThat(postmark.get("expiresAt").asText()).isEqualTo("2026-03-15T00:00:00Z");
            assertThat(postmark.get("overdue").asBoolean()).isFalse();
            assertThat(api.client
                            .get("/v1/requests?state=PARTIALLY_COMPLETED")
                            .json()
                            .get("items"))
                    .hasSize(1);

            // And a later status clears what it no longer carries
            api.clients.produce(
                    Topics.DSR_STATUS,
                    requestId,
                    RequestStatus.newBuilder(
                                    RequestStatuses.everything(requestId, Instant.parse("2026-03-21T10:00:00Z")))
                            .setState(RequestState.COMPLETED)
                            .setFailedHolders(List.of())
                            .setInformationRequest(null)
                            .build());
            api.catchUp();
            JsonNode completed = api.client.get("/v1/requests/" + requestId).json();
            assertThat(completed.get("state").asText()).isEqualTo("COMPLETED");
            assertThat(completed.get("failedHolders")).isEmpty();
            assertThat(completed.get("informationRequest").isNull()).isTrue();
        }
    }

    @Test
    void shouldTakeAHoldersAnswerOnTheCallbackUrlOnceAndAuditEveryCall(StackFixture stack) {
        try (RunningApi api = new RunningApi(stack)) {
            api.clients.produceSeedScenario();
            api.catchUp();
            String requestId =
                    api.client.post("/v1/requests", """
                            {"type": "ERASURE", "subject": {"email": "alice@example.com"},
                             "receivedAt": "2026-01-31T10:00:00Z"}""").json().get("requestId").asText();
            // Given tasks for MoneyBird (e-mail), Zendesk (webhook), Postmark (Kafka) and a closed one for Campaign
            // Monitor
            Instant issued = Instant.parse("2026-02-01T10:00:00Z");
            api.clients.produce(
                    Topics.DSR_STATUS,
                    requestId,
                    RequestStatuses.status(requestId, RequestType.ERASURE, RequestState.IN_PROGRESS, issued)
                            .setTasks(List.of(
                                    RequestStatuses.task(requestId, "campaign-monitor", TaskType.ERASE, issued)
                                            .setState(TaskState.ERASED)
                                            .build(),
                                    RequestStatuses.task(requestId, "moneybird", TaskType.ERASE, issued)
                                            .build(),
                                    RequestStatuses.task(requestId, "postmark", TaskType.ERASE, issued)
                                            .build(),
                                    RequestStatuses.task(requestId, "zendesk", TaskType.ERASE, issued)
                                            .build()))
                            .build());
            api.catchUp();
            String moneybird = requestId + "/moneybird";
            String zendesk = requestId + "/zendesk";

            // When MoneyBird opens the link from its e-mail
            ApiClient.Reply form = api.client.send(HttpRequest.newBuilder(
                            api.client.uri(callback(moneybird) + "?token=" + api.tokens.token(moneybird)))
                    .GET());
            // Then it gets a form with the outcomes an erasure takes, posting back with its token
            assertThat(form.status()).isEqualTo(200);
            assertThat(form.contentType()).startsWith("text/html");
            assertThat(form.body())
                    .contains("action=\"" + callback(moneybird) + "\"", "value=\"" + api.tokens.token(moneybird) + "\"")
                    .contains("value=\"ERASED\"", "value=\"NOT_FOUND\"")
                    .doesNotContain("value=\"EXPORTED\"");

            // When it sends the form with an outcome an erasure does not take
            ApiClient.Reply misfit = form(
                    api, moneybird, "token=" + api.tokens.token(moneybird) + "&outcome=EXPORTED&evidence=ticket+MB-1");
            assertProblem(misfit, 422, "/outcome");
            // and then with its answer
            ApiClient.Reply accepted = form(
                    api, moneybird, "token=" + api.tokens.token(moneybird) + "&outcome=ERASED&evidence=ticket+MB-1");
            // Then it is accepted and on Kafka for the topology, reported by MoneyBird via the callback
            assertThat(accepted.status()).isEqualTo(202);
            assertThat(accepted.json().get("taskId").asText()).isEqualTo(moneybird);
            assertThat(accepted.json().get("holder").asText()).isEqualTo("moneybird");
            assertThat(accepted.json().get("outcome").asText()).isEqualTo("ERASED");
            HolderOutcome fromMoneybird =
                    api.clients.readAll(Topics.DSR_OUTCOMES, 1).get(0).value();
            assertThat(fromMoneybird.getTaskId()).isEqualTo(moneybird);
            assertThat(fromMoneybird.getRequestId()).isEqualTo(requestId);
            assertThat(fromMoneybird.getEvidence()).isEqualTo("ticket MB-1");
            assertThat(fromMoneybird.getReportedBy()).isEqualTo("holder moneybird via callback");

            // When Zendesk answers its webhook task with a signed call
            String erased = "{\"outcome\": \"ERASED\", \"evidence\": \"zendesk deletion 8812\"}";
            String secret = DeliveryKeys.demoWebhookSecret("zendesk");
            ApiClient.Reply unsigned = json(api, zendesk, api.tokens.token(zendesk), null, null, erased);
            ApiClient.Reply wronglySigned = json(
                    api,
                    zendesk,
                    api.tokens.token(zendesk),
                    new WebhookSignature("somebody-elses-secret-0123456789").sign(bytes(erased), Instant.now()),
                    "delivery-0",
                    erased);
            String signature = new WebhookSignature(secret).sign(bytes(erased), Instant.now());
            ApiClient.Reply signed = json(api, zendesk, api.tokens.token(zendesk), signature, "delivery-1", erased);
            ApiClient.Reply replayed = json(api, zendesk, api.tokens.token(zendesk), signature, "delivery-1", erased);
            // Then only the signed call is accepted, once; the others read the same 401
            assertThat(signed.status()).as(signed.body()).isEqualTo(202);
            for (ApiClient.Reply refused : List.of(unsigned, wronglySigned, replayed)) {
                assertProblem(refused, 401, null);
                assertThat(refused.json().get("detail").asText()).startsWith("the callback could not be authenticated");
            }
            assertThat(api.clients.readAll(Topics.DSR_OUTCOMES, 2))
                    .extracting(r -> r.value().getHolder())
                    .containsExactly("moneybird", "zendesk");

            // And a wrong token, an unknown task and a closed task are refused
            ApiClient.Reply wrongToken = json(api, moneybird, api.tokens.token(zendesk), null, null, erased);
            assertProblem(wrongToken, 401, null);
            assertThat(wrongToken.body()).doesNotContain(api.tokens.token(zendesk));
            String vimeo = requestId + "/vimeo";
            assertProblem(json(api, vimeo, api.tokens.token(vimeo), null, null, erased), 404, null);
            String campaign = requestId + "/campaign-monitor";
            assertProblem(json(api, campaign, api.tokens.token(campaign), null, null, erased), 409, "taskId");

            // When the topology closes MoneyBird's task, its token answers no more
            api.clients.produce(
                    Topics.DSR_STATUS,
                    requestId,
                    RequestStatuses.status(
                                    requestId, RequestType.ERASURE, RequestState.IN_PROGRESS, issued.plusSeconds(60))
                            .setTasks(List.of(RequestStatuses.task(requestId, "moneybird", TaskType.ERASE, issued)
                                    .setState(TaskState.ERASED)
                                    .setEvidence("ticket MB-1")
                                    .build()))
                            .build());
            api.catchUp();
            ApiClient.Reply reused =
                    form(api, moneybird, "token=" + api.tokens.token(moneybird) + "&outcome=ERASED&evidence=again");
            assertProblem(reused, 409, "taskId");
            assertProblem(
                    api.client.send(HttpRequest.newBuilder(
                                    api.client.uri(callback(moneybird) + "?token=" + api.tokens.token(moneybird)))
                            .GET()),
                    409,
                    "taskId");

            // And every call is audited: who (the holder, once its token was right), what came of it
            JsonNode answers = api.client
                    .get("/v1/audit?action=task.callback&limit=500")
                    .json()
                    .get("items");
            assertThat(answers)
                    .extracting(a -> a.get("outcome").asText())
                    .containsExactlyInAnyOrder(
                            "refused",
                            "accepted",
                            "refused",
                            "refused",
                            "accepted",
                            "refused",
                            "refused",
                            "not-found",
                            "refused",
                            "refused");
            assertThat(entry(answers, "wrong task token for task " + moneybird)
                            .get("actor")
                            .asText())
                    .isEqualTo("callback");
            JsonNode fromZendesk = entry(answers, "outcome ERASED of zendesk");
            assertThat(fromZendesk.get("actor").asText()).isEqualTo("holder zendesk via callback");
            assertThat(fromZendesk.get("requestId").asText()).isEqualTo(requestId);
            assertThat(fromZendesk.get("subjectIds").get(0).asText()).isEqualTo(ALICE);
            assertThat(entry(answers, "replayed delivery: Whereabouts-Delivery seen within the replay window")
                            .get("outcome")
                            .asText())
                    .isEqualTo("refused");
            assertThat(api.client
                            .get("/v1/audit?action=task.callback-form")
                            .json()
                            .get("items"))
                    .extracting(a -> a.get("outcome").asText())
                    .containsExactlyInAnyOrder("refused", "found");
        }
    }

    private static JsonNode entry(JsonNode auditEntries, String reason) {
        for (JsonNode entry : auditEntries) {
            if (entry.get("reason").asText().equals(reason)) {
                return entry;
            }
        }
        throw new AssertionError("no audit entry with reason " + reason + " in " + auditEntries);
    }

    private static String callback(String taskId) {
        return "/v1/callbacks/tasks/" + taskId.replace("/", "%2F");
    }

    private static ApiClient.Reply form(RunningApi api, String taskId, String form) {
        return api.client.send(HttpRequest.newBuilder(api.client.uri(callback(taskId)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private static ApiClient.Reply json(
            RunningApi api, String taskId, String token, String signature, String delivery, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.client.uri(callback(taskId)))
                .header("Content-Type", "application/json")
                .header("Whereabouts-Task-Token", token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
        if (signature != null) {
            request.header("Whereabouts-Signature", signature);
        }
        if (delivery != null) {
            request.header("Whereabouts-Delivery", delivery);
        }
        return api.client.send(request);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The topology's status of Alice's erasure in {@code state}, the {@code n}-th report. */
    private static void produceStatus(
            RunningApi api,
            String requestId,
            RequestState state,
            int n,
            java.util.function.Consumer<RequestStatus.Builder> more) {
        RequestStatus.Builder status = RequestStatuses.status(
                requestId,
                RequestType.ERASURE,
                state,
                Instant.parse("2026-02-01T10:00:00Z").plusSeconds(n));
        more.accept(status);
        api.clients.produce(Topics.DSR_STATUS, requestId, status.build());
        api.catchUp();
    }

    private static void assertProblem(ApiClient.Reply reply, int status, String field) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).isEqualTo("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asText()).startsWith("https://whereabouts.dev/problems/");
        if (field != null) {
            assertThat(problem.get("errors"))
                    .as(reply.body())
                    .extracting(e -> e.get("field").asText())
                    .contains(field);
        }
    }

    private static RequestStatus status(String requestId) {
        Instant now = Instant.parse("2026-02-01T10:00:00Z");
        return RequestStatus.newBuilder()
                .setRequestId(requestId)
                .setType(RequestType.ERASURE)
                .setSubjectId(ALICE)
                .setState(RequestState.IN_PROGRESS)
                .setReceivedAt(Instant.parse("2026-01-31T10:00:00Z"))
                .setDeadline(Instant.parse("2026-02-28T10:00:00Z"))
                .setExtensionReason(null)
                .setTasks(List.of(
                        task(requestId, "postmark", TaskType.ERASE, null, now),
                        task(
                                requestId,
                                "moneybird",
                                TaskType.RESTRICT,
                                "invoices are kept 7 years for the tax office",
                                now)))
                .setUpdatedAt(now)
                .setCompletedAt(null)
                .build();
    }

    private static TaskStatus task(String requestId, String holder, TaskType type, String reason, Instant at) {
        return TaskStatus.newBuilder()
                .setTaskId(requestId + "/" + holder)
                .setHolder(holder)
                .setType(type)
                .setCategories(List.of(SeedScenario.EMAIL))
                .setState(TaskState.PENDING)
                .setReason(reason)
                .setEvidence(null)
                .setUpdatedAt(at)
                .build();
    }

    private static JsonNode category(JsonNode lookup, String category) {
        for (JsonNode entry : lookup.get("categories")) {
            if (entry.get("category").asText().equals(category)) {
                return entry.get("holders");
            }
        }
        throw new AssertionError("no category " + category + " in " + lookup);
    }

    private static JsonNode holder(JsonNode holders, String id) {
        for (JsonNode holder : holders) {
            if (holder.get("holder").asText().equals(id)) {
                return holder;
            }
        }
        throw new AssertionError("no holder " + id);
    }

    private static List<String> holderIds(JsonNode holders) {
        List<String> ids = new ArrayList<>();
        holders.forEach(h -> ids.add(h.get("holder").asText()));
        return ids;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
