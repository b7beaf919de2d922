package dev.whereabouts.catalog;

import dev.whereabouts.model.time.IsoPeriod;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A declared onward flow: whatever the holder {@code from} has of these categories also reaches
 * the holder {@code to}, without a sharing event of its own (hosting, caches, backups, logs).
 *
 * @param id          stable lower-kebab id; the key on the catalog topic
 * @param from        holder id the data flows from
 * @param to          holder id the data flows to
 * @param categories  categories that flow; a parent key covers its children, so {@code user} means
 *                    everything {@code from} holds
 * @param retention   how long {@code to} keeps what flows, e.g. P1Y for backups; empty when the
 *                    receiving holder's own retention applies
 * @param purpose     purpose id of the flow; one of {@code to}'s purposes
 * @param description what the flow is, in words
 */
public record CatalogFlow(
        String id,
        String from,
        String to,
        List<String> categories,
        Optional<IsoPeriod> retention,
        String purpose,
        Optional<String> description) {

    public CatalogFlow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        categories = List.copyOf(categories);
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(description, "description");
    }
}
