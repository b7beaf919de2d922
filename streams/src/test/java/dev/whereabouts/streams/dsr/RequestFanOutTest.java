package dev.whereabouts.streams.dsr;

import static dev.whereabouts.streams.fixtures.Pseudonyms.email;
import static dev.whereabouts.streams.fixtures.Pseudonyms.phone;
import static dev.whereabouts.streams.fixtures.Requests.aRequest;
import static dev.whereabouts.streams.fixtures.SharingEvents.T0;
import static dev.whereabouts.streams.fixtures.SharingEvents.aSharingEvent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.model.common.SubjectIdentifier;
import dev.whereabouts.model.dsr.DataSubjectRequest;
import dev.whereabouts.model.dsr.HolderTask;
import dev.whereabouts.model.dsr.RequestState;
import dev.whereabouts.model.dsr.RequestStatus;
import dev.whereabouts.model.dsr.RequestType;
import dev.whereabouts.model.dsr.TaskState;
import dev.whereabouts.model.dsr.TaskType;
import dev.whereabouts.streams.fixtures.SeedCatalog;
import dev.whereabouts.streams.fixtures.SeedScenario;
import dev.whereabouts.streams.fixtures.TopologyHarness;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestFanOutTest {

    private final SubjectIdentifier aliceEmail = email("alice");
    private final SubjectIdentifier alicePhone = phone("alice");
    private final TopologyHarness harness = new TopologyHarness().seedCatalog();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void shouldFanOutErasureOfTheSeedPersonToEveryHolderWithTheTaxHoldAsRestriction() {
        // Given the seed statement's person
        SeedScenario.eventsOf(aliceEmail, alicePhone).forEach(harness::share);

        // When they ask to be erased, naming only their email
        DataSubjectRequest erasure =
                aRequest(RequestType.ERASURE).of(aliceEmail).build();
        harness.request(erasure);

        // Then one task per holder, keyed by holder, direct and onward alike
        List<TestRecord<String, HolderTask>> records = harness.tasks();
        assertThat(records)
                .allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().getHolder()));
        Map<String, HolderTask> tasks = records.stream().collect(Collectors.toMap(TestRecord::key, TestRecord::value));
        assertThat(tasks).containsOnlyKeys(SeedScenario.ALL_HOLDERS);
        tasks.forEach((holder, task) -> {
            assertThat(task.getTaskId()).isEqualTo(erasure.getRequestId() + "/" + holder);
            assertThat(task.getDeadline()).isEqualTo(erasure.getDeadline());
            assertThat(task.getIdentifiers())
                    .extracting(SubjectIdentifier::getPseudonym)
                    .containsExactlyInAnyOrder(aliceEmail.getPseudonym(), alicePhone.getPseudonym());
            if (SeedScenario.INVOICE_HOLDERS.contains(holder)) {
                assertThat(task.getType()).as(holder).isEqualTo(TaskType.RESTRICT);
                assertThat(task.getReason()).contains(SeedCatalog.TAX_HOLD_REASON);
                assertThat(task.getLegalReference())
                        .contains("GDPR Art. 17(3)(b)")
                        .contains(SeedCatalog.TAX_HOLD_LAW);
            } else {
                assertThat(task.getType()).as(holder).isEqualTo(TaskType.ERASE);
                assertThat(task.getReason()).isNull();
            }
        });
        assertThat(tasks.get(SeedCatalog.S3).getCategories()).contains("user.name", "user.contact.email");
        // and the request is tracked
        RequestStatus status = harness.latestStatus(erasure.getRequestId());
        assertThat(status.getState()).isEqualTo(RequestState.IN_PROGRESS);
        assertThat(status.getTasks())
                .hasSize(SeedScenario.ALL_HOLDERS.size())
                .allSatisfy(t -> assertThat(t.getState()).isEqualTo(TaskState.PENDING));
        assertThat(status.getDeadline()).isEqualTo(erasure.getDeadline());
    }

    @Test
    void shouldFanOutErasureToOnwardHoldersWhenCatalogDeclaresBackups() {
        // Given data shared only with the application, which the catalog backs up
        harness.share(aSharingEvent()
                .of(aliceEmail)
                .to(SeedCatalog.APP)
                .categories("user.contact.email")
                .at(T0));

        // When
        harness.request(aRequest(RequestType.ERASURE).of(aliceEmail).build());

        // Then
        assertThat(harness.tasks())
                .extracting(TestRecord::key)
                .containsExactlyInAnyOrder(
                        SeedCatalog.APP, SeedCatalog.HEROKU, SeedCatalog.REDIS, SeedCatalog.S3, SeedCatalog.TRANSIP);
    }

    @Test
    void shouldIssueExportTasksForAccessAndPortability() {
        // Given
        harness.share(aSharingEvent().of(aliceEmail).to(SeedCatalog.POSTMARK).at(T0));
        harness.share(aSharingEvent()
                .of(aliceEmail)
                .to(SeedCatalog.MONEYBIRD)
                .categories("user.financial")
                .at(T0));

        // When
        harness.request(aRequest(RequestType.ACCESS).of(aliceEmail).build());
        harness.request(aRequest(RequestType.PORTABILITY).of(aliceEmail).build());

        // Then: Postmark, MoneyBird and (through the accounting flow) Scheffer, once per request
        assertThat(harness.tasks())
                .hasSize(6)
                .allSatisfy(t -> assertThat(t.value().getType()).isEqualTo(TaskType.EXPORT));
        assertThat(harness.tasks())
                .extracting(TestRecord::key)
                .containsOnly(SeedCatalog.POSTMARK, SeedCatalog.MONEYBIRD, SeedCatalog.SCHEFFER);
    }

    @Test
    void shouldRestrictWithTheArticleForRestrictionAndObjection() {
        // Given
        harness.share(
                aSharingEvent().of(aliceEmail).to(SeedCatalog.CAMPAIGN_MONITOR).at(T0));

        // When
        harness.request(
                aRequest(RequestType.OBJECTION).id("obj-1").of(aliceEmail).build());
        harness.request(
                aRequest(RequestType.RESTRICTION).id("res-1").of(aliceEmail).build());

        // Then
        Map<String, HolderTask> byRequest =
                harness.tasks().stream().collect(Collectors.toMap(t -> t.value().getRequestId(), TestRecord::value));
        assertThat(byRequest.get("obj-1").getType()).isEqualTo(TaskType.RESTRICT);
        assertThat(byRequest.get("obj-1").getReason()).isEqualTo("objection, Art. 21");
        assertThat(byRequest.get("res-1").getType()).isEqualTo(TaskType.RESTRICT);
        assertThat(byRequest.get("res-1").getLegalReference()).isEqualTo("GDPR Art. 18");
    }

    @Test
    void shouldAnswerNoDataHeldForAPersonNobodyHasDataOf() {
        // When
        DataSubjectRequest request =
                aRequest(RequestType.ERASURE).of(email("nobody")).build();
        harness.request(request);

        // Then
        assertThat(harness.tasks()).isEmpty();
        RequestStatus status = harness.latestStatus(request.getRequestId());
        assertThat(status.getState()).isEqualTo(RequestState.NO_DATA_HELD);
        assertThat(status.getSubjectId()).isNull();
        assertThat(status.getTasks()).isEmpty();
    }

    @Test
    void shouldAnswerNoDataHeldWhenTheScopeMatchesNothingHeld() {
        // Given
        harness.share(aSharingEvent()
                .of(aliceEmail)
                .to(SeedCatalog.POSTMARK)
                .categories("user.contact.email")
                .at(T0));

        // When
        DataSubjectRequest request = aRequest(RequestType.ERASURE)
                .of(aliceEmail)
                .scope("user.financial")
                .build();
        harness.request(request);

        // Then
        assertThat(harness.tasks()).isEmpty();
        assertThat(harness.latestStatus(request.getRequestId()).getState()).isEqualTo(RequestState.NO_DATA_HELD);
    }

    @Test
    void shouldLimitTasksToTheRequestScope() {
        // Given
        SeedScenario.eventsOf(aliceEmail, alicePhone).forEach(harness::share);

        // When only the phone number is to be erased
        harness.request(aRequest(RequestType.ERASURE)
                .of(aliceEmail)
                .scope("user.contact.phone_number")
                .build());

        // Then only holders of the phone get a task, for the phone only
        Map<String, HolderTask> tasks =
                harness.tasks().stream().collect(Collectors.toMap(TestRecord::key, TestRecord::value));
        assertThat(tasks)
                .containsOnlyKeys(
                        SeedCatalog.APP,
                        SeedCatalog.HEROKU,
                        SeedCatalog.REDIS,
                        SeedCatalog.S3,
                        SeedCatalog.TRANSIP,
                        SeedCatalog.AUTHY,
                        SeedCatalog.MONEYBIRD,
                        SeedCatalog.SCHEFFER);
        assertThat(tasks.values())
                .allSatisfy(t -> assertThat(t.getCategories()).containsExactly("user.contact.phone_number"));
    }

    @Test
    void shouldNotIssueTasksTwiceWhenTheSameRequestIsFiledAgain() {
        // Given
        harness.share(aSharingEvent().of(aliceEmail).to(SeedCatalog.POSTMARK).at(T0));
        DataSubjectRequest request =
                aRequest(RequestType.ERASURE).of(aliceEmail).build();
        harness.request(request);

        // When
        harness.request(request);

        // Then
        assertThat(harness.tasks()).hasSize(1);
    }
}
