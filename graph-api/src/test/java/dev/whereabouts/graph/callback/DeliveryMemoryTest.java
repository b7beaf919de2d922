package dev.whereabouts.graph.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeliveryMemoryTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    private final DeliveryMemory memory = new DeliveryMemory(Duration.ofMinutes(5), 3);

    @Test
    void shouldRefuseAnIdSeenWithinTheWindowPerHolder() {
        assertThat(memory.claim("zendesk", "d-1", NOW)).isTrue();
        assertThat(memory.claim("zendesk", "d-1", NOW.plusSeconds(299))).isFalse();
        assertThat(memory.claim("postmark", "d-1", NOW.plusSeconds(1))).isTrue();
    }

    @Test
    void shouldForgetIdsOlderThanTheWindow() {
        memory.claim("zendesk", "d-1", NOW);

        assertThat(memory.claim(
                        "zendesk", "d-1", NOW.plus(Duration.ofMinutes(5)).plusSeconds(1)))
                .isTrue();
        assertThat(memory.size()).isEqualTo(1);
    }

    @Test
    void shouldDropTheOldestIdWhenFull() {
        memory.claim("zendesk", "d-1", NOW);
        memory.claim("zendesk", "d-2", NOW);
        memory.claim("zendesk", "d-3", NOW);
        memory.claim("zendesk", "d-4", NOW);

        assertThat(memory.size()).isEqualTo(3);
        assertThat(memory.claim("zendesk", "d-1", NOW)).isTrue();
        assertThat(memory.claim("zendesk", "d-4", NOW)).isFalse();
    }

    @Test
    void shouldTakeBackAReleasedId() {
        memory.claim("zendesk", "d-1", NOW);
        memory.release("zendesk", "d-1");

        assertThat(memory.claim("zendesk", "d-1", NOW)).isTrue();
    }
}
