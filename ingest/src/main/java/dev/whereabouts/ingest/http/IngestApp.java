package dev.whereabouts.ingest.http;

import dev.whereabouts.model.config.CommonSettings;
import dev.whereabouts.model.config.ServiceCommandLine;
import dev.whereabouts.model.config.Settings;
import dev.whereabouts.model.identity.Pseudonymiser;
import dev.whereabouts.web.Authenticator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the HTTP ingest service on its own, configured from the environment and system properties
 * ({@link IngestSettings} and the shared {@link CommonSettings}: {@code api.tokens},
 * {@code pseudonym.keys}, {@code demo}). Outside the demo ({@code WHEREABOUTS_DEMO=true}) tokens and
 * keys are required: no anonymous publishing, no demo key.
 */
public final class IngestApp {

    /** Bearer tokens with roles, e.g. {@code <token>=checkout-service:ENGINEER}; see {@link Authenticator#fromSpec}. */
    public static final String TOKENS_ENV = CommonSettings.API_TOKENS.environmentVariable();
    /** {@code true} only for the embedded demo: anonymous callers and the public demo key. */
    public static final String DEMO_ENV = CommonSettings.DEMO.environmentVariable();

    private IngestApp() {}

    /** The service's own command line: these keys, {@code ingest.} dropped from the option names. */
    private static final ServiceCommandLine COMMAND_LINE = new ServiceCommandLine(
            "IngestApp",
            "Runs the HTTP ingest service.",
            List.of(IngestSettings.GROUP, CommonSettings.GROUP),
            "ingest.");

    public static void main(String[] args) throws Exception {
        Settings settings = COMMAND_LINE.parseOrExit(args);
        IngestServer server = IngestServer.start(settings, authenticator(settings), pseudonymiser(settings));
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

    /** Tokens from {@code api.tokens}; the anonymous demo caller only when {@code demo} is true. */
    public static Authenticator authenticator(Settings settings) {
        String tokens = settings.get(CommonSettings.API_TOKENS);
        if (!tokens.isBlank()) {
            return Authenticator.fromSpec(tokens);
        }
        if (settings.get(CommonSettings.DEMO)) {
            return Authenticator.demo();
        }
        throw new IllegalArgumentException(TOKENS_ENV + " is not set: outside the demo every caller needs a token");
    }

    /** As {@link #pseudonymiser(Settings)}, from environment-style values only. */
    public static Pseudonymiser pseudonymiser(Map<String, String> env) {
        return pseudonymiser(Settings.of(env));
    }

    /** Keys from {@code pseudonym.keys}; the public demo key only when {@code demo} is true. */
    public static Pseudonymiser pseudonymiser(Settings settings) {
        return Pseudonymiser.fromSettings(settings);
    }
}
