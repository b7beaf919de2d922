package dev.whereabouts.graph.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.graph.fixture.MovableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    private final MovableClock clock = MovableClock.at(Instant.parse("2026-12-08T01:00:00Z"));

    @Test
    void shouldStopAnAddressAfterTenFailuresUntilTheOldestLeavesTheWindow() {
        SignInThrottle throttle = new SignInThrottle(clock);
        for (int i = 0; i < SignInThrottle.MAX_FAILURES; i++) {
            assertThat(throttle.waitFor("10.0.0.1")).as("attempt %d", i + 1).isEmpty();
            throttle.failed("10.0.0.1");
            clock.advance(Duration.ofMinutes(1));
        }

        // Ten failures in the last ten minutes: wait until the first is fifteen minutes old
        assertThat(throttle.waitFor("10.0.0.1")).contains(Duration.ofMinutes(5));
        assertThat(throttle.waitFor("10.0.0.2")).as("another address").isEmpty();

        clock.advance(Duration.ofMinutes(5));
        assertThat(throttle.waitFor("10.0.0.1")).isEmpty();
    }
}
