package dev.whereabouts.graph.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.whereabouts.web.FieldError;
import dev.whereabouts.web.ProblemException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditFiltersTest {

    @Test
    void shouldTurnAPeriodOfWholeUtcDaysIntoAHalfOpenRangeOfMoments() {
        AuditFilters.Parsed parsed = AuditFilters.parse(query(Map.of("from", "2026-12-01", "to", "2026-12-07")));

        assertThat(parsed.filter().from())
                .contains(Instant.parse("2026-12-01T00:00:00Z").toEpochMilli());
        assertThat(parsed.filter().until())
                .contains(Instant.parse("2026-12-08T00:00:00Z").toEpochMilli());
        assertThat(parsed.from()).isEqualTo("2026-12-01");
        assertThat(parsed.any()).isTrue();
    }

    @Test
    void shouldKeepTheTextFiltersAsGivenAndLeaveOutWhatIsAbsent() {
        AuditFilters.Parsed parsed = AuditFilters.parse(
                query(Map.of("actor", "dpo@smarttrackers.nl", "action", "subject.lookup", "subjectId", "s-a11ce")));

        assertThat(parsed.filter().actor()).contains("dpo@smarttrackers.nl");
        assertThat(parsed.filter().action()).contains("subject.lookup");
        assertThat(parsed.filter().subjectId()).contains("s-a11ce");
        assertThat(parsed.filter().requestId()).isEmpty();
        assertThat(parsed.filter().from()).isEmpty();
        assertThat(parsed.requestId()).isEmpty();
    }

    @Test
    void shouldFilterNothingWithoutParameters() {
        AuditFilters.Parsed parsed = AuditFilters.parse(query(Map.of()));
        assertThat(parsed.any()).isFalse();
        assertThat(parsed.filter().until()).isEmpty();
    }

    @Test
    void shouldReportEveryBadParameterAtOnceByNameNeverByValue() {
        ProblemException problem = catchThrowableOfType(
                () -> AuditFilters.parse(query(Map.of(
                        "from",
                        "01-12-2026",
                        "to",
                        "soon",
                        "subjectId",
                        "alice@example.com",
                        "actor",
                        "a".repeat(201)))),
                ProblemException.class);

        assertThat(problem.problem().status()).isEqualTo(400);
        assertThat(problem.problem().errors())
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("from", "to", "subjectId", "actor");
        assertThat(problem.problem().toString()).doesNotContain("01-12-2026", "soon", "alice@example.com", "aaaa");
    }

    @Test
    void shouldRefuseAPeriodThatEndsBeforeItStarts() {
        ProblemException problem = catchThrowableOfType(
                () -> AuditFilters.parse(query(Map.of("from", "2026-12-07", "to", "2026-12-06"))),
                ProblemException.class);

        assertThat(problem.problem().errors()).containsExactly(new FieldError("to", "must not be before from"));
    }

    private static java.util.function.Function<String, Optional<String>> query(Map<String, String> values) {
        return name -> Optional.ofNullable(values.get(name));
    }
}
