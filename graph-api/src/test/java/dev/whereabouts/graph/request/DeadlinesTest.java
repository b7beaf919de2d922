package dev.whereabouts.graph.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeadlinesTest {

    @Test
    void shouldGiveOneCalendarMonthClampedToTheEndOfAShorterMonth() {
        assertThat(Deadlines.initial(Instant.parse("2026-01-31T10:00:00Z")))
                .isEqualTo(Instant.parse("2026-02-28T10:00:00Z"));
        assertThat(Deadlines.initial(Instant.parse("2028-01-31T10:00:00Z")))
                .isEqualTo(Instant.parse("2028-02-29T10:00:00Z"));
        assertThat(Deadlines.initial(Instant.parse("2026-11-25T23:59:59Z")))
                .isEqualTo(Instant.parse("2026-12-25T23:59:59Z"));
    }

    @Test
    void shouldExtendByOneOrTwoFurtherMonthsOnly() {
        Instant original = Instant.parse("2026-02-28T10:00:00Z");
        assertThat(Deadlines.extended(original, 2)).isEqualTo(Instant.parse("2026-04-28T10:00:00Z"));
        assertThat(Deadlines.extended(original, 1)).isEqualTo(Instant.parse("2026-03-28T10:00:00Z"));
        assertThatThrownBy(() -> Deadlines.extended(original, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Deadlines.extended(original, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
