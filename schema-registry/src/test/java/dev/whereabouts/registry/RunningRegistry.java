package dev.whereabouts.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit extension: a real registry on an ephemeral port over a fresh data directory per test.
 *
 * <pre>{@code @RegisterExtension final RunningRegistry registry = new RunningRegistry();}</pre>
 */
public final class RunningRegistry implements BeforeEachCallback, AfterEachCallback {

    private Path dataDirectory;
    private SchemaRegistryServer server;
    private RegistryClient client;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dataDirectory = Files.createTempDirectory("schema-registry-test");
        start();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        stop();
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** Closes the running server and starts a new one on the same data directory. */
    public void restart() throws IOException {
        stop();
        start();
    }

    public void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    public void start() throws IOException {
        server =
                SchemaRegistryServer.start(RegistryConfig.defaults().withPort(0).withDataDirectory(dataDirectory));
        client = new RegistryClient(server.url());
    }

    public RegistryClient client() {
        return client;
    }

    public SchemaRegistryServer server() {
        return server;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }
}
