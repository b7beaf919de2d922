package dev.whereabouts.graph.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.graph.fixture.MovableClock;
import dev.whereabouts.web.Caller;
import dev.whereabouts.web.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class ConsoleSessionsTest {

    private final MovableClock clock = MovableClock.at(Instant.parse("2026-12-07T09:00:00Z"));
    private final Caller dpo = new Caller("dpo@smarttrackers.nl", EnumSet.of(Role.DPO));

    @Test
    void shouldKeepASessionInUseAndEndItAfterThirtyIdleMinutes() {
        ConsoleSessions sessions = new ConsoleSessions(clock);
        ConsoleSession session = sessions.open(dpo);

        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.find(session.id())).contains(session);
        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.find(session.id())).as("used 29 minutes ago").contains(session);
        clock.advance(Duration.ofMinutes(31));
        assertThat(sessions.find(session.id())).as("idle 31 minutes").isEmpty();
        assertThat(sessions.size()).isZero();
    }

    @Test
    void shouldEndEvenABusySessionTwelveHoursAfterSignIn() {
        ConsoleSessions sessions = new ConsoleSessions(clock);
        ConsoleSession session = sessions.open(dpo);
        for (int i = 0; i < 12 * 4; i++) {
            clock.advance(Duration.ofMinutes(15));
            sessions.find(session.id());
        }
        clock.advance(Duration.ofMinutes(1));

        assertThat(sessions.find(session.id())).isEmpty();
    }

    @Test
    void shouldGiveEverySessionItsOwnUnguessableIdAndCsrfToken() {
        ConsoleSessions sessions = new ConsoleSessions(clock);
        ConsoleSession first = sessions.open(dpo);
        ConsoleSession second = sessions.open(dpo);

        assertThat(first.id()).hasSize(43).isNotEqualTo(second.id()).isNotEqualTo(first.csrf());
        assertThat(first.csrf()).hasSize(43).isNotEqualTo(second.csrf());
        sessions.close(first.id());
        assertThat(sessions.find(first.id())).isEmpty();
        assertThat(sessions.find(second.id())).contains(second);
    }

    @Test
    void shouldRememberWhyTheDpoOpenedAPersonForThatSessionOnly() {
        ConsoleSessions sessions = new ConsoleSessions(clock);
        ConsoleSession first = sessions.open(dpo);
        ConsoleSession second = sessions.open(dpo);

        first.rememberReason("s-1", "DSR ticket 4711");

        assertThat(first.reasonFor("s-1")).contains("DSR ticket 4711");
        assertThat(second.reasonFor("s-1")).isEmpty();
    }
}
