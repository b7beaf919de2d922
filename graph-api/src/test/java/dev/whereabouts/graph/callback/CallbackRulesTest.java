package dev.whereabouts.graph.callback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whereabouts.graph.request.RequestView;
import dev.whereabouts.model.dsr.DeliveryKeys;
import dev.whereabouts.model.dsr.OutcomeType;
import dev.whereabouts.model.dsr.TaskTokens;
import dev.whereabouts.model.dsr.WebhookSignature;
import dev.whereabouts.web.FieldError;
import dev.whereabouts.web.JsonFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class CallbackRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST = "3f2b8c1e-6a4d-4e0f-9b7a-2c5d8e1f0a93";
    private static final String ZENDESK_TASK = REQUEST + "/zendesk";
    private static final String MONEYBIRD_TASK = REQUEST + "/moneybird";
    private static final String CLOSED_TASK = REQUEST + "/campaign-monitor";
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final String ZENDESK_SECRET = "zendesk-webhook-secret-0123456789";
    private static final String ERASED = "{\"outcome\": \"ERASED\", \"evidence\": \"deletion log 8812\"}";

    private final TaskTokens tokens = new TaskTokens("callback-rules-test-key");
    private final DeliveryMemory deliveries = new DeliveryMemory(WebhookSignature.REPLAY_WINDOW, 1_000);
    private final CallbackRules rules = new CallbackRules(
            new DeliveryKeys(tokens, Map.of("zendesk", new WebhookSignature(ZENDESK_SECRET)), false), deliveries);

    @Test
    void shouldAcceptAnEmailHoldersAnswerWithItsTaskToken() {
        CallbackRules.Verdict verdict =
                rules.answer(call(MONEYBIRD_TASK, tokens.token(MONEYBIRD_TASK), ERASED), found(), NOW);

        assertThat(verdict.accepted()).isTrue();
        assertThat(verdict.outcome().getTaskId()).isEqualTo(MONEYBIRD_TASK);
        assertThat(verdict.outcome().getRequestId()).isEqualTo(REQUEST);
        assertThat(verdict.outcome().getHolder()).isEqualTo("moneybird");
        assertThat(verdict.outcome().getOutcome()).isEqualTo(OutcomeType.ERASED);
        assertThat(verdict.outcome().getEvidence()).isEqualTo("deletion log 8812");
        assertThat(verdict.outcome().getReportedAt()).isEqualTo(NOW);
        assertThat(verdict.outcome().getReportedBy()).isEqualTo("holder moneybird via callback");
        assertThat(verdict.actor()).isEqualTo("holder moneybird via callback");
    }

    @Test
    void shouldRefuseAWrongOrMissingTokenWithoutLookingTheTaskUp() {
        AtomicInteger lookups = new AtomicInteger();
        Supplier<Optional<RequestView>> counting = () -> {
            lookups.incrementAndGet();
            return Optional.of(request());
        };

        CallbackRules.Verdict wrong =
                rules.answer(call(MONEYBIRD_TASK, tokens.token(ZENDESK_TASK), ERASED), counting, NOW);
        CallbackRules.Verdict missing = rules.answer(call(MONEYBIRD_TASK, null, ERASED), counting, NOW);
        CallbackRules.Verdict otherKey = rules.answer(
                call(MONEYBIRD_TASK, new TaskTokens("another-key-0123456789").token(MONEYBIRD_TASK), ERASED),
                counting,
                NOW);

        for (CallbackRules.Verdict verdict : List.of(wrong, missing, otherKey)) {
            assertUnauthenticated(verdict);
            assertThat(verdict.actor()).isEqualTo("callback");
        }
        assertThat(wrong.auditReason()).isEqualTo("wrong task token for task " + MONEYBIRD_TASK);
        assertThat(missing.auditReason()).isEqualTo("no task token for task " + MONEYBIRD_TASK);
        assertThat(lookups).hasValue(0);
    }

    @Test
    void shouldAnswerNotFoundForATaskNobodyHasOnlyWithItsToken() {
        String unknown = REQUEST + "/vimeo";
        CallbackRules.Verdict verdict = rules.answer(call(unknown, tokens.token(unknown), ERASED), found(), NOW);

        assertThat(verdict.refusal().problem().status()).isEqualTo(404);
        assertThat(rules.answer(call(unknown, tokens.token(unknown), ERASED), Optional::empty, NOW)
                        .refusal()
                        .problem()
                        .status())
                .isEqualTo(404);
        // A token for an id of another shape is not audited by that id.
        String odd = "<script>";
        assertThat(rules.answer(call(odd, tokens.token(odd), ERASED), Optional::empty, NOW)
                        .auditReason())
                .isEqualTo("no task a task id of another shape");
    }

    @Test
    void shouldAcceptASignedWebhookAnswerOnceAndRefuseItsReplay() {
        CallbackRules.Call signed = signed(ZENDESK_TASK, ERASED, NOW, "delivery-1");

        assertThat(rules.answer(signed, found(), NOW).accepted()).isTrue();

        CallbackRules.Verdict replay = rules.answer(signed, found(), NOW.plusSeconds(30));
        assertUnauthenticated(replay);
        assertThat(replay.auditReason()).startsWith("replayed delivery");
        assertThat(replay.actor()).isEqualTo("holder zendesk via callback");
        // The same body under a new delivery id is another call.
        assertThat(rules.answer(signed(ZENDESK_TASK, ERASED, NOW, "delivery-2"), found(), NOW)
                        .accepted())
                .isTrue();
    }

    @Test
    void shouldRefuseAWebhookAnswerWithABadMissingOrStaleSignatureOrNoDelivery() {
        byte[] body = ERASED.getBytes(StandardCharsets.UTF_8);
        String token = tokens.token(ZENDESK_TASK);
        String otherSecret = new WebhookSignature("not-zendesks-secret-0123456789").sign(body, NOW);
        String tamperedBody = new WebhookSignature(ZENDESK_SECRET)
                .sign("{\"outcome\": \"ERASED\", \"evidence\": \"x\"}".getBytes(StandardCharsets.UTF_8), NOW);
        String stale = new WebhookSignature(ZENDESK_SECRET).sign(body, NOW.minus(Duration.ofMinutes(6)));

        assertUnauthenticated(rules.answer(call(ZENDESK_TASK, token, null, "d-1", ERASED), found(), NOW));
        assertUnauthenticated(rules.answer(call(ZENDESK_TASK, token, otherSecret, "d-2", ERASED), found(), NOW));
        assertUnauthenticated(rules.answer(call(ZENDESK_TASK, token, tamperedBody, "d-3", ERASED), found(), NOW));
        assertUnauthenticated(rules.answer(call(ZENDESK_TASK, token, stale, "d-4", ERASED), found(), NOW));
        assertUnauthenticated(rules.answer(call(ZENDESK_TASK, token, "t=1,v1=zz", "d-5", ERASED), found(), NOW));
        CallbackRules.Verdict noDelivery = rules.answer(
                call(ZENDESK_TASK, token, new WebhookSignature(ZENDESK_SECRET).sign(body, NOW), null, ERASED),
                found(),
                NOW);
        assertUnauthenticated(noDelivery);
        assertThat(noDelivery.auditReason()).isEqualTo("Whereabouts-Delivery header is missing");
        assertThat(deliveries.size()).isZero();
    }

    @Test
    void shouldRefuseAWebhookAnswerWhenNoSecretIsConfiguredForTheHolder() {
        CallbackRules withoutSecrets = new CallbackRules(new DeliveryKeys(tokens, Map.of(), false), deliveries);

        CallbackRules.Verdict verdict = withoutSecrets.answer(signed(ZENDESK_TASK, ERASED, NOW, "d-1"), found(), NOW);

        assertUnauthenticated(verdict);
        assertThat(verdict.auditReason()).isEqualTo("no webhook secret is configured for the holder");
    }

    @Test
    void shouldAnswerConflictForAClosedTaskWhateverTheToken() {
        CallbackRules.Verdict verdict =
                rules.answer(call(CLOSED_TASK, tokens.token(CLOSED_TASK), ERASED), found(), NOW);

        assertThat(verdict.refusal().problem().status()).isEqualTo(409);
        assertThat(verdict.refusal().problem().detail())
                .isEqualTo("the task is already ERASED; a task is answered once");
    }

    @Test
    void shouldRefuseAnOutcomeThatDoesNotFitTheTaskNamingTheOutcomesItTakes() {
        CallbackRules.Verdict verdict = rules.answer(
                call(MONEYBIRD_TASK, tokens.token(MONEYBIRD_TASK), "{\"outcome\": \"EXPORTED\", \"evidence\": \"e\"}"),
                found(),
                NOW);

        assertThat(verdict.refusal().problem().status()).isEqualTo(422);
        assertThat(verdict.refusal().problem().errors())
                .containsExactly(new FieldError(
                        "/outcome",
                        "a ERASE task cannot be closed as EXPORTED; it takes [ERASED, RESTRICTED, NOT_FOUND, FAILED]"));
    }

    @Test
    void shouldNameEveryBadFieldOfAnAnswerWithoutQuotingIt() {
        String token = tokens.token(MONEYBIRD_TASK);
        assertFields(rules.answer(call(MONEYBIRD_TASK, token, "{}"), found(), NOW), "/outcome", "/evidence");
        assertFields(
                rules.answer(
                        call(MONEYBIRD_TASK, token, "{\"outcome\": \"SHREDDED\", \"evidence\": \"e\"}"), found(), NOW),
                "/outcome");
        CallbackRules.Verdict quoting = rules.answer(
                call(MONEYBIRD_TASK, token, "{\"outcome\": \"ERASED\", \"evidence\": \"erased alice@example.com\"}"),
                found(),
                NOW);
        assertFields(quoting, "/evidence");
        assertThat(quoting.refusal().problem().toString()).doesNotContain("alice@example.com");
        assertFields(
                rules.answer(
                        call(
                                MONEYBIRD_TASK,
                                token,
                                "{\"outcome\": \"ERASED\", \"evidence\": \"e\", \"reportedAt\": \"soon\"}"),
                        found(),
                        NOW),
                "/reportedAt");
        assertFields(
                rules.answer(
                        call(
                                MONEYBIRD_TASK,
                                token,
                                "{\"outcome\": \"ERASED\", \"evidence\": \"e\", \"reportedAt\": \"2026-12-08T10:00:00Z\"}"),
                        found(),
                        NOW),
                "/reportedAt");
        assertFields(
                rules.answer(
                        call(MONEYBIRD_TASK, token, "{\"outcome\": \"ERASED\", \"evidence\": \"e\", \"who\": 1}"),
                        found(),
                        NOW),
                "/who");
    }

    @Test
    void shouldGiveBackADeliveryIdWhoseAnswerWasNotAccepted() {
        CallbackRules.Call misfit =
                signed(ZENDESK_TASK, "{\"outcome\": \"EXPORTED\", \"evidence\": \"e\"}", NOW, "d-9");

        assertThat(rules.answer(misfit, found(), NOW).refusal().problem().status())
                .isEqualTo(422);
        assertThat(deliveries.size()).isZero();
    }

    @Test
    void shouldAdmitTheFormPageOnTheTokenAndTheTaskOnly() {
        assertThat(rules.admit(call(MONEYBIRD_TASK, tokens.token(MONEYBIRD_TASK), null), found())
                        .accepted())
                .isTrue();
        assertUnauthenticated(rules.admit(call(MONEYBIRD_TASK, "nope", null), found()));
    }

    private static void assertUnauthenticated(CallbackRules.Verdict verdict) {
        assertThat(verdict.accepted()).isFalse();
        assertThat(verdict.refusal().problem().status()).isEqualTo(401);
        // Whichever check failed, the caller reads the same.
        assertThat(verdict.refusal().problem().detail()).isEqualTo(CallbackRules.UNAUTHENTICATED);
    }

    private static void assertFields(CallbackRules.Verdict verdict, String... fields) {
        assertThat(verdict.refusal().problem().status()).isEqualTo(422);
        assertThat(verdict.refusal().problem().errors())
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder(fields);
    }

    private CallbackRules.Call signed(String taskId, String body, Instant at, String delivery) {
        String signature = new WebhookSignature(ZENDESK_SECRET).sign(body.getBytes(StandardCharsets.UTF_8), at);
        return call(taskId, tokens.token(taskId), signature, delivery, body);
    }

    private static CallbackRules.Call call(String taskId, String token, String body) {
        return call(taskId, token, null, null, body);
    }

    private static CallbackRules.Call call(
            String taskId, String token, String signature, String delivery, String body) {
        try {
            return new CallbackRules.Call(
                    taskId,
                    token,
                    signature,
                    delivery,
                    body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8),
                    body == null ? null : JsonFields.of(JSON.readTree(body)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Supplier<Optional<RequestView>> found() {
        return () -> Optional.of(request());
    }

    static RequestView request() {
        return new RequestView(
                REQUEST,
                "ERASURE",
                "IN_PROGRESS",
                "s-a11ce",
                NOW.minus(Duration.ofDays(3)),
                NOW.plus(Duration.ofDays(25)),
                "PROMISE",
                NOW.plus(Duration.ofDays(28)),
                NOW.plus(Duration.ofDays(25)),
                null,
                false,
                null,
                null,
                null,
                null,
                List.of(),
                List.of(),
                null,
                null,
                "dpo@smarttrackers.nl",
                List.of(
                        task(CLOSED_TASK, "campaign-monitor", "EMAIL", "ERASED"),
                        task(MONEYBIRD_TASK, "moneybird", "EMAIL", "PENDING"),
                        task(ZENDESK_TASK, "zendesk", "WEBHOOK", "PENDING")));
    }

    private static RequestView.TaskView task(String id, String holder, String channel, String state) {
        return new RequestView.TaskView(
                id,
                holder,
                channel,
                "ERASE",
                List.of("user.contact.email"),
                state,
                null,
                null,
                NOW,
                false,
                false,
                NOW.plus(Duration.ofDays(14)),
                null,
                null);
    }
}
