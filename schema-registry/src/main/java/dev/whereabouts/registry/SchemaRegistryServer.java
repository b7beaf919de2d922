package dev.whereabouts.registry;

import dev.whereabouts.model.config.ServiceCommandLine;
import dev.whereabouts.model.config.Settings;
import dev.whereabouts.registry.http.RegistryApi;
import dev.whereabouts.registry.store.SchemaStore;
import dev.whereabouts.web.HttpService;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ParameterException;

/**
 * A durable schema registry speaking the Confluent Schema Registry REST API (Avro only), for the
 * embedded stack and local development.
 *
 * <p>{@link #start} replays the data directory's log, binds and serves; every acknowledged
 * mutation is already on disk, so {@link #close} only has to stop serving. Production deployments
 * point their serdes at a real Confluent, Karapace or Apicurio registry instead; see
 * {@code docs/schema-registry.md}.
 */
public final class SchemaRegistryServer implements AutoCloseable {

    /** Threads serving requests: enough for a few clients, small enough to embed anywhere. */
    static final int HTTP_THREADS = 4;

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryServer.class);

    private static final ServiceCommandLine COMMAND_LINE = new ServiceCommandLine(
            "schema-registry",
            "A durable schema registry speaking the Confluent Schema Registry REST API (Avro only).",
            List.of(RegistrySettings.GROUP),
            "registry.");

    private final HttpService http;
    private final SchemaStore store;
    private final URI url;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SchemaRegistryServer(HttpService http, SchemaStore store, URI url) {
        this.http = http;
        this.store = store;
        this.url = url;
    }

    /**
     * Loads the durable state from {@code config.dataDirectory()}, binds and starts serving.
     *
     * @throws IOException if the port cannot be bound, or the data directory is unusable, in use
     *                     by another registry, or corrupt
     */
    public static SchemaRegistryServer start(RegistryConfig config) throws IOException {
        SchemaStore store = SchemaStore.open(config.dataDirectory(), config.defaultCompatibility());
        HttpService http = null;
        try {
            http = HttpService.builder("schema-registry")
                    .host(config.host())
                    .port(config.port())
                    .threads(HTTP_THREADS)
                    .routes(RegistryApi.routes(store))
                    .errors(RegistryApi.errors())
                    .limits(RegistryApi.LIMITS)
                    .start();
            URI url = urlFor(config.host(), http.port());
            LOG.info("Schema registry serving {} from {}", url, config.dataDirectory());
            return new SchemaRegistryServer(http, store, url);
        } catch (IOException | RuntimeException e) {
            if (http != null) {
                http.close();
            }
            store.close();
            throw e;
        }
    }

    /** The port actually bound (the ephemeral one if the configured port was 0). */
    public int port() {
        return url.getPort();
    }

    /**
     * Base URL for clients, e.g. {@code http://127.0.0.1:8081}. A wildcard bind address
     * ({@code 0.0.0.0}) is reported as loopback, which is always reachable from this machine.
     */
    public URI url() {
        return url;
    }

    /** Stops serving at once; idempotent. State needs no flushing: it is durable already. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        http.close();
        try {
            store.close();
        } catch (IOException e) {
            LOG.warn("Could not close the registry's log cleanly", e);
        }
        LOG.info("Schema registry at {} stopped", url);
    }

    /**
     * Runs a standalone registry until the process is terminated (SIGTERM closes it cleanly).
     * Options ({@code --host}, {@code --port}, {@code --data-dir}, {@code --default-compatibility})
     * are generated from {@link RegistrySettings}; each is also an environment variable
     * ({@code WHEREABOUTS_REGISTRY_PORT}, ...). Command-line options win over the environment.
     */
    public static void main(String[] args) {
        RegistryConfig config;
        try {
            config = RegistrySettings.config(COMMAND_LINE.parseOrExit(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        SchemaRegistryServer server;
        try {
            server = start(config);
        } catch (IOException e) {
            LOG.error("Cannot start the schema registry: {}", e.getMessage(), e);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            stopped.countDown();
                        },
                        "schema-registry-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
        }
    }

    /**
     * Builds the configuration from the environment, then the arguments on top.
     *
     * @return the configuration, or null if help was asked for
     * @throws IllegalArgumentException naming the offending option or value
     */
    static RegistryConfig parseArguments(String[] args, Map<String, String> env) {
        Settings settings;
        try {
            settings = COMMAND_LINE.parse(Settings.of(env), args);
        } catch (ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return settings == null ? null : RegistrySettings.config(settings);
    }

    private static URI urlFor(String host, int port) throws UnknownHostException {
        InetAddress address = InetAddress.getByName(host);
        String reachable = address.isAnyLocalAddress() ? "127.0.0.1" : host;
        if (reachable.contains(":") && !reachable.startsWith("[")) {
            reachable = "[" + reachable + "]"; // IPv6 literal
        }
        return URI.create("http://" + reachable + ":" + port);
    }
}
