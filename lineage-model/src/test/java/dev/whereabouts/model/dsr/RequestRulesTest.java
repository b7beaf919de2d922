package dev.whereabouts.model.dsr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The state machine's and the outcome table's rules. */
class RequestRulesTest {

    @Test
    void shouldLetAnErasureCloseOnlyAsAnErasureWould() {
        assertThat(OutcomeRules.problem(TaskType.ERASE, OutcomeType.EXPORTED))
                .hasValueSatisfying(p -> assertThat(p)
                        .contains("a ERASE task cannot be closed as EXPORTED")
                        .contains("ERASED"));
        assertThat(OutcomeRules.problem(TaskType.ERASE, OutcomeType.RESTRICTED)).isEmpty();
        assertThat(OutcomeRules.problem(TaskType.EXPORT, OutcomeType.ERASED)).isPresent();
        assertThat(OutcomeRules.problem(TaskType.RESTRICT, OutcomeType.RESTRICTED))
                .isEmpty();
        assertThat(OutcomeRules.problem(TaskType.RECTIFY, OutcomeType.RECTIFIED))
                .isEmpty();
        assertThat(OutcomeRules.problem(TaskType.RECTIFY, OutcomeType.ERASED)).isPresent();
        assertThat(OutcomeRules.problem(TaskType.EXPIRES, OutcomeType.FAILED)).isPresent();
        assertThat(OutcomeRules.state(OutcomeType.RECTIFIED)).isEqualTo(TaskState.RECTIFIED);
    }

    @Test
    void shouldNameTheStateWhenADecisionIsNotAllowed() {
        assertThat(RequestLifecycle.problem(RequestState.IN_PROGRESS, false, false, false, DecisionKind.VERIFY))
                .hasValueSatisfying(p -> assertThat(p).contains("IN_PROGRESS").contains("VERIFY"));
        assertThat(RequestLifecycle.problem(RequestState.IN_PROGRESS, false, false, false, DecisionKind.REFUSE))
                .isPresent();
        assertThat(RequestLifecycle.problem(RequestState.COMPLETED, false, false, false, DecisionKind.EXTEND))
                .isPresent();
    }

    @Test
    void shouldAllowOneExtensionOnlyWhileTheRequestIsNotOverdue() {
        assertThat(RequestLifecycle.problem(RequestState.IN_PROGRESS, false, false, false, DecisionKind.EXTEND))
                .isEmpty();
        assertThat(RequestLifecycle.problem(RequestState.IN_PROGRESS, false, true, false, DecisionKind.EXTEND))
                .hasValueSatisfying(p -> assertThat(p).contains("one extension"));
        assertThat(RequestLifecycle.problem(RequestState.IN_PROGRESS, true, false, false, DecisionKind.EXTEND))
                .hasValueSatisfying(p -> assertThat(p).contains("overdue"));
    }

    @Test
    void shouldVerifyOnlyWhileVerificationIsPending() {
        assertThat(RequestLifecycle.problem(
                        RequestState.AWAITING_VERIFICATION, false, false, true, DecisionKind.VERIFY))
                .isEmpty();
        assertThat(RequestLifecycle.problem(
                        RequestState.AWAITING_INFORMATION, false, false, false, DecisionKind.VERIFY))
                .hasValueSatisfying(p -> assertThat(p).contains("needs no verification"));
    }

    @Test
    void shouldTreatEveryAnsweredStateAsFinished() {
        assertThat(RequestLifecycle.isOpen(RequestState.AWAITING_INFORMATION)).isTrue();
        for (RequestState state : new RequestState[] {
            RequestState.COMPLETED,
            RequestState.PARTIALLY_COMPLETED,
            RequestState.REFUSED,
            RequestState.REJECTED,
            RequestState.NO_DATA_HELD
        }) {
            assertThat(RequestLifecycle.isFinished(state)).as(state.name()).isTrue();
        }
    }

    @Test
    void shouldCountOnlyAnAnswerOnTheMeritsAsAnswered() {
        for (RequestState state : RequestState.values()) {
            boolean answered = state == RequestState.COMPLETED
                    || state == RequestState.PARTIALLY_COMPLETED
                    || state == RequestState.NO_DATA_HELD;
            assertThat(RequestLifecycle.isAnswered(state)).as(state.name()).isEqualTo(answered);
            if (answered) {
                assertThat(RequestLifecycle.isFinished(state)).as(state.name()).isTrue();
            }
        }
    }
}
