package dev.whereabouts.streams.retention;

import static dev.whereabouts.streams.fixtures.Pseudonyms.email;
import static dev.whereabouts.streams.fixtures.SharingEvents.T0;
import static dev.whereabouts.streams.fixtures.SharingEvents.aSharingEvent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.model.common.SubjectIdentifier;
import dev.whereabouts.model.retention.FindingKind;
import dev.whereabouts.model.retention.RetentionFinding;
import dev.whereabouts.streams.fixtures.SeedCatalog;
import dev.whereabouts.streams.fixtures.TopologyHarness;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetentionFindingsTest {

    private final SubjectIdentifier alice = email("alice");
    private final TopologyHarness harness =
            new TopologyHarness(c -> c.withScanIntervals(Duration.ofDays(1), Duration.ofDays(1))).seedCatalog();

    @AfterEach
    void close() {
        harness.close();
    }

    /** The wall clock starts two days after T0. */
    private void wallClockAt(Instant target) {
        Duration by = Duration.between(TopologyHarness.WALL_CLOCK_START, target);
        harness.advanceWallClock(by.minus(elapsed));
        elapsed = by;
    }

    private Duration elapsed = Duration.ZERO;

    /** Findings fall due from the end of the last share's UTC day: the state is exact to the day. */
    private static Instant endOfDay(Instant at) {
        return at.atZone(ZoneOffset.UTC)
                .toLocalDate()
                .plusDays(1)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant()
                .minusMillis(1);
    }

    @Test
    void shouldReportAHeldEdgePastItsRetention() {
        // Given Postmark keeps mail data 45 days
        harness.share(aSharingEvent().of(alice).to(SeedCatalog.POSTMARK).at(T0));

        // When
        wallClockAt(T0.plus(Duration.ofDays(45)).plusSeconds(1));
        List<RetentionFinding> early = List.copyOf(harness.findings());
        wallClockAt(T0.plus(Duration.ofDays(46)));

        // Then
        assertThat(early).isEmpty();
        assertThat(harness.findings()).singleElement().satisfies(f -> {
            assertThat(f.getKind()).isEqualTo(FindingKind.RETENTION_EXPIRED);
            assertThat(f.getHolder()).isEqualTo(SeedCatalog.POSTMARK);
            assertThat(f.getDueAt()).isEqualTo(endOfDay(T0).plus(Duration.ofDays(45)));
            assertThat(f.getResolved()).isFalse();
            assertThat(f.getRule()).contains("P45D");
            assertThat(f.getFindingId()).isEqualTo(f.getSubjectId() + "/user.contact.email/postmark/RETENTION_EXPIRED");
        });
    }

    @Test
    void shouldMoveTheDueDateWhenTheDataIsSharedAgain() {
        // Given
        harness.share(aSharingEvent().of(alice).to(SeedCatalog.POSTMARK).at(T0));
        harness.share(aSharingEvent().of(alice).to(SeedCatalog.POSTMARK).at(T0.plus(Duration.ofDays(40))));

        // When
        wallClockAt(T0.plus(Duration.ofDays(46)));
        List<RetentionFinding> afterFirstDue = List.copyOf(harness.findings());
        wallClockAt(T0.plus(Duration.ofDays(86)));

        // Then
        assertThat(afterFirstDue).isEmpty();
        assertThat(harness.findings())
                .singleElement()
                .satisfies(f -> assertThat(f.getDueAt()).isEqualTo(endOfDay(T0).plus(Duration.ofDays(85))));
    }

    @Test
    void shouldNeverReportBeforeTheLastShareOfTheDayIsDue() {
        // Given two shares the same day; the later one is not written to the state (same day, same answer)
        harness.share(aSharingEvent().of(alice).to(SeedCatalog.POSTMARK).at(T0));
        Instant lastShare = T0.plus(Duration.ofHours(12));
        harness.share(aSharingEvent().of(alice).to(SeedCatalog.POSTMARK).at(lastShare));

        // When the wall clock passes the first share's due time, then the day's end
        wallClockAt(lastShare.plus(Duration.ofDays(45)).minusSeconds(60));
        List<RetentionFinding> beforeLastShareIsDue = List.copyOf(harness.findings());
        wallClockAt(T0.plus(Duration.ofDays(46)));

        // Then
        assertThat(beforeLastShareIsDue).isEmpty();
        assertThat(harness.findings())
                .singleElement()
                .satisfies(f -> assertThat(f.getDueAt()).isAfterOrEqualTo(lastShare.plus(Duration.ofDays(45))));
    }

    @Test
    void shouldReportBackupsKeptLongerThanTheOneYearPromise() {
        // Given data shared with the application, backed up to S3 and TransIP
        harness.share(aSharingEvent()
                .of(alice)
                .to(SeedCatalog.APP)
                .categories("user.contact.email")
                .at(T0));

        // When a year and a day pass
        wallClockAt(T0.atZone(ZoneOffset.UTC).plusYears(1).plusDays(1).toInstant());

        // Then
        List<RetentionFinding> backups = harness.findings().stream()
                .filter(f -> f.getKind() == FindingKind.BACKUP_PROMISE_EXCEEDED)
                .toList();
        assertThat(backups)
                .extracting(RetentionFinding::getHolder)
                .containsExactlyInAnyOrder(SeedCatalog.S3, SeedCatalog.TRANSIP);
        assertThat(backups)
                .allSatisfy(f -> assertThat(f.getRule()).contains("P1Y").contains("privacy statement"));
        assertThat(harness.findings())
                .filteredOn(f -> f.getHolder().equals(SeedCatalog.HEROKU))
                .singleElement()
                .satisfies(f -> assertThat(f.getKind()).isEqualTo(FindingKind.RETENTION_EXPIRED));
    }

    @Test
    void shouldResolveTheFindingWhenTheHolderConfirmsDeletion() {
        // Given an open finding
        harness.share(aSharingEvent().of(alice).to(SeedCatalog.POSTMARK).at(T0));
        wallClockAt(T0.plus(Duration.ofDays(46)));

        // When
        harness.share(aSharingEvent()
                .of(alice)
                .to(SeedCatalog.POSTMARK)
                .deletedByHolder()
                .at(T0.plus(Duration.ofDays(47))));

        // Then
        List<RetentionFinding> findings = harness.findings();
        assertThat(findings).hasSize(2);
        assertThat(findings.get(1).getFindingId()).isEqualTo(findings.get(0).getFindingId());
        assertThat(findings.get(1).getResolved()).isTrue();
    }

    @Test
    void shouldNotReportDataTheHolderAlreadyDeleted() {
        // Given
        harness.share(aSharingEvent().of(alice).to(SeedCatalog.POSTMARK).at(T0));
        harness.share(aSharingEvent()
                .of(alice)
                .to(SeedCatalog.POSTMARK)
                .deletedByHolder()
                .at(T0.plus(Duration.ofDays(10))));

        // When
        wallClockAt(T0.plus(Duration.ofDays(60)));

        // Then
        assertThat(harness.findings()).isEmpty();
    }

    @Test
    void shouldHandleABacklogInBoundedSlices() {
        // Given more due edges than one punctuation handles
        TopologyHarness small = new TopologyHarness(c -> c.withScanSliceSize(2)).seedCatalog();
        try (small) {
            for (int i = 0; i < 5; i++) {
                small.share(aSharingEvent()
                        .of(email("person-" + i))
                        .to(SeedCatalog.POSTMARK)
                        .at(T0));
            }

            // When one punctuation runs after the due time, then two more
            small.advanceWallClock(Duration.ofDays(42));
            int afterNone = small.findings().size();
            small.advanceWallClock(Duration.ofDays(2));
            int afterOne = small.findings().size();
            small.advanceWallClock(Duration.ofHours(1));
            small.advanceWallClock(Duration.ofHours(1));

            // Then
            assertThat(afterNone).isZero();
            assertThat(afterOne).isEqualTo(2);
            assertThat(small.findings()).hasSize(5);
        }
    }
}
