package dev.whereabouts.model.serde;

import java.util.List;

/**
 * No usable HTTP answer came back from any configured Schema Registry URL: connection refused,
 * unknown host, TLS failure, timeout, or the calling thread was interrupted.
 *
 * <p>A separate type because the remedy differs from every other registry error: the schema is
 * probably fine, the registry is not reachable, so retrying later can succeed. {@link
 * #httpStatus()} and {@link #errorCode()} are both {@value SchemaRegistryException#NO_RESPONSE}.
 */
public class SchemaRegistryConnectionException extends SchemaRegistryException {

    private final List<String> urls;

    /**
     * @param message what failed, naming every URL that was tried
     * @param urls the registry URLs that were tried, in order
     * @param cause the last transport failure
     */
    public SchemaRegistryConnectionException(String message, List<String> urls, Throwable cause) {
        super(message, NO_RESPONSE, NO_RESPONSE, cause);
        this.urls = List.copyOf(urls);
    }

    /** The registry URLs that were tried, in order. */
    public List<String> urls() {
        return urls;
    }

    @Override
    SchemaRegistryException withContext(String context) {
        return new SchemaRegistryConnectionException(context + ": " + getMessage(), urls, this);
    }
}
