package dev.whereabouts.benchmark;

import dev.whereabouts.graph.schema.Cypher;
import dev.whereabouts.model.common.IdentifierType;
import dev.whereabouts.model.identity.Pseudonymiser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;

/**
 * The lookups the lookup and graph phases time, one client, one at a time, of random people: the
 * point lookup over Bolt (identifier → subject → holders, the ceiling) and the DPO lookup over HTTP
 * with a raw e-mail (pseudonymised, resolved, read, audited). Seeds are fixed, so a rerun asks for
 * the same people in the same order.
 */
final class Lookups {

    private static final String POINT_LOOKUP = Cypher.of("""
            MATCH (:${Identifier} {pseudonym: $p})-[:${IDENTIFIES}]->(s:${Subject})-[r:${SHARED_WITH}]->(h:${Holder})
            RETURN r.category, h.id, r.status, r.retentionUntil
            """);

    /** Bolt lookups timed, and how many of them found nothing. */
    record BoltRun(Latencies latencies, int empty) {}

    private Lookups() {}

    /**
     * @param email  the e-mail of person {@code i}
     * @param people the people to draw from
     * @param warmUp untimed lookups first
     */
    static BoltRun overBolt(
            Driver driver, Pseudonymiser pseudonymiser, IntFunction<String> email, int people, int warmUp, int count) {
        Latencies latencies = new Latencies();
        int empty = 0;
        SplittableRandom random = new SplittableRandom(7);
        try (Session session = driver.session()) {
            for (int i = -warmUp; i < count; i++) {
                String pseudonym = pseudonymiser
                        .pseudonymise(IdentifierType.EMAIL, email.apply(random.nextInt(people)))
                        .getPseudonym();
                long start = System.nanoTime();
                int rows =
                        session.run(POINT_LOOKUP, Map.of("p", pseudonym)).list().size();
                if (i >= 0) {
                    latencies.since(start);
                    empty += rows == 0 ? 1 : 0;
                }
            }
        }
        return new BoltRun(latencies, empty);
    }

    /** DPO lookups over HTTP; every answer must be 200. */
    static Latencies overHttp(HttpClient http, URI api, IntFunction<String> email, int people, int warmUp, int count)
            throws Exception {
        Latencies latencies = new Latencies();
        SplittableRandom random = new SplittableRandom(11);
        for (int i = -warmUp; i < count; i++) {
            HttpRequest request = request(api, email.apply(random.nextInt(people)));
            long start = System.nanoTime();
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(
                        "the DPO lookup answered " + answer.statusCode() + ": " + answer.body());
            }
            if (i >= 0) {
                latencies.since(start);
            }
        }
        return latencies;
    }

    /** {@code POST /v1/lookup} of a raw e-mail on the DPO API at {@code api}. */
    static HttpRequest request(URI api, String email) {
        return HttpRequest.newBuilder(api.resolve("/v1/lookup"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"subject\":{\"email\":\"" + email + "\"},\"reason\":\"benchmark\"}"))
                .build();
    }
}
