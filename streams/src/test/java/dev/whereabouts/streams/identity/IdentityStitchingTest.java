package dev.whereabouts.streams.identity;

import static dev.whereabouts.streams.fixtures.Pseudonyms.account;
import static dev.whereabouts.streams.fixtures.Pseudonyms.email;
import static dev.whereabouts.streams.fixtures.Pseudonyms.phone;
import static dev.whereabouts.streams.fixtures.Requests.aRequest;
import static dev.whereabouts.streams.fixtures.SharingEvents.T0;
import static dev.whereabouts.streams.fixtures.SharingEvents.aSharingEvent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.model.common.SubjectIdentifier;
import dev.whereabouts.model.dsr.HolderTask;
import dev.whereabouts.model.dsr.RequestType;
import dev.whereabouts.model.lineage.IdentityLink;
import dev.whereabouts.model.lineage.LineageKey;
import dev.whereabouts.model.lineage.LineageRecord;
import dev.whereabouts.model.lineage.SubjectMerge;
import dev.whereabouts.streams.fixtures.SeedCatalog;
import dev.whereabouts.streams.fixtures.TopologyHarness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IdentityStitchingTest {

    private final SubjectIdentifier aliceEmail = email("alice");
    private final SubjectIdentifier alicePhone = phone("alice");
    private final TopologyHarness harness = new TopologyHarness().seedCatalog();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void shouldFindTheSameSubjectByAnyIdentifierSeenTogetherBefore() {
        // Given an event carrying both the email and the phone
        harness.share(aSharingEvent()
                .of(aliceEmail, alicePhone)
                .to(SeedCatalog.AUTHY)
                .categories("user.contact.email", "user.contact.phone_number")
                .at(T0));

        // When a later event carries only the phone
        harness.share(aSharingEvent()
                .of(alicePhone)
                .to(SeedCatalog.MONEYBIRD)
                .categories("user.contact.phone_number")
                .at(T0.plusSeconds(60)));

        // Then both land on one subject
        Set<String> subjects =
                harness.lineage().stream().map(r -> r.value().getSubjectId()).collect(Collectors.toSet());
        assertThat(subjects).hasSize(1);
        assertThat(harness.merges()).isEmpty();
    }

    @Test
    void shouldPublishWhichSubjectEachIdentifierBelongsTo() {
        // Given an event carrying both the email and the phone
        harness.share(aSharingEvent()
                .of(aliceEmail, alicePhone)
                .to(SeedCatalog.AUTHY)
                .categories("user.contact.email", "user.contact.phone_number")
                .at(T0));
        String subject = harness.lineage().get(0).value().getSubjectId();

        // When the same identifiers come again
        harness.share(aSharingEvent()
                .of(alicePhone)
                .to(SeedCatalog.MONEYBIRD)
                .categories("user.contact.phone_number")
                .at(T0.plusSeconds(60)));

        // Then each identifier is linked to the subject once, with its type and key id, so a lookup finds it
        Map<String, IdentityLink> links = harness.identities();
        assertThat(links).containsOnlyKeys(aliceEmail.getPseudonym(), alicePhone.getPseudonym());
        assertThat(links.values())
                .allSatisfy(link -> assertThat(link.getSubjectId()).isEqualTo(subject));
        assertThat(links.get(aliceEmail.getPseudonym()).getIdentifier()).isEqualTo(aliceEmail);
    }

    @Test
    void shouldMergeTwoSubjectsDeterministicallyWhenAnEventLinksThem() {
        // Given two subjects known by one identifier each
        harness.share(aSharingEvent().of(aliceEmail).to(SeedCatalog.POSTMARK).at(T0));
        harness.share(aSharingEvent()
                .of(alicePhone)
                .to(SeedCatalog.AUTHY)
                .categories("user.contact.phone_number")
                .at(T0.plusSeconds(10)));
        String emailSubject = SubjectIds.fresh(List.of(identifier(aliceEmail)));
        String phoneSubject = SubjectIds.fresh(List.of(identifier(alicePhone)));
        String survivor = SubjectIds.survivor(emailSubject, phoneSubject);
        String merged = survivor.equals(emailSubject) ? phoneSubject : emailSubject;

        // When one event carries both
        harness.share(aSharingEvent()
                .of(alicePhone, aliceEmail)
                .to(SeedCatalog.ZENDESK)
                .categories("user.contact.email")
                .purpose("helpdesk")
                .at(T0.plusSeconds(20)));

        // Then the larger id merged into the smaller, visibly
        List<SubjectMerge> merges = harness.merges();
        assertThat(merges).hasSize(1);
        assertThat(merges.get(0).getMergedSubjectId()).isEqualTo(merged);
        assertThat(merges.get(0).getSurvivingSubjectId()).isEqualTo(survivor);
        assertThat(merges.get(0).getIdentifiers())
                .extracting(SubjectIdentifier::getPseudonym)
                .containsExactlyInAnyOrder(aliceEmail.getPseudonym(), alicePhone.getPseudonym());
        // and all lineage is re-keyed to the survivor
        Set<String> survivorHolders = harness.lineageTable().entrySet().stream()
                .filter(e -> e.getKey().getSubjectId().equals(survivor))
                .map(e -> e.getKey().getHolder())
                .collect(Collectors.toSet());
        assertThat(survivorHolders)
                .containsExactlyInAnyOrder(SeedCatalog.POSTMARK, SeedCatalog.AUTHY, SeedCatalog.ZENDESK);
        LineageRecord postmark =
                harness.lineageTable().get(new LineageKey(survivor, "user.contact.email", SeedCatalog.POSTMARK));
        assertThat(postmark.getFirstSharedAt()).isEqualTo(T0);
    }

    @Test
    void shouldRouteLaterEventsOfTheMergedIdentifierToTheSurvivor() {
        // Given a merge
        harness.share(aSharingEvent().of(aliceEmail).to(SeedCatalog.POSTMARK).at(T0));
        harness.share(aSharingEvent()
                .of(alicePhone)
                .to(SeedCatalog.AUTHY)
                .categories("user.contact.phone_number")
                .at(T0));
        harness.share(aSharingEvent()
                .of(aliceEmail, alicePhone)
                .to(SeedCatalog.ZENDESK)
                .at(T0.plusSeconds(5)));
        String survivor = harness.merges().get(0).getSurvivingSubjectId();

        // When each identifier appears alone again
        harness.share(
                aSharingEvent().of(alicePhone).to(SeedCatalog.CAMPAIGN_MONITOR).at(T0.plusSeconds(10)));
        harness.share(aSharingEvent()
                .of(aliceEmail)
                .to(SeedCatalog.GOOGLE_ANALYTICS)
                .categories("user.device.ip_address")
                .at(T0.plusSeconds(10)));

        // Then
        List<LineageRecord> later = harness.lineage().stream()
                .map(r -> r.value())
                .filter(r -> r.getHolder().equals(SeedCatalog.CAMPAIGN_MONITOR)
                        || r.getHolder().equals(SeedCatalog.GOOGLE_ANALYTICS))
                .toList();
        assertThat(later)
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.getSubjectId()).isEqualTo(survivor));
    }

    @Test
    void shouldChainMergesAcrossThreeSubjects() {
        // Given three separate subjects
        SubjectIdentifier aliceAccount = account("alice");
        harness.share(aSharingEvent().of(aliceEmail).to(SeedCatalog.POSTMARK).at(T0));
        harness.share(aSharingEvent().of(alicePhone).to(SeedCatalog.AUTHY).at(T0));
        harness.share(aSharingEvent().of(aliceAccount).to(SeedCatalog.APP).at(T0));

        // When two events link them pairwise
        harness.share(aSharingEvent()
                .of(aliceEmail, alicePhone)
                .to(SeedCatalog.ZENDESK)
                .at(T0.plusSeconds(1)));
        harness.share(aSharingEvent()
                .of(alicePhone, aliceAccount)
                .to(SeedCatalog.ZENDESK)
                .at(T0.plusSeconds(2)));

        // Then everything ends on the smallest of the three ids
        String smallest = List.of(aliceEmail, alicePhone, aliceAccount).stream()
                .map(id -> SubjectIds.fresh(List.of(identifier(id))))
                .sorted()
                .findFirst()
                .orElseThrow();
        harness.request(aRequest(RequestType.ACCESS).of(aliceAccount).build());
        Set<String> taskSubjects =
                harness.tasks().stream().map(t -> t.value().getSubjectId()).collect(Collectors.toSet());
        Set<String> holders =
                harness.tasks().stream().map(t -> t.value().getHolder()).collect(Collectors.toSet());
        assertThat(taskSubjects).containsExactly(smallest);
        assertThat(holders)
                .contains(
                        SeedCatalog.POSTMARK,
                        SeedCatalog.AUTHY,
                        SeedCatalog.APP,
                        SeedCatalog.ZENDESK,
                        SeedCatalog.S3,
                        SeedCatalog.TRANSIP);
        assertThat(harness.merges())
                .extracting(SubjectMerge::getSurvivingSubjectId)
                .contains(smallest);
    }

    @Test
    void shouldFindAllHoldersFromARequestNamingOnlyTheMergedIdentifier() {
        // Given
        harness.share(aSharingEvent().of(aliceEmail).to(SeedCatalog.POSTMARK).at(T0));
        harness.share(aSharingEvent()
                .of(alicePhone)
                .to(SeedCatalog.AUTHY)
                .categories("user.contact.phone_number")
                .at(T0));
        harness.share(aSharingEvent()
                .of(aliceEmail, alicePhone)
                .to(SeedCatalog.ZENDESK)
                .at(T0.plus(Duration.ofMinutes(1))));

        // When
        harness.request(aRequest(RequestType.ERASURE).of(alicePhone).build());

        // Then
        assertThat(harness.tasks())
                .extracting(t -> t.value().getHolder())
                .containsExactlyInAnyOrder(SeedCatalog.POSTMARK, SeedCatalog.AUTHY, SeedCatalog.ZENDESK);
        assertThat(harness.tasks())
                .extracting(t -> t.value())
                .extracting(HolderTask::getSubjectId)
                .containsOnly(harness.merges().get(0).getSurvivingSubjectId());
    }

    private static dev.whereabouts.streams.state.Identifier identifier(SubjectIdentifier id) {
        return new dev.whereabouts.streams.state.Identifier(id.getType().name(), id.getPseudonym(), id.getKeyId());
    }
}
