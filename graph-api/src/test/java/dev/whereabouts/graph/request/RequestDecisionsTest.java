package dev.whereabouts.graph.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whereabouts.graph.fixture.SeedScenario;
import dev.whereabouts.model.catalog.ControllerPolicy;
import dev.whereabouts.model.dsr.DecisionKind;
import dev.whereabouts.model.dsr.RefusalGround;
import dev.whereabouts.model.dsr.RequestDecision;
import dev.whereabouts.web.FieldError;
import dev.whereabouts.web.JsonFields;
import dev.whereabouts.web.ProblemException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RequestDecisionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Optional<ControllerPolicy> POLICY = Optional.of(SeedScenario.controllerPolicy());
    private static final Instant RECEIVED = Instant.parse("2026-01-31T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-02-10T09:00:00Z");
    private static final String METHOD = SeedScenario.VERIFICATION_METHOD;

    // Bodies: every bad field, named, never quoted

    @Test
    void shouldNameEveryBadFieldOfAVerification() {
        assertInvalid(RequestDecisions::verification, "{}", "/verified", "/method", "/note");
        assertInvalid(
                RequestDecisions::verification,
                "{\"verified\": \"yes\", \"method\": \"ID_DOCUMENT_COPY\", \"note\": \"n\"}",
                "/verified");
        assertInvalid(
                RequestDecisions::verification, "{\"verified\": true, \"method\": \"\", \"note\": \"n\"}", "/method");
        assertInvalid(
                RequestDecisions::verification,
                "{\"verified\": true, \"method\": \"ID_DOCUMENT_COPY\", \"note\": \"n\", \"document\": \"x\"}",
                "/document");
    }

    @Test
    void shouldRefuseANoteThatQuotesAnIdentifierWithoutEchoingIt() {
        ProblemException problem = invalid(
                RequestDecisions::verification,
                "{\"verified\": true, \"method\": \"ID_DOCUMENT_COPY\", \"note\": \"BSN 123456782 visible\"}");

        assertThat(fields(problem)).containsExactly("/note");
        assertThat(problem.problem().toString()).doesNotContain("123456782");
    }

    @Test
    void shouldNameTheBadFieldsOfInformationRefusalAndExtension() {
        assertInvalid(RequestDecisions::informationRequest, "{}", "/note");
        assertInvalid(RequestDecisions::informationRequest, "{\"note\": \"asked alice@example.com\"}", "/note");
        assertInvalid(RequestDecisions::informationReceived, "{\"note\": \"" + "x".repeat(2_001) + "\"}", "/note");
        assertInvalid(RequestDecisions::informationReceived, "{\"reason\": \"r\"}", "/reason");
        assertInvalid(RequestDecisions::refusal, "{}", "/ground", "/reason");
        assertInvalid(
                RequestDecisions::refusal, "{\"ground\": \"IDENTITY_NOT_ESTABLISHED\", \"reason\": \"r\"}", "/ground");
        assertInvalid(RequestDecisions::refusal, "{\"ground\": \"BORING\", \"reason\": \"r\"}", "/ground");
        assertInvalid(RequestDecisions::extension, "{}", "/reason");
        assertInvalid(RequestDecisions::extension, "{\"reason\": \"r\", \"months\": 3}", "/months");
        assertInvalid(RequestDecisions::extension, "{\"reason\": \"r\", \"months\": \"2\"}", "/months");
        assertInvalid(RequestDecisions::extension, "{\"reason\": \"r\", \"months\": 0}", "/months");
        assertInvalid(RequestDecisions::extension, "{\"reason\": \"r\", \"decisionId\": \"again\"}", "/decisionId");
        assertInvalid(RequestDecisions::informationReceived, "{\"decisionId\": 7}", "/decisionId");
    }

    @Test
    void shouldReadEachDecisionBody() {
        assertThat(read(
                        RequestDecisions::verification,
                        "{\"verified\": false, \"method\": \" ID_DOCUMENT_COPY \","
                                + " \"note\": \" photo does not match \"}"))
                .isEqualTo(new RequestDecisions.Command(DecisionKind.REJECT, METHOD, "photo does not match", null, 0));
        assertThat(read(RequestDecisions::informationReceived, "{}"))
                .isEqualTo(new RequestDecisions.Command(DecisionKind.INFORMATION_RECEIVED, null, null, null, 0));
        assertThat(read(RequestDecisions::refusal, "{\"ground\": \"excessive\", \"reason\": \"r\"}"))
                .isEqualTo(new RequestDecisions.Command(DecisionKind.REFUSE, null, "r", RefusalGround.EXCESSIVE, 0));
        assertThat(read(RequestDecisions::extension, "{\"reason\": \"r\"}").months())
                .isEqualTo(2);
        assertThat(read(
                                RequestDecisions::extension,
                                "{\"reason\": \"r\", \"decisionId\": \"0b6f9a52-2f0e-4c57-9d35-4f3c6f8e2a11\"}")
                        .decisionId())
                .isEqualTo("0b6f9a52-2f0e-4c57-9d35-4f3c6f8e2a11");
    }

    // The lifecycle: 409 naming the state

    @Test
    void shouldRefuseADecisionTheStateDoesNotAllowNamingTheState() {
        assertConflict(view("IN_PROGRESS", METHOD, null), verify(), "IN_PROGRESS");
        assertConflict(view("IN_PROGRESS", METHOD, null), refuse(), "IN_PROGRESS");
        assertConflict(view("COMPLETED", METHOD, null), extend(1), "COMPLETED");
        assertConflict(view("IN_PROGRESS", null, null), command(DecisionKind.INFORMATION_RECEIVED), "IN_PROGRESS");
        assertConflict(view("VERIFIED", METHOD, verified()), command(DecisionKind.REQUEST_INFORMATION), "VERIFIED");
        assertConflict(view("REFUSED", METHOD, null), refuse(), "REFUSED");
    }

    @Test
    void shouldRefuseAVerificationOfARequestThatNeedsNone() {
        assertConflict(view("AWAITING_INFORMATION", null, null), verify(), "AWAITING_INFORMATION");
    }

    @Test
    void shouldAllowOneExtensionAndNoneOnceOverdue() {
        RequestView extended = new RequestView(
                "r-1",
                "ERASURE",
                "IN_PROGRESS",
                null,
                RECEIVED,
                Instant.parse("2026-04-28T10:00:00Z"),
                "EXTENSION",
                null,
                null,
                "complex",
                false,
                null,
                null,
                null,
                null,
                List.of(),
                List.of(),
                null,
                null,
                null,
                List.of());
        assertThatThrownBy(() -> decide(extended, extend(1))).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem().status()).isEqualTo(409);
            assertThat(e.problem().detail()).contains("extended before");
        });
        RequestView overdue = new RequestView(
                "r-1",
                "ERASURE",
                "IN_PROGRESS",
                null,
                RECEIVED,
                Instant.parse("2026-02-28T10:00:00Z"),
                "STATUTORY",
                null,
                null,
                null,
                true,
                null,
                null,
                null,
                null,
                List.of(),
                List.of(),
                null,
                null,
                null,
                List.of());
        assertThatThrownBy(() -> decide(overdue, extend(1))).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem().status()).isEqualTo(409);
            assertThat(e.problem().detail()).contains("overdue");
        });
    }

    // What is published

    @Test
    void shouldVerifyWithTheMethodTheRequestNeedsOnly() {
        RequestView awaiting = view("AWAITING_VERIFICATION", METHOD, null);
        RequestDecision verified = decide(awaiting, verify());

        assertThat(verified.getKind()).isEqualTo(DecisionKind.VERIFY);
        assertThat(verified.getMethod()).isEqualTo(METHOD);
        assertThat(verified.getRequestId()).isEqualTo("r-1");
        assertThat(verified.getDecidedBy()).isEqualTo("dpo@smarttrackers.nl");
        assertThat(verified.getDecidedAt()).isEqualTo(NOW);
        assertThat(verified.getNotice()).isNull();
        assertThat(verified.getDecisionId()).hasSize(36);

        ProblemException wrongMethod = catchProblem(
                () -> decide(awaiting, new RequestDecisions.Command(DecisionKind.VERIFY, "VIDEO_CALL", "n", null, 0)));
        assertThat(wrongMethod.problem().status()).isEqualTo(422);
        assertThat(wrongMethod.problem().errors())
                .containsExactly(new FieldError(
                        "/method", "must be the method the catalog's policy prescribes for this request: " + METHOD));
    }

    @Test
    void shouldRejectWithTheIdentityGroundAndTheNotice() {
        RequestDecision rejected = decide(
                view("AWAITING_INFORMATION", METHOD, null),
                new RequestDecisions.Command(DecisionKind.REJECT, METHOD, "the photo does not match", null, 0));

        assertThat(rejected.getGround()).isEqualTo(RefusalGround.IDENTITY_NOT_ESTABLISHED);
        assertThat(rejected.getNotice())
                .isEqualTo(RefusalNotice.compose(
                        POLICY.get(), RefusalGround.IDENTITY_NOT_ESTABLISHED, "the photo does not match"));
    }

    @Test
    void shouldRefuseWithTheGroundAndTheNoticeButNotWithoutThePolicy() {
        RequestDecision refused = decide(view("RECEIVED", null, null), refuse());

        assertThat(refused.getKind()).isEqualTo(DecisionKind.REFUSE);
        assertThat(refused.getGround()).isEqualTo(RefusalGround.EXCESSIVE);
        assertThat(refused.getNote()).isEqualTo("the fourth identical request");
        assertThat(refused.getNotice()).contains("excessive", "Autoriteit Persoonsgegevens");

        ProblemException notLoaded = catchProblem(() -> RequestDecisions.decide(
                view("RECEIVED", null, null), refuse(), "dpo@smarttrackers.nl", Optional.empty(), NOW));
        assertThat(notLoaded.problem().status()).isEqualTo(503);
        assertThat(notLoaded.retryAfter()).isPresent();
    }

    @Test
    void shouldExtendFromTheStatutoryDeadlineOfTheReceipt() {
        RequestDecision extended = decide(view("IN_PROGRESS", null, null), extend(2));

        assertThat(extended.getKind()).isEqualTo(DecisionKind.EXTEND);
        assertThat(extended.getExtendedDeadline()).isEqualTo(Instant.parse("2026-04-28T10:00:00Z"));
        assertThat(extended.getNote()).isEqualTo("complex request");
        assertThat(decide(view("AWAITING_INFORMATION", null, null), extend(1)).getExtendedDeadline())
                .isEqualTo(Instant.parse("2026-03-28T10:00:00Z"));
    }

    @Test
    void shouldRefuseAnExtensionThatDoesNotMoveTheDeadlineInForce() {
        // Waiting 40 days for information moved the deadline in force past statutory + 1 month.
        RequestView paused = new RequestView(
                "r-1",
                "ERASURE",
                "IN_PROGRESS",
                null,
                RECEIVED,
                Instant.parse("2026-04-09T10:00:00Z"),
                "STATUTORY",
                Instant.parse("2026-04-09T10:00:00Z"),
                null,
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
                null,
                List.of());

        ProblemException problem = catchProblem(() -> decide(paused, extend(1)));
        assertThat(problem.problem().status()).isEqualTo(422);
        assertThat(fields(problem)).containsExactly("/months");
        assertThat(decide(paused, extend(2)).getExtendedDeadline()).isEqualTo(Instant.parse("2026-04-28T10:00:00Z"));
    }

    @Test
    void shouldKeepTheClientsDecisionIdSoAResendIsAppliedOnce() {
        RequestDecisions.Command resent = new RequestDecisions.Command(
                DecisionKind.EXTEND, null, "complex request", null, 1, "0b6f9a52-2f0e-4c57-9d35-4f3c6f8e2a11");

        assertThat(decide(view("IN_PROGRESS", null, null), resent).getDecisionId())
                .isEqualTo("0b6f9a52-2f0e-4c57-9d35-4f3c6f8e2a11");
        assertThat(decide(view("IN_PROGRESS", null, null), extend(1)).getDecisionId())
                .isNotEqualTo(decide(view("IN_PROGRESS", null, null), extend(1)).getDecisionId());
    }

    @Test
    void shouldAskForAndReceiveInformation() {
        assertThat(decide(view("RECEIVED", null, null), command(DecisionKind.REQUEST_INFORMATION))
                        .getKind())
                .isEqualTo(DecisionKind.REQUEST_INFORMATION);
        assertThat(decide(view("AWAITING_INFORMATION", null, null), command(DecisionKind.INFORMATION_RECEIVED))
                        .getKind())
                .isEqualTo(DecisionKind.INFORMATION_RECEIVED);
    }

    private static RequestView view(String state, String method, RequestView.Verification verification) {
        return new RequestView(
                "r-1",
                "ERASURE",
                state,
                SeedScenario.ALICE,
                RECEIVED,
                Instant.parse("2026-02-28T10:00:00Z"),
                "STATUTORY",
                Instant.parse("2026-02-28T10:00:00Z"),
                Instant.parse("2026-02-28T10:00:00Z"),
                null,
                false,
                method,
                verification,
                null,
                null,
                List.of(),
                List.of(),
                null,
                null,
                "dpo@smarttrackers.nl",
                List.of());
    }

    private static RequestView.Verification verified() {
        return new RequestView.Verification(METHOD, true, "dpo@smarttrackers.nl", NOW, "ok");
    }

    private static RequestDecisions.Command verify() {
        return new RequestDecisions.Command(DecisionKind.VERIFY, METHOD, "document checked", null, 0);
    }

    private static RequestDecisions.Command refuse() {
        return new RequestDecisions.Command(
                DecisionKind.REFUSE, null, "the fourth identical request", RefusalGround.EXCESSIVE, 0);
    }

    private static RequestDecisions.Command extend(int months) {
        return new RequestDecisions.Command(DecisionKind.EXTEND, null, "complex request", null, months);
    }

    private static RequestDecisions.Command command(DecisionKind kind) {
        return new RequestDecisions.Command(kind, null, "note", null, 0);
    }

    private static RequestDecision decide(RequestView view, RequestDecisions.Command command) {
        return RequestDecisions.decide(view, command, "dpo@smarttrackers.nl", POLICY, NOW);
    }

    private static void assertConflict(RequestView view, RequestDecisions.Command command, String state) {
        ProblemException problem = catchProblem(() -> decide(view, command));
        assertThat(problem.problem().status()).isEqualTo(409);
        assertThat(problem.problem().detail()).contains("the request is " + state);
        assertThat(fields(problem)).containsExactly("requestId");
    }

    private static ProblemException catchProblem(Runnable action) {
        try {
            action.run();
        } catch (ProblemException e) {
            return e;
        }
        throw new AssertionError("no problem was thrown");
    }

    private static RequestDecisions.Command read(Function<JsonFields, RequestDecisions.Command> reader, String body) {
        return reader.apply(JsonFields.of(json(body)));
    }

    private static void assertInvalid(
            Function<JsonFields, RequestDecisions.Command> reader, String body, String... expectedFields) {
        ProblemException problem = invalid(reader, body);
        assertThat(fields(problem)).containsExactlyInAnyOrder(expectedFields);
    }

    private static ProblemException invalid(Function<JsonFields, RequestDecisions.Command> reader, String body) {
        ProblemException problem = catchProblem(() -> read(reader, body));
        assertThat(problem.problem().status()).isEqualTo(422);
        return problem;
    }

    private static List<String> fields(ProblemException problem) {
        return problem.problem().errors().stream().map(FieldError::field).toList();
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
