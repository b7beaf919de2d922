package dev.whereabouts.streams.lineage;

import static dev.whereabouts.streams.fixtures.Pseudonyms.email;
import static dev.whereabouts.streams.fixtures.SharingEvents.T0;
import static dev.whereabouts.streams.fixtures.SharingEvents.aSharingEvent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.model.common.LegalBasis;
import dev.whereabouts.model.common.SubjectIdentifier;
import dev.whereabouts.model.lineage.LineageRecord;
import dev.whereabouts.model.lineage.LineageStatus;
import dev.whereabouts.model.sharing.SharingEvent;
import dev.whereabouts.streams.fixtures.SeedCatalog;
import dev.whereabouts.streams.fixtures.TopologyHarness;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LineageTest {

    private final SubjectIdentifier alice = email("alice");
    private final TopologyHarness harness = new TopologyHarness().seedCatalog();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void shouldEmitLineageRecordOnFirstShare() {
        // When
        harness.share(aSharingEvent()
                .of(alice)
                .to(SeedCatalog.POSTMARK)
                .categories("user.contact.email")
                .purpose("transactional-mail")
                .basis(LegalBasis.CONTRACT)
                .at(T0));

        // Then
        List<LineageRecord> records = values();
        assertThat(records).hasSize(1);
        LineageRecord record = records.get(0);
        assertThat(record.getHolder()).isEqualTo("postmark");
        assertThat(record.getCategory()).isEqualTo("user.contact.email");
        assertThat(record.getDirect()).isTrue();
        assertThat(record.getPath()).isEmpty();
        assertThat(record.getPurposes()).containsExactly("transactional-mail");
        assertThat(record.getLegalBases()).containsExactly(LegalBasis.CONTRACT);
        assertThat(record.getSourceSystems()).containsExactly("smarttrackers-app");
        assertThat(record.getFirstSharedAt()).isEqualTo(T0);
        assertThat(record.getLastSharedAt()).isEqualTo(T0);
        assertThat(record.getStatus()).isEqualTo(LineageStatus.HELD);
        assertThat(record.getSubjectId()).startsWith("s-");
    }

    @Test
    void shouldNotEmitWhenTheSameDataIsSharedAgainTheSameDay() {
        // Given
        harness.share(aSharingEvent().of(alice).to(SeedCatalog.POSTMARK).at(T0));

        // When
        for (int i = 1; i <= 20; i++) {
            harness.share(aSharingEvent().of(alice).to(SeedCatalog.POSTMARK).at(T0.plus(Duration.ofMinutes(i * 10))));
        }

        // Then
        assertThat(values()).hasSize(1);
    }

    @Test
    void shouldNotRewriteTheStateWhenTheSameDataIsSharedAgainTheSameDay() {
        // Given the app's share, which also reaches hosting, cache and backups
        harness.share(aSharingEvent()
                .of(alice)
                .to(SeedCatalog.APP)
                .categories("user.contact.email")
                .at(T0));
        long writesAfterFirst = harness.stateWrites(SubjectProcessor.EDGES_STORE);

        // When the same data goes to the app again later that day, twice
        harness.share(aSharingEvent()
                .of(alice)
                .to(SeedCatalog.APP)
                .categories("user.contact.email")
                .at(T0.plus(Duration.ofHours(3))));
        harness.share(aSharingEvent()
                .of(alice)
                .to(SeedCatalog.APP)
                .categories("user.contact.email")
                .at(T0.plus(Duration.ofHours(6))));
        long writesThatDay = harness.stateWrites(SubjectProcessor.EDGES_STORE);
        harness.share(aSharingEvent()
                .of(alice)
                .to(SeedCatalog.APP)
                .categories("user.contact.email")
                .at(T0.plus(Duration.ofDays(1))));

        // Then nothing is written that day; the next day every holder's record is
        assertThat(writesAfterFirst).isGreaterThanOrEqualTo(5);
        assertThat(writesThatDay).isEqualTo(writesAfterFirst);
        assertThat(harness.stateWrites(SubjectProcessor.EDGES_STORE)).isEqualTo(2 * writesAfterFirst);
    }

    @Test
    void shouldRewriteTheStateWhenASameDayShareChangesTheAnswer() {
        // Given
        harness.share(aSharingEvent().of(alice).to(SeedCatalog.POSTMARK).at(T0));
        long writesAfterFirst = harness.stateWrites(SubjectProcessor.EDGES_STORE);

        // When a share the same day adds a legal basis
        harness.share(aSharingEvent()
                .of(alice)
                .to(SeedCatalog.POSTMARK)
                .basis(LegalBasis.CONSENT)
                .at(T0.plus(Duration.ofHours(1))));

        // Then
        assertThat(harness.stateWrites(SubjectProcessor.EDGES_STORE)).isEqualTo(writesAfterFirst + 1);
        assertThat(values()).hasSize(2);
    }

    @Test
    void shouldEmitAgainWhenTheLastShareMovesToANewDay() {
        // Given
        harness.share(aSharingEvent().of(alice).to(SeedCatalog.POSTMARK).at(T0));

        // When
        Instant nextDay = T0.plus(Duration.ofDays(1));
        harness.share(aSharingEvent().of(alice).to(SeedCatalog.POSTMARK).at(nextDay));

        // Then
        List<LineageRecord> records = values();
        assertThat(records).hasSize(2);
        assertThat(records.get(1).getLastSharedAt()).isEqualTo(nextDay);
        assertThat(records.get(1).getRetentionUntil()).isEqualTo(nextDay.plus(Duration.ofDays(45)));
    }

    @Test
    void shouldEmitWhenAShareAddsAPurposeOrLegalBasis() {
        // Given
        harness.share(aSharingEvent().of(alice).to(SeedCatalog.POSTMARK).at(T0));

        // When
        harness.share(aSharingEvent()
                .of(alice)
                .to(SeedCatalog.POSTMARK)
                .purpose("password-reset")
                .basis(LegalBasis.LEGITIMATE_INTERESTS)
                .at(T0.plusSeconds(60)));

        // Then
        List<LineageRecord> records = values();
        assertThat(records).hasSize(2);
        assertThat(records.get(1).getPurposes()).containsExactly("password-reset", "transactional-mail");
        assertThat(records.get(1).getLegalBases())
                .containsExactlyInAnyOrder(LegalBasis.CONTRACT, LegalBasis.LEGITIMATE_INTERESTS);
    }

    @Test
    void shouldTakeRetentionFromTheCatalogDefaultWhenTheEventDeclaresNone() {
        // When
        harness.share(aSharingEvent().of(alice).to(SeedCatalog.POSTMARK).at(T0));

        // Then
        assertThat(values().get(0).getRetentionUntil()).isEqualTo(T0.plus(Duration.ofDays(45)));
    }

    @Test
    void shouldTakeRetentionFromTheEventWhenItDeclaresOne() {
        // When
        harness.share(aSharingEvent()
                .of(alice)
                .to(SeedCatalog.GOOGLE_ANALYTICS)
                .categories("user.device.ip_address")
                .retention("P7D")
                .at(T0));

        // Then
        assertThat(values().get(0).getRetentionUntil()).isEqualTo(T0.plus(Duration.ofDays(7)));
    }

    @Test
    void shouldCountCalendarMonthsForMonthRetention() {
        // When
        harness.share(aSharingEvent()
                .of(alice)
                .to(SeedCatalog.GOOGLE_ANALYTICS)
                .categories("user.device.ip_address")
                .at(T0));

        // Then
        assertThat(values().get(0).getRetentionUntil())
                .isEqualTo(T0.atZone(ZoneOffset.UTC).plusMonths(14).toInstant());
    }

    @Test
    void shouldDeriveOnwardHoldersFromDeclaredFlowsWithPathAndFlowRetention() {
        // When
        harness.share(aSharingEvent()
                .of(alice)
                .to(SeedCatalog.APP)
                .categories("user.contact.email", "user.name")
                .purpose("account")
                .at(T0));

        // Then
        Map<String, List<LineageRecord>> byHolder =
                values().stream().collect(Collectors.groupingBy(LineageRecord::getHolder));
        assertThat(byHolder)
                .containsOnlyKeys(
                        SeedCatalog.APP, SeedCatalog.HEROKU, SeedCatalog.REDIS, SeedCatalog.S3, SeedCatalog.TRANSIP);
        LineageRecord s3 = byHolder.get(SeedCatalog.S3).get(0);
        assertThat(byHolder.get(SeedCatalog.S3)).hasSize(2);
        assertThat(s3.getDirect()).isFalse();
        assertThat(s3.getPath()).containsExactly(SeedCatalog.APP, SeedCatalog.S3);
        assertThat(s3.getPurposes()).containsExactly("database-backups");
        assertThat(s3.getRetentionUntil())
                .isEqualTo(T0.atZone(ZoneOffset.UTC).plusYears(1).toInstant());
        assertThat(byHolder.get(SeedCatalog.HEROKU).get(0).getRetentionUntil())
                .isEqualTo(T0.plus(Duration.ofHours(24)));
        assertThat(byHolder.get(SeedCatalog.APP).get(0).getDirect()).isTrue();
    }

    @Test
    void shouldFollowFlowsTransitivelyAndSurviveCycles() {
        // Given a cycle heroku -> app on top of app -> heroku, and an onward hop heroku -> redis
        TopologyHarness cyclic = new TopologyHarness()
                .catalog(
                        SeedCatalog.holders(),
                        List.of(
                                SeedCatalog.flow(
                                        "app-to-heroku", SeedCatalog.APP, SeedCatalog.HEROKU, "hosting", "PT24H"),
                                SeedCatalog.flow("heroku-to-app", SeedCatalog.HEROKU, SeedCatalog.APP, "hosting", null),
                                SeedCatalog.flow(
                                        "heroku-to-redis", SeedCatalog.HEROKU, SeedCatalog.REDIS, "caching", "PT1H")));
        try (cyclic) {
            // When
            cyclic.share(aSharingEvent()
                    .of(alice)
                    .to(SeedCatalog.APP)
                    .categories("user.contact.email")
                    .at(T0));

            // Then
            Map<String, LineageRecord> byHolder = cyclic.lineage().stream()
                    .collect(Collectors.toMap(r -> r.value().getHolder(), r -> r.value(), (a, b) -> b));
            assertThat(byHolder).containsOnlyKeys(SeedCatalog.APP, SeedCatalog.HEROKU, SeedCatalog.REDIS);
            assertThat(byHolder.get(SeedCatalog.REDIS).getPath())
                    .containsExactly(SeedCatalog.APP, SeedCatalog.HEROKU, SeedCatalog.REDIS);
            assertThat(byHolder.get(SeedCatalog.REDIS).getRetentionUntil()).isEqualTo(T0.plus(Duration.ofHours(1)));
            assertThat(byHolder.get(SeedCatalog.APP).getDirect()).isTrue();
        }
    }

    @Test
    void shouldMarkEdgeDeletedWhenHolderConfirmsDeletion() {
        // Given
        harness.share(aSharingEvent().of(alice).to(SeedCatalog.POSTMARK).at(T0));

        // When
        harness.share(aSharingEvent()
                .of(alice)
                .to(SeedCatalog.POSTMARK)
                .deletedByHolder()
                .at(T0.plus(Duration.ofDays(3))));

        // Then
        List<LineageRecord> records = values();
        assertThat(records).hasSize(2);
        assertThat(records.get(1).getStatus()).isEqualTo(LineageStatus.DELETED_BY_HOLDER);
        assertThat(records.get(1).getStatusReason()).contains("deleted by the holder");
    }

    @Test
    void shouldHoldAgainWhenSharedAfterDeletionButNotForALateOlderShare() {
        // Given
        harness.share(aSharingEvent().of(alice).to(SeedCatalog.POSTMARK).at(T0));
        harness.share(aSharingEvent()
                .of(alice)
                .to(SeedCatalog.POSTMARK)
                .deletedByHolder()
                .at(T0.plus(Duration.ofDays(3))));

        // When an older share arrives late, then a new one
        harness.share(aSharingEvent().of(alice).to(SeedCatalog.POSTMARK).at(T0.plus(Duration.ofDays(1))));
        LineageStatus afterLate =
                harness.lineageTable().values().iterator().next().getStatus();
        harness.share(aSharingEvent().of(alice).to(SeedCatalog.POSTMARK).at(T0.plus(Duration.ofDays(5))));

        // Then
        assertThat(afterLate).isEqualTo(LineageStatus.DELETED_BY_HOLDER);
        assertThat(harness.lineageTable().values().iterator().next().getStatus())
                .isEqualTo(LineageStatus.HELD);
    }

    @Test
    void shouldIgnoreAResentEventWithTheSameEventId() {
        // Given
        SharingEvent first = aSharingEvent()
                .id("evt-1")
                .of(alice)
                .to(SeedCatalog.POSTMARK)
                .at(T0)
                .build();
        harness.share(first);
        harness.share(aSharingEvent()
                .id("evt-2")
                .of(alice)
                .to(SeedCatalog.POSTMARK)
                .deletedByHolder()
                .at(T0.plusSeconds(60)));

        // When the first event is re-sent (an emitter retry) with a newer occurredAt than the deletion
        SharingEvent retry = SharingEvent.newBuilder(first)
                .setOccurredAt(T0.plusSeconds(120))
                .build();
        harness.share(retry);

        // Then the deletion stands
        List<LineageRecord> records = values();
        assertThat(records).hasSize(2);
        assertThat(records.get(1).getStatus()).isEqualTo(LineageStatus.DELETED_BY_HOLDER);
    }

    private List<LineageRecord> values() {
        return harness.lineage().stream().map(r -> r.value()).toList();
    }
}
