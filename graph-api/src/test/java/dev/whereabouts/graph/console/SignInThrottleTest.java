package dev.whereabouts.graph.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    private Instant now = Instant.parse("2026-12-08T01:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void shouldStopAnAddressAfterTenFailuresUntilTheOldestLeavesTheWindow() {
        SignInThrottle throttle = new SignInThrottle(clock);
        for (int i = 0; i < SignInThrottle.MAX_FAILURES; i++) {
            assertThat(throttle.waitFor("10.0.0.1")).as("attempt %d", i + 1).isEmpty();
            throttle.failed("10.0.0.1");
            now = now.plus(Duration.ofMinutes(1));
        }

        // Ten failures in the last ten minutes: wait until the first is fifteen minutes old
        assertThat(throttle.waitFor("10.0.0.1")).contains(Duration.ofMinutes(5));
        assertThat(throttle.waitFor("10.0.0.2")).as("another address").isEmpty();

        now = now.plus(Duration.ofMinutes(5));
        assertThat(throttle.waitFor("10.0.0.1")).isEmpty();
    }
}
