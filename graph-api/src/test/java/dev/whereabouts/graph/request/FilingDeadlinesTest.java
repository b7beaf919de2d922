package dev.whereabouts.graph.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.graph.fixture.SeedScenario;
import dev.whereabouts.model.catalog.ControllerPolicy;
import dev.whereabouts.model.catalog.VerificationPolicy;
import dev.whereabouts.model.dsr.Deadlines;
import dev.whereabouts.model.dsr.RequestType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The deadlines and the verification a filed request gets from the controller's policy. */
class FilingDeadlinesTest {

    private static final ControllerPolicy SEED = SeedScenario.controllerPolicy();

    @Test
    void shouldPutTheSeedsFourWeekPromiseInForceBeforeTheCalendarMonth() {
        Instant received = Instant.parse("2026-01-31T10:00:00Z");
        Instant statutory = Deadlines.statutory(received);
        Optional<Instant> promised = Deadlines.promised(received, RequestService.promise(SEED));

        assertThat(statutory).isEqualTo(Instant.parse("2026-02-28T10:00:00Z"));
        assertThat(promised).contains(Instant.parse("2026-02-28T10:00:00Z"));
        // Equal: the statutory one is named as the basis.
        assertThat(Deadlines.inForce(statutory, promised))
                .isEqualTo(new Deadlines.InForce(statutory, Deadlines.Basis.STATUTORY));

        Instant march = Instant.parse("2026-03-02T09:00:00Z");
        Deadlines.InForce inMarch =
                Deadlines.inForce(Deadlines.statutory(march), Deadlines.promised(march, RequestService.promise(SEED)));
        assertThat(inMarch)
                .isEqualTo(new Deadlines.InForce(Instant.parse("2026-03-30T09:00:00Z"), Deadlines.Basis.PROMISE));
    }

    @Test
    void shouldKeepTheCalendarMonthWhenTheControllerPromisesNothing() {
        ControllerPolicy silent =
                ControllerPolicy.newBuilder(SEED).setDsrResponseTime(null).build();
        Instant received = Instant.parse("2028-01-31T10:00:00Z");

        assertThat(RequestService.promise(silent)).isEmpty();
        assertThat(Deadlines.inForce(Deadlines.statutory(received), Optional.empty()))
                .isEqualTo(new Deadlines.InForce(Instant.parse("2028-02-29T10:00:00Z"), Deadlines.Basis.STATUTORY));
    }

    @Test
    void shouldAskForTheVerificationThePolicyNamesForTheRequestTypeOnly() {
        assertThat(RequestService.verificationMethod(SEED, RequestType.ERASURE))
                .contains(SeedScenario.VERIFICATION_METHOD);
        assertThat(RequestService.verificationMethod(SEED, RequestType.RECTIFICATION))
                .contains(SeedScenario.VERIFICATION_METHOD);
        assertThat(RequestService.verificationMethod(SEED, RequestType.OBJECTION))
                .contains(SeedScenario.VERIFICATION_METHOD);
        ControllerPolicy erasuresOnly = ControllerPolicy.newBuilder(SEED)
                .setVerification(List.of(
                        VerificationPolicy.newBuilder(SEED.getVerification().get(0))
                                .setRequestTypes(List.of("ERASURE"))
                                .build()))
                .build();
        assertThat(RequestService.verificationMethod(erasuresOnly, RequestType.ERASURE))
                .contains(SeedScenario.VERIFICATION_METHOD);
        assertThat(RequestService.verificationMethod(erasuresOnly, RequestType.OBJECTION))
                .isEmpty();
        assertThat(RequestService.verificationMethod(
                        ControllerPolicy.newBuilder(SEED)
                                .setVerification(List.of())
                                .build(),
                        RequestType.ACCESS))
                .isEmpty();
    }

    @Test
    void shouldExtendFromTheStatutoryDeadlineByOneOrTwoMonths() {
        Instant statutory = Deadlines.statutory(Instant.parse("2026-01-31T10:00:00Z"));
        assertThat(Deadlines.extended(statutory, 2)).isEqualTo(Instant.parse("2026-04-28T10:00:00Z"));
        assertThat(Deadlines.extended(statutory, 1)).isEqualTo(Instant.parse("2026-03-28T10:00:00Z"));
    }
}
