package dev.whereabouts.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegistryConfigTest {

    @Test
    void shouldDefaultToLoopbackConfluentPortLocalDataAndBackward() {
        assertThat(RegistryConfig.defaults())
                .isEqualTo(new RegistryConfig(
                        "127.0.0.1", 8081, Path.of("data", "registry"), CompatibilityLevel.BACKWARD));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 65_536})
    void shouldRejectPortsOutOfRange(int port) {
        assertThatThrownBy(() -> RegistryConfig.defaults().withPort(port))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void shouldRejectBlankHost(String host) {
        assertThatThrownBy(() -> RegistryConfig.defaults().withHost(host))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("host");
    }

    @Test
    void shouldRejectMissingDataDirectoryOrDefaultCompatibility() {
        assertThatThrownBy(() -> RegistryConfig.defaults().withDataDirectory(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("dataDirectory");
        assertThatThrownBy(() -> RegistryConfig.defaults().withDefaultCompatibility(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("defaultCompatibility");
    }

    @Test
    void shouldCopyWithOneComponentChanged() {
        RegistryConfig config = RegistryConfig.defaults()
                .withHost("0.0.0.0")
                .withPort(0)
                .withDataDirectory(Path.of("/tmp/r"))
                .withDefaultCompatibility(CompatibilityLevel.NONE);

        assertThat(config).isEqualTo(new RegistryConfig("0.0.0.0", 0, Path.of("/tmp/r"), CompatibilityLevel.NONE));
    }

    @Test
    void shouldServeTheConfiguredDefaultCompatibility(@TempDir Path directory) throws Exception {
        try (SchemaRegistryServer server = SchemaRegistryServer.start(RegistryConfig.defaults()
                .withPort(0)
                .withDataDirectory(directory)
                .withDefaultCompatibility(CompatibilityLevel.FULL_TRANSITIVE))) {
            RegistryAssertions.assertJson(
                    new RegistryClient(server.url()).get("/config"),
                    200,
                    "{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}");
        }
    }
}
