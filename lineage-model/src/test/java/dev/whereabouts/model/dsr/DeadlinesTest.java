package dev.whereabouts.model.dsr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whereabouts.model.time.IsoPeriod;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeadlinesTest {

    private static final Instant RECEIVED = Instant.parse("2026-01-31T10:00:00Z");

    @Test
    void shouldCountOneCalendarMonthClampedToTheMonthsLastDay() {
        assertThat(Deadlines.statutory(RECEIVED)).isEqualTo(Instant.parse("2026-02-28T10:00:00Z"));
    }

    @Test
    void shouldLetTheEarlierOfThePromiseAndTheMonthBind() {
        Instant statutory = Deadlines.statutory(Instant.parse("2026-03-01T00:00:00Z"));
        Optional<Instant> promised =
                Deadlines.promised(Instant.parse("2026-03-01T00:00:00Z"), Optional.of(IsoPeriod.parse("P4W")));

        Deadlines.InForce inForce = Deadlines.inForce(statutory, promised);

        assertThat(inForce.basis()).isEqualTo(Deadlines.Basis.PROMISE);
        assertThat(inForce.deadline()).isEqualTo(Instant.parse("2026-03-29T00:00:00Z"));
        assertThat(statutory).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
    }

    @Test
    void shouldKeepTheMonthWhenThePromiseIsLaterOrAbsent() {
        Instant statutory = Deadlines.statutory(RECEIVED);
        assertThat(Deadlines.inForce(statutory, Optional.empty()).basis()).isEqualTo(Deadlines.Basis.STATUTORY);
        assertThat(Deadlines.inForce(statutory, Optional.of(statutory.plus(Duration.ofDays(1))))
                        .deadline())
                .isEqualTo(statutory);
    }

    @Test
    void shouldShiftEveryDeadlineByTheTimePausedAndLetAnExtensionBind() {
        Instant statutory = Deadlines.statutory(RECEIVED);
        Instant extended = Deadlines.extended(statutory, 2);

        Deadlines.InForce paused = Deadlines.inForce(
                statutory, Optional.of(RECEIVED.plus(Duration.ofDays(28))), Optional.empty(), Duration.ofDays(5));
        Deadlines.InForce afterExtension = Deadlines.inForce(
                statutory, Optional.of(RECEIVED.plus(Duration.ofDays(28))), Optional.of(extended), Duration.ZERO);

        assertThat(paused.deadline()).isEqualTo(RECEIVED.plus(Duration.ofDays(33)));
        assertThat(afterExtension.basis()).isEqualTo(Deadlines.Basis.EXTENSION);
        assertThat(afterExtension.deadline()).isEqualTo(Instant.parse("2026-04-28T10:00:00Z"));
        assertThat(Deadlines.extensionLimit(statutory)).isEqualTo(extended);
    }

    @Test
    void shouldRefuseAnExtensionOfOtherThanOneOrTwoMonths() {
        assertThatThrownBy(() -> Deadlines.extended(RECEIVED, 3)).hasMessageContaining("1 or 2 months");
        assertThatThrownBy(() -> Deadlines.extended(RECEIVED, 0)).hasMessageContaining("1 or 2 months");
    }

    @Test
    void shouldAskForAnAnswerWithinTheAnswerTimeButAWeekBeforeTheDeadlineAtTheLatest() {
        Instant issued = Instant.parse("2026-03-01T00:00:00Z");
        IsoPeriod fortnight = Deadlines.DEFAULT_ANSWER_TIME;

        assertThat(Deadlines.answerBy(issued, fortnight, issued.plus(Duration.ofDays(28))))
                .isEqualTo(issued.plus(Duration.ofDays(14)));
        assertThat(Deadlines.answerBy(issued, fortnight, issued.plus(Duration.ofDays(10))))
                .isEqualTo(issued.plus(Duration.ofDays(3)));
        assertThat(Deadlines.answerBy(issued, fortnight, issued.plus(Duration.ofDays(2))))
                .isEqualTo(issued);
    }
}
