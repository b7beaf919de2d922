package dev.whereabouts.catalog;

/**
 * Where a validated catalog goes: {@link CatalogPublisher} writes it to the catalog topics.
 * {@link CatalogWatcher} depends on this interface only.
 */
@FunctionalInterface
public interface CatalogSink {

    /**
     * Makes {@code catalog} the current one, writing only what changed.
     *
     * @throws RuntimeException when it could not; the caller keeps its previous catalog and retries
     */
    PublishResult publish(Catalog catalog);
}
