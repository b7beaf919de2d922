package dev.whereabouts.launcher;

import dev.whereabouts.launcher.demo.DemoData;
import dev.whereabouts.launcher.demo.DemoWebhookHolder;
import dev.whereabouts.model.config.CommonSettings;
import dev.whereabouts.model.config.DeliverySettings;
import dev.whereabouts.model.config.Settings;
import dev.whereabouts.model.dsr.DeliveryKeys;
import dev.whereabouts.stack.StackConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The one-command platform for tests in other packages (the console's browser tests): on ephemeral ports
 * in a fresh data directory, outside the demo, with a DPO token, an engineer token and a pseudonymisation
 * key of its own.
 */
public final class PlatformFixture implements AutoCloseable {

    public static final String DPO_TOKEN = "browser-dpo-token-0123456789";
    public static final String ENGINEER_TOKEN = "browser-engineer-token-0123456789";
    static final String TOKENS = DPO_TOKEN + "=dpo@smarttrackers.nl:DPO," + ENGINEER_TOKEN + "=app:ENGINEER";
    static final String KEYS = "browser-key:YnJvd3Nlci10ZXN0LWtleS0wMTIzNDU2Nzg5YWJjZGVm";

    static final String TASK_TOKEN_KEY = "browser-task-token-key-0123456789";

    private final Platform platform;
    private final DemoWebhookHolder postmark;

    private PlatformFixture(Platform platform, DemoWebhookHolder postmark) {
        this.platform = platform;
        this.postmark = postmark;
    }

    /** Starts the platform with {@code demoPeople} demo people, tokens required. */
    public static PlatformFixture startSecured(int demoPeople) {
        try {
            Path data = Files.createTempDirectory("whereabouts-platform-");
            StackConfig config =
                    StackConfig.fromEnvironment().withDataDirectory(data).withEphemeralPorts();
            Settings settings = Settings.fromProcess()
                    .with(CommonSettings.API_TOKENS, TOKENS)
                    .with(CommonSettings.PSEUDONYM_KEYS, KEYS)
                    .with(DeliverySettings.TASK_TOKEN_KEY, TASK_TOKEN_KEY)
                    // Postmark's webhook goes where the seed catalog says (127.0.0.1:8095): the demo
                    // holder, signing with its published secret, which this platform is told to trust.
                    .with(DeliverySettings.WEBHOOK_SECRETS, "postmark=" + DeliveryKeys.demoWebhookSecret("postmark"));
            DemoWebhookHolder postmark = DemoWebhookHolder.start(
                    "127.0.0.1",
                    PlatformSettings.DEMO_HOLDER_PORT.defaultParsed(),
                    Clock.systemUTC(),
                    Duration.ofSeconds(1));
            Platform platform = Platform.start(
                    config,
                    new PlatformOptions(0, 0, demoPeople, false, 0),
                    Optional.empty(),
                    settings,
                    new PrintStream(new ByteArrayOutputStream()));
            return new PlatformFixture(platform, postmark);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI dpoUrl() {
        return platform.dpoUrl();
    }

    public URI ingestUrl() {
        return platform.ingestUrl();
    }

    public Platform platform() {
        return platform;
    }

    /** Where demo person {@code n}'s e-mail address is, as the demo loaded them. */
    public static String demoEmail(int n) {
        return DemoData.email(n);
    }

    /**
     * A holder on the Kafka channel answering its task from its own system, as {@code ./whereabouts outcome}
     * does it.
     */
    public void reportOnKafka(String requestId, String holder, String outcome, String evidence) {
        int exit = Main.commandLine()
                .execute(
                        "outcome",
                        "--request",
                        requestId,
                        "--holder",
                        holder,
                        "--outcome",
                        outcome,
                        "--evidence",
                        evidence,
                        "--bootstrap-servers",
                        platform.infrastructure().bootstrapServers(),
                        "--registry-url",
                        platform.infrastructure().registryUrl().toString());
        if (exit != 0) {
            throw new IllegalStateException("./whereabouts outcome exited with " + exit);
        }
    }

    @Override
    public void close() {
        platform.close();
        postmark.close();
    }
}
