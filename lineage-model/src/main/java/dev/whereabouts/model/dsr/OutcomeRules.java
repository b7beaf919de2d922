package dev.whereabouts.model.dsr;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which outcome a holder may report for which task, checked by the DPO API (422) and by the
 * topology (dead letter): an erasure cannot close as EXPORTED, an export cannot close as ERASED.
 */
public final class OutcomeRules {

    private static final Map<TaskType, Set<OutcomeType>> ALLOWED = Map.of(
            TaskType.ERASE,
            EnumSet.of(OutcomeType.ERASED, OutcomeType.NOT_FOUND, OutcomeType.FAILED, OutcomeType.RESTRICTED),
            TaskType.EXPORT,
            EnumSet.of(OutcomeType.EXPORTED, OutcomeType.NOT_FOUND, OutcomeType.FAILED),
            TaskType.RESTRICT,
            EnumSet.of(OutcomeType.RESTRICTED, OutcomeType.NOT_FOUND, OutcomeType.FAILED),
            TaskType.RECTIFY,
            EnumSet.of(OutcomeType.RECTIFIED, OutcomeType.NOT_FOUND, OutcomeType.FAILED),
            TaskType.EXPIRES,
            EnumSet.of(OutcomeType.ERASED, OutcomeType.NOT_FOUND));

    private OutcomeRules() {}

    /** The outcomes a task of this type takes, in declaration order. */
    public static List<OutcomeType> allowed(TaskType type) {
        return List.copyOf(ALLOWED.get(type));
    }

    /**
     * Empty when the outcome fits the task; otherwise why not, naming the task type and the
     * outcomes it takes. RESTRICTED closes an ERASE task only under a legal hold the holder invokes.
     */
    public static Optional<String> problem(TaskType type, OutcomeType outcome) {
        if (ALLOWED.get(type).contains(outcome)) {
            return Optional.empty();
        }
        return Optional.of("a " + type + " task cannot be closed as " + outcome + "; it takes " + allowed(type));
    }

    /** The task state an outcome sets. */
    public static TaskState state(OutcomeType outcome) {
        return TaskState.valueOf(outcome.name());
    }
}
