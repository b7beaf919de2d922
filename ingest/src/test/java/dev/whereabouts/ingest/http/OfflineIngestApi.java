package dev.whereabouts.ingest.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whereabouts.catalog.DataCategories;
import dev.whereabouts.emitter.WhereaboutsEmitter;
import dev.whereabouts.ingest.validation.EventValidator;
import dev.whereabouts.model.identity.PseudonymisationKeys;
import dev.whereabouts.model.identity.Pseudonymiser;
import dev.whereabouts.web.Authenticator;
import dev.whereabouts.web.HttpService;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.MockProducer;

/**
 * The ingest API served on a free port with no broker behind it: the emitter sends into Kafka's
 * {@code MockProducer} and no catalog is loaded, so only what needs neither can be exercised (documents,
 * probes, metrics, malformed bodies). Everything that reaches Kafka is tested in {@code IngestHttpIT}.
 */
final class OfflineIngestApi implements AutoCloseable {

    private final WhereaboutsEmitter emitter;
    private final IngestApi api;
    private final HttpService http;

    OfflineIngestApi() throws IOException {
        Pseudonymiser pseudonymiser = new Pseudonymiser(PseudonymisationKeys.demo());
        emitter = WhereaboutsEmitter.builder()
                .sourceSystem("ingest-http")
                .pseudonymiser(pseudonymiser)
                .producer(new MockProducer<>())
                .build();
        IngestService service = new IngestService(
                emitter, Optional::empty, new EventValidator(DataCategories.fideslang()), 10, Duration.ofSeconds(1));
        ObjectMapper json = new ObjectMapper();
        // the metrics read the server's response counts, and the server serves the metrics' routes
        AtomicReference<HttpService> started = new AtomicReference<>();
        api = new IngestApi(
                service,
                pseudonymiser,
                () -> new IngestApi.Readiness(true, Map.of()),
                IngestMetrics.registry(
                        service, emitter::metrics, () -> started.get().responseCounts()),
                json);
        http = HttpService.start("ingest", "127.0.0.1", 0, 2, api.routes(), Authenticator.demo(), json);
        started.set(http);
    }

    IngestApi api() {
        return api;
    }

    URI url() {
        return http.url();
    }

    @Override
    public void close() {
        http.close();
        emitter.close();
    }
}
