package dev.whereabouts.model.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoPeriodTest {

    @ParameterizedTest
    @ValueSource(strings = {"P45D", "P14M", "P7Y", "P1Y", "P4W", "PT24H", "P1Y6M", "P1DT12H", "PT30M", "PT10S"})
    void shouldParseThePeriodsACatalogWritesAndKeepTheirText(String text) {
        // When
        IsoPeriod period = IsoPeriod.parse(text);

        // Then
        assertThat(period).hasToString(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "P", "PT", "P1DT", "45 days", "P45", "p45d", "-P1D", "P1.5Y", "P24H", "1Y", "P1Y1Y"})
    void shouldRejectWhatIsNotAnIsoPeriod(String text) {
        // Then
        assertThat(IsoPeriod.tryParse(text)).isEmpty();
        assertThatThrownBy(() -> IsoPeriod.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldExplainCommonMistakes() {
        // Then
        assertThat(IsoPeriod.explainInvalid("p45d")).endsWith("(write it in upper case: 'P45D')");
        assertThat(IsoPeriod.explainInvalid("P24H")).endsWith("(hours, minutes and seconds follow a T: PT24H)");
        assertThat(IsoPeriod.explainInvalid("P1.5Y")).endsWith("(use whole numbers: P18M rather than P1.5Y)");
    }

    @Test
    void shouldSplitIntoDateAndTimeParts() {
        // When
        IsoPeriod period = IsoPeriod.parse("P1Y2M3W4DT5H6M7S");

        // Then
        assertThat(period.datePart()).isEqualTo(Period.of(1, 2, 25));
        assertThat(period.timePart())
                .isEqualTo(Duration.ofHours(5).plusMinutes(6).plusSeconds(7));
    }

    @Test
    void shouldAddCalendarMonthsAndYears() {
        // Given
        Instant start = Instant.parse("2022-01-31T10:00:00Z");

        // Then
        assertThat(IsoPeriod.parse("P1M").addTo(start)).isEqualTo(Instant.parse("2022-02-28T10:00:00Z"));
        assertThat(IsoPeriod.parse("P7Y").addTo(start)).isEqualTo(Instant.parse("2029-01-31T10:00:00Z"));
        assertThat(IsoPeriod.parse("PT24H").addTo(start)).isEqualTo(Instant.parse("2022-02-01T10:00:00Z"));
    }

    @Test
    void shouldCompareAcrossUnits() {
        // Then
        assertThat(IsoPeriod.parse("P14M").exceeds(IsoPeriod.parse("P1Y"))).isTrue();
        assertThat(IsoPeriod.parse("P12M").exceeds(IsoPeriod.parse("P1Y"))).isFalse();
        assertThat(IsoPeriod.parse("P1Y").exceeds(IsoPeriod.parse("P12M"))).isFalse();
        assertThat(IsoPeriod.parse("P4W").exceeds(IsoPeriod.parse("P1M"))).isFalse();
        assertThat(IsoPeriod.parse("PT24H").exceeds(IsoPeriod.parse("P1D"))).isFalse();
        assertThat(IsoPeriod.parse("P366D").exceeds(IsoPeriod.parse("P1Y"))).isTrue();
    }

    @Test
    void shouldTreatDifferentlyWrittenPeriodsAsDifferentDeclarations() {
        // Then: P12M and P1Y last as long, but a catalog that changes one into the other changed
        assertThat(IsoPeriod.parse("P12M")).isNotEqualTo(IsoPeriod.parse("P1Y"));
        assertThat(IsoPeriod.parse("P1Y")).isEqualTo(IsoPeriod.parse("P1Y")).hasSameHashCodeAs(IsoPeriod.parse("P1Y"));
    }

    @Test
    void shouldAddToEpochMillisAndCompareExactlyFromOneInstant() {
        // Given
        long start = Instant.parse("2022-01-31T10:00:00Z").toEpochMilli();

        // Then
        assertThat(IsoPeriod.of("P1M").addTo(start))
                .isEqualTo(Instant.parse("2022-02-28T10:00:00Z").toEpochMilli());
        assertThat(IsoPeriod.of("P12M").isAtMost(IsoPeriod.of("P1Y"))).isTrue();
        assertThat(IsoPeriod.of("P1Y").isAtMost(IsoPeriod.of("P12M"))).isTrue();
        assertThat(IsoPeriod.of("P13M").isAtMost(IsoPeriod.of("P1Y"))).isFalse();
        assertThat(IsoPeriod.of("PT24H").isAtMost(IsoPeriod.of("P1D"))).isTrue();
    }

    @Test
    void shouldKnowAnEmptyPeriodAndKeepItsText() {
        // Then
        assertThat(IsoPeriod.of("P0D").isZero()).isTrue();
        assertThat(IsoPeriod.of("PT0H").isZero()).isTrue();
        assertThat(IsoPeriod.of("P45D").isZero()).isFalse();
        assertThat(IsoPeriod.of("P45D").value()).isEqualTo("P45D");
        assertThat(IsoPeriod.isValid("P45D")).isTrue();
        assertThat(IsoPeriod.isValid("p45d")).isFalse();
        assertThat(IsoPeriod.isValid(null)).isFalse();
    }
}
