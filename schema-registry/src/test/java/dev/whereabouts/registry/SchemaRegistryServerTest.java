package dev.whereabouts.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lifecycle of the server and its command line. */
class SchemaRegistryServerTest {

    @TempDir
    Path dataDirectory;

    RegistryConfig config() {
        return RegistryConfig.defaults().withPort(0).withDataDirectory(dataDirectory);
    }

    @Test
    void shouldBindAnEphemeralPortWhenConfiguredWithZero() throws IOException {
        try (SchemaRegistryServer server = SchemaRegistryServer.start(config())) {
            assertThat(server.port()).isPositive();
            assertThat(server.url()).isEqualTo(URI.create("http://127.0.0.1:" + server.port()));
            assertThat(new RegistryClient(server.url()).get("/subjects").status())
                    .isEqualTo(200);
        }
    }

    @Test
    void shouldReportLoopbackUrlWhenBoundToTheWildcardAddress() throws IOException {
        try (SchemaRegistryServer server = SchemaRegistryServer.start(config().withHost("0.0.0.0"))) {
            assertThat(server.url().getHost()).isEqualTo("127.0.0.1");
            assertThat(new RegistryClient(server.url()).get("/subjects").status())
                    .isEqualTo(200);
        }
    }

    @Test
    void shouldStopServingWithinOneSecondOfClose() throws IOException {
        SchemaRegistryServer server = SchemaRegistryServer.start(config());
        RegistryClient client = new RegistryClient(server.url());
        client.register("users-value", "\"string\"");

        long started = System.nanoTime();
        server.close();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThatThrownBy(() -> client.get("/subjects")).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void shouldTolerateClosingTwice() throws IOException {
        SchemaRegistryServer server = SchemaRegistryServer.start(config());

        server.close();
        server.close();
    }

    @Test
    void shouldReleaseTheDataDirectoryWhenThePortIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> SchemaRegistryServer.start(config().withPort(taken.getLocalPort())))
                    .isInstanceOf(IOException.class);
        }

        try (SchemaRegistryServer server = SchemaRegistryServer.start(config())) {
            assertThat(server.port()).isPositive();
        }
    }

    @Test
    void shouldUseDefaultsWhenGivenNoArguments() {
        assertThat(SchemaRegistryServer.parseArguments(new String[0], Map.of())).isEqualTo(RegistryConfig.defaults());
    }

    @Test
    void shouldReadOptionsFromTheCommandLine() {
        RegistryConfig config = SchemaRegistryServer.parseArguments(
                new String[] {
                    "--port",
                    "9091",
                    "--data-dir",
                    "/var/lib/registry",
                    "--host=0.0.0.0",
                    "--default-compatibility",
                    "full"
                },
                Map.of());

        assertThat(config)
                .isEqualTo(new RegistryConfig("0.0.0.0", 9091, Path.of("/var/lib/registry"), CompatibilityLevel.FULL));
    }

    @Test
    void shouldReadOptionsFromTheEnvironmentAndLetTheCommandLineWin() {
        RegistryConfig config = SchemaRegistryServer.parseArguments(
                new String[] {"--port", "9092"},
                Map.of("WHEREABOUTS_REGISTRY_PORT", "9091", "WHEREABOUTS_REGISTRY_DATA_DIR", "/srv/registry"));

        assertThat(config.port()).isEqualTo(9092);
        assertThat(config.dataDirectory()).isEqualTo(Path.of("/srv/registry"));
    }

    @Test
    void shouldRejectUnknownOrInvalidOptions() {
        assertThatThrownBy(() -> SchemaRegistryServer.parseArguments(new String[] {"--colour", "blue"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--colour");
        assertThatThrownBy(() -> SchemaRegistryServer.parseArguments(new String[] {"--port", "eighty"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--port");
        assertThatThrownBy(() -> SchemaRegistryServer.parseArguments(new String[] {"--port"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--port");
        assertThatThrownBy(() -> SchemaRegistryServer.parseArguments(
                        new String[0], Map.of("WHEREABOUTS_REGISTRY_DEFAULT_COMPATIBILITY", "LOOSE")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("WHEREABOUTS_REGISTRY_DEFAULT_COMPATIBILITY");
    }

    @Test
    void shouldReturnNoConfigurationWhenHelpIsAsked() {
        assertThat(SchemaRegistryServer.parseArguments(new String[] {"--help"}, Map.of()))
                .isNull();
    }
}
