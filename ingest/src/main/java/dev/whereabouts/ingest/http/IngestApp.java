package dev.whereabouts.ingest.http;

import dev.whereabouts.model.identity.IdentifierNormaliser;
import dev.whereabouts.model.identity.PseudonymisationKeys;
import dev.whereabouts.model.identity.Pseudonymiser;
import dev.whereabouts.web.Authenticator;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the HTTP ingest service on its own, configured from the environment ({@link IngestSetting},
 * {@code WHEREABOUTS_API_TOKENS}, {@code WHEREABOUTS_PSEUDONYM_KEYS}). Outside the demo
 * ({@code WHEREABOUTS_DEMO=true}) tokens and keys are required: no anonymous publishing, no demo key.
 */
public final class IngestApp {

    /** Bearer tokens with roles, e.g. {@code <token>=checkout-service:ENGINEER}; see {@link Authenticator#fromSpec}. */
    public static final String TOKENS_ENV = "WHEREABOUTS_API_TOKENS";
    /** {@code true} only for the embedded demo: anonymous callers and the public demo key. */
    public static final String DEMO_ENV = "WHEREABOUTS_DEMO";

    private IngestApp() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        IngestServer server = IngestServer.start(env, authenticator(env), pseudonymiser(env));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            stopped.countDown();
                        },
                        "ingest-shutdown"));
        System.out.println(
                "Whereabouts ingest serving " + server.url() + " (OpenAPI at " + server.url() + "/openapi.yaml)");
        stopped.await();
    }

    /** Tokens from {@value #TOKENS_ENV}; the anonymous demo caller only when {@value #DEMO_ENV} is true. */
    public static Authenticator authenticator(Map<String, String> env) {
        String tokens = env.get(TOKENS_ENV);
        if (tokens != null && !tokens.isBlank()) {
            return Authenticator.fromSpec(tokens);
        }
        if (Boolean.parseBoolean(env.get(DEMO_ENV))) {
            return Authenticator.demo();
        }
        throw new IllegalArgumentException(TOKENS_ENV + " is not set: outside the demo every caller needs a token");
    }

    /** Keys from {@code WHEREABOUTS_PSEUDONYM_KEYS}; the public demo key only when {@value #DEMO_ENV} is true. */
    public static Pseudonymiser pseudonymiser(Map<String, String> env) {
        String keys = env.get(PseudonymisationKeys.ENVIRONMENT_VARIABLE);
        if (keys != null && !keys.isBlank()) {
            return new Pseudonymiser(
                    PseudonymisationKeys.fromEnvironment(env), IdentifierNormaliser.fromEnvironment(env));
        }
        if (Boolean.parseBoolean(env.get(DEMO_ENV))) {
            return new Pseudonymiser(PseudonymisationKeys.demo(), IdentifierNormaliser.fromEnvironment(env));
        }
        throw new IllegalArgumentException(PseudonymisationKeys.ENVIRONMENT_VARIABLE
                + " is not set: outside the demo the pseudonymisation key must be your own");
    }
}
