package dev.whereabouts.dispatch;

import java.util.Objects;

/** What one try to deliver a task on a holder's channel came to. */
public sealed interface DeliveryResult {

    /** The holder's channel took the task. */
    record Delivered(String detail) implements DeliveryResult {
        public Delivered {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * The try failed.
     *
     * @param code      stable error code, the dead letter's {@code errorClass} (e.g. {@code webhook-status})
     * @param reason    for people: what failed, never a secret
     * @param retriable whether another try may succeed (a timeout, a 5xx); false gives up at once (a 404)
     */
    record Failed(String code, String reason, boolean retriable) implements DeliveryResult {
        public Failed {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(reason, "reason");
        }
    }

    static DeliveryResult delivered(String detail) {
        return new Delivered(detail);
    }

    static Failed retry(String code, String reason) {
        return new Failed(code, reason, true);
    }

    static Failed giveUp(String code, String reason) {
        return new Failed(code, reason, false);
    }
}
