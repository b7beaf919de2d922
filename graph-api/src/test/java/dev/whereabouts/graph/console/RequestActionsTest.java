package dev.whereabouts.graph.console;

import static dev.whereabouts.graph.console.RequestViews.erasure;
import static dev.whereabouts.graph.console.RequestViews.task;
import static dev.whereabouts.graph.console.RequestViews.verified;
import static dev.whereabouts.graph.console.RequestViews.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whereabouts.graph.request.RequestDecisions;
import dev.whereabouts.graph.request.RequestView;
import dev.whereabouts.model.dsr.DecisionKind;
import dev.whereabouts.model.dsr.OutcomeRules;
import dev.whereabouts.model.dsr.TaskType;
import dev.whereabouts.web.FormBody;
import dev.whereabouts.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestActionsTest {

    private static final Instant AT = Instant.parse("2026-02-02T10:00:00Z");

    @Test
    void shouldOfferTheIdentityCheckInformationRefusalAndExtensionWhileTheCheckIsPending() {
        RequestActions.Offered offered = RequestActions.offered(erasure("AWAITING_VERIFICATION"));

        assertThat(offered.verification()).isTrue();
        assertThat(offered.requiredMethod()).isEqualTo(RequestViews.METHOD);
        assertThat(offered.askInformation()).isTrue();
        assertThat(offered.informationReceived()).isFalse();
        assertThat(offered.refuse()).isTrue();
        assertThat(offered.refusalGrounds())
                .extracting(RequestActions.Choice::value)
                .containsExactly("MANIFESTLY_UNFOUNDED", "EXCESSIVE");
        assertThat(offered.extend()).isTrue();
        assertThat(offered.extensionMonths())
                .extracting(RequestActions.Choice::value)
                .containsExactly("2", "1");
        assertThat(offered.outcomes()).isEmpty();
    }

    @Test
    void shouldNotOfferTheCheckBeforeTheTopologyAsksForIt() {
        RequestActions.Offered offered = RequestActions.offered(erasure("RECEIVED"));

        assertThat(offered.verification()).isFalse();
        assertThat(offered.askInformation()).isTrue();
        assertThat(offered.refuse()).isTrue();
        assertThat(offered.informationReceived()).isFalse();
    }

    @Test
    void shouldOfferTheInformationReceivedAndTheCheckWhileWaitingForInformation() {
        RequestActions.Offered offered = RequestActions.offered(erasure("AWAITING_INFORMATION"));

        assertThat(offered.informationReceived()).isTrue();
        assertThat(offered.verification()).isTrue();
        assertThat(offered.askInformation()).isFalse();
        assertThat(offered.refuse()).isTrue();
    }

    @Test
    void shouldOfferOutcomesOnlyForOpenTasksTheDpoRecordsWithTheOutcomesTheirTypeTakes() {
        RequestView inProgress = with(
                erasure("IN_PROGRESS"),
                "IN_PROGRESS",
                verified(AT),
                null,
                List.of(
                        task("moneybird", "EMAIL", "RESTRICT", "PENDING", AT),
                        task("postmark", "KAFKA", "ERASE", "PENDING", AT),
                        task("vimeo", "MANUAL", "ERASE", "PENDING", AT),
                        task("zendesk", "MANUAL", "ERASE", "ERASED", AT),
                        task("webflow", "WEBHOOK", "ERASE", "PENDING", AT)));

        RequestActions.Offered offered = RequestActions.offered(inProgress);

        // Tasks are out: no check, no refusal, no question any more; the extension stays
        assertThat(offered.verification()).isFalse();
        assertThat(offered.refuse()).isFalse();
        assertThat(offered.askInformation()).isFalse();
        assertThat(offered.extend()).isTrue();
        assertThat(offered.outcomes())
                .extracting(RequestActions.OutcomeForm::taskType)
                .containsExactly("RESTRICT", "ERASE");
        RequestActions.OutcomeForm restrict = offered.outcomes().get(0);
        assertThat(restrict.holders()).extracting(RequestActions.Choice::value).containsExactly("moneybird");
        assertThat(restrict.outcomes())
                .extracting(RequestActions.Choice::value)
                .containsExactlyElementsOf(OutcomeRules.allowed(TaskType.RESTRICT).stream()
                        .map(Enum::name)
                        .toList());
        RequestActions.OutcomeForm erase = offered.outcomes().get(1);
        assertThat(erase.holders()).extracting(RequestActions.Choice::value).containsExactly("vimeo");
        assertThat(erase.outcomes())
                .extracting(RequestActions.Choice::value)
                .containsExactly("ERASED", "RESTRICTED", "NOT_FOUND", "FAILED");
    }

    @Test
    void shouldNotOfferASecondExtensionNorOneWhenOverdue() {
        RequestView open = with(erasure("IN_PROGRESS"), "IN_PROGRESS", verified(AT), null, List.of());

        assertThat(RequestActions.offered(RequestViews.extended(open, Instant.parse("2026-04-28T10:00:00Z"), "many"))
                        .extend())
                .isFalse();
        assertThat(RequestActions.offered(RequestViews.overdue(open)).extend()).isFalse();
    }

    @Test
    void shouldOfferNothingOnceFinished() {
        for (String state : List.of("COMPLETED", "PARTIALLY_COMPLETED", "REJECTED", "REFUSED", "NO_DATA_HELD")) {
            assertThat(RequestActions.offered(erasure(state)).any()).as(state).isFalse();
        }
    }

    @Test
    void shouldReadAFormAsTheJsonTheApiReadsSoTheSameRulesApply() {
        // Given a verification form as the page posts it
        FormBody form = form("csrf=token&verified=false&method=ID_DOCUMENT_COPY&note=the+name+differs");

        // When it is read by the API's reader
        RequestDecisions.Command command = RequestDecisions.verification(RequestActions.fields(form));

        // Then it is the API's REJECT, and the CSRF token is not one of its fields
        assertThat(command.kind()).isEqualTo(DecisionKind.REJECT);
        assertThat(command.method()).isEqualTo("ID_DOCUMENT_COPY");
        assertThat(command.note()).isEqualTo("the name differs");
        assertThat(RequestDecisions.extension(RequestActions.fields(form("csrf=t&months=1&reason=many+holders")))
                        .months())
                .isEqualTo(1);
    }

    @Test
    void shouldRefuseWhatTheApiRefusesNamingTheFieldNeverTheValue() {
        assertThatThrownBy(() -> RequestDecisions.verification(
                        RequestActions.fields(form("verified=maybe&method=ID_DOCUMENT_COPY&note=checked"))))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.problem().errors())
                                .extracting(f -> f.field())
                                .containsExactly("/verified"));
        assertThatThrownBy(() -> RequestDecisions.informationRequest(
                        RequestActions.fields(form("note=write+to+alice%40example.com"))))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(422);
                    assertThat(e.problem().errors()).extracting(f -> f.field()).containsExactly("/note");
                    assertThat(e.problem().toString()).doesNotContain("alice@example.com");
                });
        assertThatThrownBy(() -> RequestDecisions.extension(RequestActions.fields(form("months=3&reason=r"))))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.problem().errors())
                                .extracting(f -> f.field())
                                .containsExactly("/months"));
        assertThatThrownBy(() -> RequestActions.fields(form("note=a&note=b")))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.problem().status()).isEqualTo(400));
    }

    private static FormBody form(String body) {
        return FormBody.parse(body.getBytes(StandardCharsets.UTF_8));
    }
}
