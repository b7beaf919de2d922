package dev.whereabouts.graph.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down guessing tokens at the console's sign-in: after {@link #MAX_FAILURES} failed sign-ins from
 * one address within {@link #WINDOW}, that address may not try again until the oldest failure leaves
 * the window. A successful sign-in does not clear the count (a guesser who holds one token learns nothing
 * about others). Counted per connection address in this process's memory: behind a proxy every client
 * shares the proxy's address, which makes the limit stricter, not looser.
 */
final class SignInThrottle {

    /** Failed sign-ins one address may make within {@link #WINDOW}. */
    static final int MAX_FAILURES = 10;

    static final Duration WINDOW = Duration.ofMinutes(15);

    /** At most this many addresses are remembered; beyond it the map is cleared (an attacker with more addresses is not slowed by this anyway). */
    static final int MAX_ADDRESSES = 100_000;

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long {@code address} must wait before it may try again; empty when it may try now. */
    Optional<Duration> waitFor(String address) {
        Deque<Instant> recent = failures.get(address);
        if (recent == null) {
            return Optional.empty();
        }
        synchronized (recent) {
            Instant now = clock.instant();
            prune(recent, now);
            if (recent.size() < MAX_FAILURES) {
                return Optional.empty();
            }
            return Optional.of(Duration.between(now, recent.peekFirst().plus(WINDOW)));
        }
    }

    /** Records a failed sign-in from {@code address}. */
    void failed(String address) {
        if (failures.size() >= MAX_ADDRESSES) {
            failures.clear();
        }
        Deque<Instant> recent = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (recent) {
            Instant now = clock.instant();
            prune(recent, now);
            recent.addLast(now);
        }
    }

    private static void prune(Deque<Instant> recent, Instant now) {
        while (!recent.isEmpty() && !recent.peekFirst().plus(WINDOW).isAfter(now)) {
            recent.removeFirst();
        }
    }
}
