package dev.whereabouts.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whereabouts.catalog.CatalogLoader;
import dev.whereabouts.catalog.DataCategories;
import dev.whereabouts.emitter.WhereaboutsEmitter;
import dev.whereabouts.ingest.validation.EventValidator;
import dev.whereabouts.ingest.validation.IncomingEvent;
import dev.whereabouts.model.common.IdentifierType;
import dev.whereabouts.model.common.LegalBasis;
import dev.whereabouts.model.id.CategoryKey;
import dev.whereabouts.model.id.EventId;
import dev.whereabouts.model.id.HolderId;
import dev.whereabouts.model.id.PurposeId;
import dev.whereabouts.model.id.SourceSystemId;
import dev.whereabouts.model.identity.PseudonymisationKeys;
import dev.whereabouts.model.identity.Pseudonymiser;
import dev.whereabouts.model.serde.CachingSchemaRegistryClient;
import dev.whereabouts.model.serde.RestSchemaRegistryClient;
import dev.whereabouts.model.sharing.SharingAction;
import dev.whereabouts.stack.junit.EmbeddedStackExtension;
import dev.whereabouts.stack.junit.StackFixture;
import dev.whereabouts.web.ProblemException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A broker or registry that does not answer: the request gets 503 with Retry-After, nothing is claimed accepted. */
@ExtendWith(EmbeddedStackExtension.class)
class IngestUnavailableIT {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(3);

    @Test
    void shouldAnswer503WhenTheBrokerIsDown(StackFixture stack) throws Exception {
        String deadBroker = "127.0.0.1:" + freePort();
        try (WhereaboutsEmitter emitter =
                emitter(deadBroker, stack.registryUrl().toString())) {
            IngestService service = service(emitter);

            assertThatThrownBy(() -> service.publish(List.of(anEvent())))
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.problem().status()).isEqualTo(503);
                        assertThat(e.problem().detail()).contains("resend the same request");
                        assertThat(e.retryAfter()).isPresent();
                    });
            assertThat(service.counters())
                    .containsEntry("events_failed_total", 1L)
                    .containsEntry("events_accepted_total", 0L);
        }
    }

    @Test
    void shouldAnswer503WhenTheRegistryIsDownAndAcceptTheResendLater(StackFixture stack) throws Exception {
        String deadRegistry = "http://127.0.0.1:" + freePort();
        try (WhereaboutsEmitter emitter = emitter(stack.bootstrapServers(), deadRegistry)) {
            IngestService service = service(emitter);

            assertThatThrownBy(() -> service.publish(List.of(anEvent())))
                    .isInstanceOfSatisfying(
                            ProblemException.class,
                            e -> assertThat(e.problem().status()).isEqualTo(503));
        }
        try (WhereaboutsEmitter emitter =
                emitter(stack.bootstrapServers(), stack.registryUrl().toString())) {
            assertThat(service(emitter).publish(List.of(anEvent())))
                    .singleElement()
                    .satisfies(accepted -> assertThat(accepted.duplicate()).isFalse());
        }
    }

    private static IngestService service(WhereaboutsEmitter emitter) {
        return new IngestService(
                emitter,
                () -> Optional.of(CatalogLoader.seed()),
                new EventValidator(DataCategories.fideslang()),
                1000,
                ACK_TIMEOUT);
    }

    private static WhereaboutsEmitter emitter(String bootstrap, String registryUrl) {
        return WhereaboutsEmitter.builder()
                .bootstrapServers(bootstrap)
                .schemaRegistry(new CachingSchemaRegistryClient(new RestSchemaRegistryClient(registryUrl)))
                .sourceSystem("ingest-http")
                .pseudonymiser(new Pseudonymiser(PseudonymisationKeys.demo()))
                .set("request.timeout.ms", 2000)
                .deliveryTimeout(Duration.ofSeconds(4))
                .build();
    }

    private static IncomingEvent anEvent() {
        return new IncomingEvent(
                "",
                Optional.of(EventId.of("order-7-mail")),
                Optional.empty(),
                SourceSystemId.of("smarttrackers-app"),
                List.of(new Pseudonymiser(PseudonymisationKeys.demo())
                        .pseudonymise(IdentifierType.EMAIL, "carol@example.com")),
                HolderId.of("postmark"),
                List.of(CategoryKey.of("user.contact.email")),
                PurposeId.of("system-mail"),
                LegalBasis.CONTRACT,
                Optional.empty(),
                SharingAction.SHARED);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
