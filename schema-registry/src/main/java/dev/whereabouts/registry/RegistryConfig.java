package dev.whereabouts.registry;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Configuration of a {@link SchemaRegistryServer}.
 *
 * @param host                 interface to bind; {@code 127.0.0.1} by default so the embedded
 *                             registry is not reachable from other machines
 * @param port                 TCP port to bind, 0 for an ephemeral port; 8081 by default
 *                             (Confluent's)
 * @param dataDirectory        directory holding the durable log; created if missing;
 *                             {@code ./data/registry} by default
 * @param defaultCompatibility global compatibility level until one is set through
 *                             {@code PUT /config}; {@link CompatibilityLevel#BACKWARD} by default
 *                             (Confluent's)
 */
public record RegistryConfig(String host, int port, Path dataDirectory, CompatibilityLevel defaultCompatibility) {

    /** Default bind address: loopback only. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Default port: the one Confluent Schema Registry uses. */
    public static final int DEFAULT_PORT = 8081;
    /** Default data directory, relative to the working directory. */
    public static final Path DEFAULT_DATA_DIRECTORY = Path.of("data", "registry");
    /** Default global compatibility level: Confluent's default. */
    public static final CompatibilityLevel DEFAULT_COMPATIBILITY = CompatibilityLevel.BACKWARD;

    /** Validates every component; throws {@link IllegalArgumentException} naming the bad one. */
    public RegistryConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(defaultCompatibility, "defaultCompatibility");
        host = host.strip();
    }

    /** {@code 127.0.0.1:8081}, {@code ./data/registry}, {@code BACKWARD}. */
    public static RegistryConfig defaults() {
        return new RegistryConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_DATA_DIRECTORY, DEFAULT_COMPATIBILITY);
    }

    /** A copy bound to {@code newHost}. */
    public RegistryConfig withHost(String newHost) {
        return new RegistryConfig(newHost, port, dataDirectory, defaultCompatibility);
    }

    /** A copy bound to {@code newPort} (0 for an ephemeral port). */
    public RegistryConfig withPort(int newPort) {
        return new RegistryConfig(host, newPort, dataDirectory, defaultCompatibility);
    }

    /** A copy storing its log under {@code newDataDirectory}. */
    public RegistryConfig withDataDirectory(Path newDataDirectory) {
        return new RegistryConfig(host, port, newDataDirectory, defaultCompatibility);
    }

    /** A copy with {@code newDefault} as the global level until one is set over HTTP. */
    public RegistryConfig withDefaultCompatibility(CompatibilityLevel newDefault) {
        return new RegistryConfig(host, port, dataDirectory, newDefault);
    }
}
