package dev.whereabouts.dispatch;

import java.time.Duration;
import java.util.Objects;

/**
 * How patiently the dispatcher retries a holder: {@code tries} tries in all, the n-th retry after
 * {@code initial} doubled n-1 times, never more than {@code max}. With the defaults (10 tries, 1 s,
 * 5 min) a holder that stays down is given up after about 8.5 minutes of pauses.
 *
 * @param tries   tries per task, the first delivery included (at least 1)
 * @param initial pause before the first retry
 * @param max     longest pause
 */
public record DeliveryBackoff(int tries, Duration initial, Duration max) {

    public DeliveryBackoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (tries < 1) {
            throw new IllegalArgumentException("tries must be at least 1, got " + tries);
        }
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("the initial pause must be positive");
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("the longest pause must not be shorter than the first");
        }
    }

    /** Whether a task that has failed {@code triesMade} times gets another try. */
    public boolean retries(int triesMade) {
        return triesMade < tries;
    }

    /** The pause after the {@code triesMade}-th failed try (1 for the first): initial x 2^(triesMade-1), capped. */
    public Duration pauseAfter(int triesMade) {
        if (triesMade < 1) {
            throw new IllegalArgumentException("pauses follow a failed try; triesMade must be at least 1");
        }
        int doublings = Math.min(triesMade - 1, 62);
        long millis = initial.toMillis();
        for (int i = 0; i < doublings && millis < max.toMillis(); i++) {
            millis *= 2;
        }
        return millis >= max.toMillis() ? max : Duration.ofMillis(millis);
    }

    /** The sum of every pause a task that always fails waits before it is given up. */
    public Duration totalPause() {
        Duration total = Duration.ZERO;
        for (int made = 1; made < tries; made++) {
            total = total.plus(pauseAfter(made));
        }
        return total;
    }
}
