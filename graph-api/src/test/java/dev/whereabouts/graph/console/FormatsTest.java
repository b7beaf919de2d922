package dev.whereabouts.graph.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FormatsTest {

    private static final Instant NOW = Instant.parse("2026-12-07T14:03:00Z");

    @Test
    void shouldWriteDatesAndMomentsInUtc() {
        assertThat(Formats.date(NOW)).isEqualTo("7 Dec 2026");
        assertThat(Formats.moment(NOW)).isEqualTo("7 Dec 2026 14:03 UTC");
        assertThat(Formats.date(null)).isNull();
    }

    @Test
    void shouldCountDaysLeftAndOverdueInWords() {
        assertThat(Formats.daysLeftInWords(NOW, NOW.plus(Duration.ofDays(3)))).isEqualTo("3 days left");
        assertThat(Formats.daysLeftInWords(NOW, NOW.plus(Duration.ofHours(30)))).isEqualTo("1 day left");
        assertThat(Formats.daysLeftInWords(NOW, NOW.plus(Duration.ofHours(5)))).isEqualTo("due today");
        assertThat(Formats.daysLeftInWords(NOW, NOW.minus(Duration.ofHours(5)))).isEqualTo("1 day overdue");
        assertThat(Formats.daysLeftInWords(NOW, NOW.minus(Duration.ofDays(4)))).isEqualTo("4 days overdue");
        assertThat(Formats.daysLeftInWords(NOW, null)).isNull();
    }
}
