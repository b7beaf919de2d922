package dev.whereabouts.dispatch;

import dev.whereabouts.catalog.LiveCatalog;
import dev.whereabouts.model.config.CommonSettings;
import dev.whereabouts.model.config.DeliverySettings;
import dev.whereabouts.model.config.KafkaClientSettings;
import dev.whereabouts.model.config.Settings;
import dev.whereabouts.model.dsr.DeliveryKeys;
import dev.whereabouts.model.lifecycle.StartedResources;
import dev.whereabouts.model.serde.CachingSchemaRegistryClient;
import dev.whereabouts.model.serde.RestSchemaRegistryClient;
import dev.whereabouts.model.serde.SchemaRegistryClient;
import dev.whereabouts.model.serde.SerdeConfig;
import dev.whereabouts.model.topic.TopicSerdes;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task dispatcher service: reads {@link DispatchSettings}, {@link DeliverySettings} and the shared
 * keys, follows the catalog, and runs a {@link TaskDispatcher} until SIGTERM. {@link #start} returns a
 * running instance (the launcher runs one inside the platform); {@link #close} stops the dispatcher
 * first (committing what is done), then the catalog and the registry client.
 */
public final class DispatcherApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DispatcherApp.class);
    private static final Duration CATALOG_TIMEOUT = Duration.ofSeconds(60);

    private final StartedResources resources;
    private final TaskDispatcher dispatcher;
    private final MailDrop mail;

    private DispatcherApp(StartedResources resources, TaskDispatcher dispatcher, MailDrop mail) {
        this.resources = resources;
        this.dispatcher = dispatcher;
        this.mail = mail;
    }

    public static void main(String[] args) throws Exception {
        Settings settings = DispatchSettings.COMMAND_LINE.parseOrExit(args);
        DispatcherApp app;
        try {
            app = start(settings);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            app.close();
                            stopped.countDown();
                        },
                        "dispatcher-shutdown"));
        LOG.info("task dispatcher running; e-mail goes to {}", app.mail().describe());
        stopped.await();
    }

    /**
     * Checks every key, waits until the catalog is read (60 s at most) and starts delivering.
     *
     * @throws IllegalArgumentException naming a missing or bad setting
     * @throws IllegalStateException    when the catalog could not be read in time
     */
    public static DispatcherApp start(Settings settings) {
        DispatchSettings.validate(settings);
        DeliveryKeys keys = DeliveryKeys.fromSettings(settings);
        if (settings.get(CommonSettings.DEMO) && !settings.isSet(DeliverySettings.TASK_TOKEN_KEY)) {
            LOG.warn("using the public demo callback token key and webhook secrets: for the embedded demo only");
        }
        Clock clock = Clock.systemUTC();
        CallbackLinks links = new CallbackLinks(settings.get(DeliverySettings.CALLBACK_URL), keys.tokens());
        MailDrop mail = mailDrop(settings, clock);
        StartedResources resources = new StartedResources();
        try {
            SerdeConfig serdeConfig = SerdeConfig.builder()
                    .schemaRegistryUrl(settings.get(CommonSettings.REGISTRY_URL))
                    .build();
            SchemaRegistryClient registry = new CachingSchemaRegistryClient(new RestSchemaRegistryClient(serdeConfig));
            resources.track(registry);
            TopicSerdes serdes = new TopicSerdes(registry, serdeConfig);
            Map<String, Object> kafka = KafkaClientSettings.clientProperties(settings);
            LiveCatalog catalog = LiveCatalog.start(kafka, serdes);
            resources.track(catalog);
            if (!catalog.awaitLoaded(CATALOG_TIMEOUT)) {
                throw new IllegalStateException(
                        "the catalog topics could not be read within " + CATALOG_TIMEOUT.toSeconds() + " s");
            }
            FailedDeliveries failures = FailedDeliveries.create(kafka, serdes, clock);
            resources.track(failures);
            TaskDispatcher dispatcher = TaskDispatcher.create(
                    kafka,
                    settings.get(DispatchSettings.GROUP_ID),
                    serdes,
                    new TaskDispatcher.Parts(
                            catalog,
                            keys,
                            new WebhookChannel(
                                    Duration.ofMillis(settings.get(DispatchSettings.HTTP_CONNECT_TIMEOUT_MS)),
                                    Duration.ofMillis(settings.get(DispatchSettings.HTTP_REQUEST_TIMEOUT_MS)),
                                    links,
                                    clock),
                            new EmailChannel(mail, settings.get(DispatchSettings.SMTP_FROM), links, clock),
                            failures,
                            DispatchSettings.backoff(settings),
                            settings.get(DispatchSettings.THREADS),
                            settings.get(DispatchSettings.MAX_PENDING)));
            resources.track(dispatcher);
            dispatcher.start();
            return new DispatcherApp(resources, dispatcher, mail);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            resources.close();
            throw new IllegalStateException("interrupted while starting the task dispatcher", e);
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    /** SMTP when {@code smtp.host} is set, the outbox directory otherwise. */
    static MailDrop mailDrop(Settings settings, Clock clock) {
        if (settings.isSet(DispatchSettings.SMTP_HOST)) {
            return SmtpDrop.fromSettings(settings);
        }
        return new OutboxDrop(Path.of(settings.get(DispatchSettings.OUTBOX_DIR)), clock);
    }

    public TaskDispatcher dispatcher() {
        return dispatcher;
    }

    /** Where e-mail goes: an SMTP server or the outbox directory. */
    public MailDrop mail() {
        return mail;
    }

    @Override
    public void close() {
        resources.close();
    }
}
