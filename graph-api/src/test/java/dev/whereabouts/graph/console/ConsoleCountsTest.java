package dev.whereabouts.graph.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.graph.findings.FindingRepository.FindingGroup;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleCountsTest {

    private static final Instant DUE = Instant.parse("2026-10-01T00:00:00Z");

    private final List<FindingGroup> groups = List.of(
            new FindingGroup("postmark", "RETENTION_EXPIRED", "user.contact.email", "45 days", 40, DUE),
            new FindingGroup("transip-vps-backups", "BACKUP_PROMISE_EXCEEDED", "user.contact.email", "1 year", 30, DUE),
            new FindingGroup("postmark", "RETENTION_EXPIRED", "user.contact.phone_number", "45 days", 2, DUE),
            new FindingGroup("zendesk", "OTHER", "user.name", "rule", 1, DUE));

    @Test
    void shouldSumTheGroupsPerHolderAskedForLeavingOutHoldersWithoutAny() {
        assertThat(ConsoleCounts.perHolder(groups, List.of("postmark", "zendesk", "heroku")))
                .containsExactly(Map.entry("postmark", 42L), Map.entry("zendesk", 1L));
    }

    @Test
    void shouldSumTheGroupsPerKindInKindOrder() {
        assertThat(ConsoleCounts.perKind(groups))
                .containsExactly(
                        Map.entry("BACKUP_PROMISE_EXCEEDED", 30L),
                        Map.entry("OTHER", 1L),
                        Map.entry("RETENTION_EXPIRED", 42L));
    }

    @Test
    void shouldSayWhenACountWasTakenAndThatNothingWasWrittenSinceOnlyWhenCheckedLater() {
        Instant counted = Instant.parse("2026-12-08T01:00:00Z");
        Instant now = counted.plusSeconds(20);

        assertThat(new ConsoleCounts.Counted<>(1L, counted, counted).words(now))
                .isEqualTo("counted in the background 20 s ago (8 Dec 2026 01:00 UTC)");
        assertThat(new ConsoleCounts.Counted<>(1L, counted, counted.plusSeconds(15)).words(now))
                .isEqualTo("counted in the background 20 s ago (8 Dec 2026 01:00 UTC);"
                        + " nothing was written to the graph since (checked 5 s ago)");
        assertThat(ConsoleCounts.Counted.live(1L).words(now)).isNull();
        assertThat(ConsoleCounts.Counted.live(1L).isLive()).isTrue();
    }

    @Test
    void shouldWriteHowLongAgoInTheLargestFittingUnit() {
        Instant now = Instant.parse("2026-12-08T01:00:00Z");

        assertThat(Formats.ago(now, now.minusSeconds(119))).isEqualTo("119 s ago");
        assertThat(Formats.ago(now, now.minusSeconds(120))).isEqualTo("2 min ago");
        assertThat(Formats.ago(now, now.minusSeconds(7_200))).isEqualTo("2 h ago");
        assertThat(Formats.ago(now, now.minusSeconds(172_800))).isEqualTo("2 days ago");
        assertThat(Formats.ago(now, now.plusSeconds(5))).isEqualTo("0 s ago");
    }
}
