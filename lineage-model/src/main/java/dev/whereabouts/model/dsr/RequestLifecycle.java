package dev.whereabouts.model.dsr;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The request state machine's rules (docs/requests.md): which states are open, which are finished,
 * and which decision each state allows. The topology applies decisions by these rules and
 * dead-letters the rest; the DPO API checks the same rules first to answer 409 at once.
 */
public final class RequestLifecycle {

    /** States in which the request still waits for the controller or a holder; the overdue flag applies. */
    private static final Set<RequestState> OPEN = EnumSet.of(
            RequestState.RECEIVED,
            RequestState.AWAITING_VERIFICATION,
            RequestState.VERIFIED,
            RequestState.AWAITING_INFORMATION,
            RequestState.IN_PROGRESS,
            RequestState.OVERDUE);

    /** States before any holder was asked: the request can still be refused or paused. */
    private static final Set<RequestState> BEFORE_FAN_OUT = EnumSet.of(
            RequestState.RECEIVED,
            RequestState.AWAITING_VERIFICATION,
            RequestState.VERIFIED,
            RequestState.AWAITING_INFORMATION);

    /** Finished states in which the person got an answer on the merits: what was done, or that nothing is held. */
    private static final Set<RequestState> ANSWERED =
            EnumSet.of(RequestState.COMPLETED, RequestState.PARTIALLY_COMPLETED, RequestState.NO_DATA_HELD);

    private static final Map<DecisionKind, Set<RequestState>> ALLOWED = Map.of(
            DecisionKind.VERIFY, EnumSet.of(RequestState.AWAITING_VERIFICATION, RequestState.AWAITING_INFORMATION),
            DecisionKind.REJECT, EnumSet.of(RequestState.AWAITING_VERIFICATION, RequestState.AWAITING_INFORMATION),
            DecisionKind.REQUEST_INFORMATION, EnumSet.of(RequestState.RECEIVED, RequestState.AWAITING_VERIFICATION),
            DecisionKind.INFORMATION_RECEIVED, EnumSet.of(RequestState.AWAITING_INFORMATION),
            DecisionKind.REFUSE, BEFORE_FAN_OUT,
            DecisionKind.EXTEND, OPEN);

    private RequestLifecycle() {}

    /** An open request can still become overdue. */
    public static boolean isOpen(RequestState state) {
        return OPEN.contains(state);
    }

    /** Finished: the person has their answer (a PARTIALLY_COMPLETED request completes if a failed holder succeeds later). */
    public static boolean isFinished(RequestState state) {
        return !isOpen(state);
    }

    /**
     * Finished with the person's answer on the merits (COMPLETED, PARTIALLY_COMPLETED, NO_DATA_HELD): not
     * refused, rejected or (0.1.0) failed. What an ACCESS or PORTABILITY answer hands the person is made then.
     */
    public static boolean isAnswered(RequestState state) {
        return ANSWERED.contains(state);
    }

    /** The states a decision is allowed in. */
    public static Set<RequestState> allowedStates(DecisionKind kind) {
        return EnumSet.copyOf(ALLOWED.get(kind));
    }

    /**
     * Empty when the decision may be applied; otherwise why not, naming the state.
     *
     * @param state               the request's state
     * @param overdue             the request is past its deadline in force
     * @param extended            the deadline was extended before
     * @param verificationPending the identity still has to be verified (VERIFY and REJECT need this)
     */
    public static Optional<String> problem(
            RequestState state, boolean overdue, boolean extended, boolean verificationPending, DecisionKind kind) {
        if (!ALLOWED.get(kind).contains(state)) {
            return Optional.of("the request is " + state + "; " + kind + " is allowed only in " + allowedStates(kind));
        }
        return switch (kind) {
            case VERIFY, REJECT ->
                verificationPending
                        ? Optional.empty()
                        : Optional.of("the request is " + state + " and its identity needs no verification (any more); "
                                + kind + " does not apply");
            case EXTEND -> {
                if (extended) {
                    yield Optional.of("the deadline was extended before; Art. 12(3) allows one extension");
                }
                if (overdue) {
                    yield Optional.of("the request is overdue; Art. 12(3) allows an extension only within the"
                            + " deadline in force");
                }
                yield Optional.empty();
            }
            default -> Optional.empty();
        };
    }
}
