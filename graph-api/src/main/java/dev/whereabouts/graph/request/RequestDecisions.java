package dev.whereabouts.graph.request;

import com.fasterxml.jackson.databind.JsonNode;
import dev.whereabouts.graph.api.Bodies;
import dev.whereabouts.model.catalog.ControllerPolicy;
import dev.whereabouts.model.dsr.Deadlines;
import dev.whereabouts.model.dsr.DecisionKind;
import dev.whereabouts.model.dsr.RefusalGround;
import dev.whereabouts.model.dsr.RequestDecision;
import dev.whereabouts.model.dsr.RequestLifecycle;
import dev.whereabouts.model.id.RequestId;
import dev.whereabouts.web.FieldError;
import dev.whereabouts.web.JsonFields;
import dev.whereabouts.web.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The controller's decisions on a request as the DPO API takes them: each body read into a {@link
 * Command} (422 naming every bad field), then checked against the request as the graph shows it
 * by {@link RequestLifecycle} (409 naming the state) and turned into the {@link RequestDecision}
 * the topology applies. The topology checks the same rules again and is authoritative; checking
 * here gives the DPO an immediate answer. No I/O: {@link DecisionService} reads and publishes.
 */
public final class RequestDecisions {

    /** Longest note or reason of a decision. */
    public static final int MAX_NOTE = 2_000;

    /** The grounds a DPO may refuse on (Art. 12(5)); IDENTITY_NOT_ESTABLISHED is a failed verification. */
    public static final List<RefusalGround> REFUSAL_GROUNDS =
            List.of(RefusalGround.MANIFESTLY_UNFOUNDED, RefusalGround.EXCESSIVE);

    /**
     * A decision as the DPO asked for it.
     *
     * @param kind   what is decided
     * @param method VERIFY and REJECT: the verification method used
     * @param note   the note or reason (null only for INFORMATION_RECEIVED without one)
     * @param ground REFUSE: the legal ground
     * @param months EXTEND: 1 or 2 months beyond the statutory deadline
     * @param decisionId the client's idempotency key (a UUID), or null for a new one
     */
    public record Command(
            DecisionKind kind, String method, String note, RefusalGround ground, int months, String decisionId) {

        /** A decision with a new id. */
        public Command(DecisionKind kind, String method, String note, RefusalGround ground, int months) {
            this(kind, method, note, ground, months, null);
        }

        Command withDecisionId(Optional<String> id) {
            return new Command(kind, method, note, ground, months, id.orElse(null));
        }
    }

    /** The field every decision body may carry: a resend after a 503 with the same id is applied once. */
    static final String DECISION_ID = "decisionId";

    private RequestDecisions() {}

    /** {@code {verified, method, note}}: VERIFY when verified, else REJECT. */
    public static Command verification(JsonFields body) {
        body.onlyKnown(Set.of(DECISION_ID, "verified", "method", "note"));
        Optional<String> decisionId = decisionId(body);
        JsonNode verified = body.node("verified");
        if (verified == null || verified.isNull()) {
            body.reject(body.pointer("verified"), "required: true or false");
        } else if (!verified.isBoolean()) {
            body.reject(body.pointer("verified"), "must be true or false, got " + JsonFields.kind(verified));
        }
        String method = body.requiredText("method", 64);
        String note = Bodies.freeText(body, "note", MAX_NOTE, true);
        body.throwIfInvalid(errors -> ProblemException.invalid("the verification is not valid", errors));
        return new Command(
                        verified.booleanValue() ? DecisionKind.VERIFY : DecisionKind.REJECT,
                        method.trim(),
                        note,
                        null,
                        0)
                .withDecisionId(decisionId);
    }

    /** {@code {note}}: what the person is asked for; the deadlines stand still until it arrives. */
    public static Command informationRequest(JsonFields body) {
        body.onlyKnown(Set.of(DECISION_ID, "note"));
        Optional<String> decisionId = decisionId(body);
        String note = Bodies.freeText(body, "note", MAX_NOTE, true);
        body.throwIfInvalid(errors -> ProblemException.invalid("the information request is not valid", errors));
        return new Command(DecisionKind.REQUEST_INFORMATION, null, note, null, 0).withDecisionId(decisionId);
    }

    /** {@code {note?}}: the information asked for arrived. */
    public static Command informationReceived(JsonFields body) {
        body.onlyKnown(Set.of(DECISION_ID, "note"));
        Optional<String> decisionId = decisionId(body);
        String note = Bodies.freeText(body, "note", MAX_NOTE, false);
        body.throwIfInvalid(errors -> ProblemException.invalid("the information received is not valid", errors));
        return new Command(DecisionKind.INFORMATION_RECEIVED, null, note, null, 0).withDecisionId(decisionId);
    }

    /** {@code {ground, reason}}: not acting on the request under Art. 12(5). */
    public static Command refusal(JsonFields body) {
        body.onlyKnown(Set.of(DECISION_ID, "ground", "reason"));
        Optional<String> decisionId = decisionId(body);
        RefusalGround ground = body.enumValue("ground", RefusalGround.class, REFUSAL_GROUNDS, true, true);
        String reason = Bodies.freeText(body, "reason", MAX_NOTE, true);
        body.throwIfInvalid(errors -> ProblemException.invalid("the refusal is not valid", errors));
        return new Command(DecisionKind.REFUSE, null, reason, ground, 0).withDecisionId(decisionId);
    }

    /** {@code {reason, months?}}: the one extension, by 1 or 2 (default) months (Art. 12(3)). */
    public static Command extension(JsonFields body) {
        body.onlyKnown(Set.of(DECISION_ID, "reason", "months"));
        Optional<String> decisionId = decisionId(body);
        String reason = Bodies.freeText(body, "reason", Bodies.MAX_REASON, true);
        int months = Deadlines.MAX_EXTENSION_MONTHS;
        JsonNode monthsNode = body.node("months");
        if (monthsNode != null && !monthsNode.isNull()) {
            if (!monthsNode.isInt()
                    || monthsNode.intValue() < 1
                    || monthsNode.intValue() > Deadlines.MAX_EXTENSION_MONTHS) {
                body.reject(body.pointer("months"), "must be 1 or 2: Art. 12(3) allows at most two further months");
            } else {
                months = monthsNode.intValue();
            }
        }
        body.throwIfInvalid(errors -> ProblemException.invalid("the extension is not valid", errors));
        return new Command(DecisionKind.EXTEND, null, reason, null, months).withDecisionId(decisionId);
    }

    /**
     * The decision to publish, when the request as the graph shows it allows it.
     *
     * @param request   the request, as the graph shows it now
     * @param command   what the DPO decided
     * @param decidedBy the DPO
     * @param policy    the controller's policy (REFUSE and REJECT compose their notice from it)
     * @param now       the decision's time
     * @throws ProblemException 409 naming the state when the lifecycle does not allow it; 422 naming
     *                          {@code /method} when it is not the method the request needs; 503 when a
     *                          notice is needed and the policy is not loaded
     */
    public static RequestDecision decide(
            RequestView request, Command command, String decidedBy, Optional<ControllerPolicy> policy, Instant now) {
        Optional<String> problem = RequestLifecycle.problem(
                request.requestState(),
                request.overdue(),
                request.isExtended(),
                request.isVerificationPending(),
                command.kind());
        if (problem.isPresent()) {
            throw RequestService.conflict("request " + request.requestId() + ": " + problem.get(), "requestId");
        }
        RequestDecision.Builder decision = RequestDecision.newBuilder()
                .setDecisionId(command.decisionId() == null ? UUID.randomUUID().toString() : command.decisionId())
                .setRequestId(request.requestId())
                .setKind(command.kind())
                .setNote(command.note())
                .setDecidedBy(decidedBy)
                .setDecidedAt(now);
        switch (command.kind()) {
            case VERIFY, REJECT -> {
                if (!command.method().equals(request.verificationMethod())) {
                    throw ProblemException.invalid(
                            "the verification method is not the one this request needs",
                            List.of(new FieldError(
                                    "/method",
                                    "must be the method the catalog's policy prescribes for this request: "
                                            + request.verificationMethod())));
                }
                decision.setMethod(command.method());
                if (command.kind() == DecisionKind.REJECT) {
                    decision.setGround(RefusalGround.IDENTITY_NOT_ESTABLISHED)
                            .setNotice(RefusalNotice.compose(
                                    loaded(policy), RefusalGround.IDENTITY_NOT_ESTABLISHED, command.note()));
                }
            }
            case REFUSE ->
                decision.setGround(command.ground())
                        .setNotice(RefusalNotice.compose(loaded(policy), command.ground(), command.note()));
            case EXTEND -> {
                // From the unshifted statutory deadline: the topology adds any pause for information itself.
                Instant extended = Deadlines.extended(Deadlines.statutory(request.receivedAt()), command.months());
                if (request.deadline() != null && !extended.isAfter(request.deadline())) {
                    throw ProblemException.invalid(
                            "the extension would not move the deadline",
                            List.of(new FieldError(
                                    "/months",
                                    command.months() + " month(s) after the statutory deadline is not after the"
                                            + " deadline in force, " + request.deadline())));
                }
                decision.setExtendedDeadline(extended);
            }
            default -> {
                // REQUEST_INFORMATION, INFORMATION_RECEIVED: the note says it all.
            }
        }
        return decision.build();
    }

    /** The optional idempotency key: a UUID (the 8-4-4-4-12 form request ids have too). */
    private static Optional<String> decisionId(JsonFields body) {
        return body.optionalParsed(
                DECISION_ID, text -> Optional.of(text.trim()).filter(RequestId::isValid), "must be a UUID");
    }

    /** The policy, or 503: a notice without the controller's supervisory authority would be wrong. */
    static ControllerPolicy loaded(Optional<ControllerPolicy> policy) {
        return policy.orElseThrow(RequestDecisions::policyNotLoaded);
    }

    /** 503 while the controller policy has not been read from the catalog topic. */
    public static ProblemException policyNotLoaded() {
        return ProblemException.unavailable(
                "the controller's policy (answer time, verification, supervisory authority) has not been loaded"
                        + " from the catalog yet; nothing was accepted, send it again",
                Duration.ofSeconds(5));
    }
}
