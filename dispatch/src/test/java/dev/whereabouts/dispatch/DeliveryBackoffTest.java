package dev.whereabouts.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeliveryBackoffTest {

    private final DeliveryBackoff backoff = new DeliveryBackoff(10, Duration.ofSeconds(1), Duration.ofMinutes(5));

    @Test
    void shouldDoubleThePauseAfterEachFailedTryUpToTheCap() {
        assertThat(backoff.pauseAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.pauseAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.pauseAfter(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.pauseAfter(9)).isEqualTo(Duration.ofSeconds(256));
        assertThat(backoff.pauseAfter(10)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.pauseAfter(1_000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void shouldRetryUntilTheLastTryIsMade() {
        assertThat(backoff.retries(1)).isTrue();
        assertThat(backoff.retries(9)).isTrue();
        assertThat(backoff.retries(10)).isFalse();
        assertThat(new DeliveryBackoff(1, Duration.ofMillis(1), Duration.ofMillis(1)).retries(1))
                .isFalse();
    }

    @Test
    void shouldSumThePausesOfATaskThatAlwaysFails() {
        // 1 + 2 + 4 + ... + 256 s between ten tries
        assertThat(backoff.totalPause()).isEqualTo(Duration.ofSeconds(511));
        assertThat(new DeliveryBackoff(3, Duration.ofMillis(100), Duration.ofMillis(150)).totalPause())
                .isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void shouldRefuseASchedulesThatCannotWork() {
        assertThatThrownBy(() -> new DeliveryBackoff(0, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageContaining("tries");
        assertThatThrownBy(() -> new DeliveryBackoff(3, Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("initial pause");
        assertThatThrownBy(() -> new DeliveryBackoff(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("longest pause");
        assertThatThrownBy(() -> backoff.pauseAfter(0)).hasMessageContaining("triesMade");
    }
}
