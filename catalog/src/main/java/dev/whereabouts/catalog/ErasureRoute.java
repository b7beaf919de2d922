package dev.whereabouts.catalog;

import dev.whereabouts.model.catalog.ErasureChannel;
import java.util.Objects;
import java.util.Optional;

/**
 * How a holder receives its data-subject request tasks.
 *
 * @param channel  Kafka (the holder consumes its tasks), webhook, email, or manual (a person acts)
 * @param endpoint webhook URL or mailbox; present exactly for {@code WEBHOOK} and {@code EMAIL}
 */
public record ErasureRoute(ErasureChannel channel, Optional<String> endpoint) {

    public ErasureRoute {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(endpoint, "endpoint");
    }
}
