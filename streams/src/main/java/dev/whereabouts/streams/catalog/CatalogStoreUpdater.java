package dev.whereabouts.streams.catalog;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Global-store processor for a compacted catalog topic: writes each record (a tombstone deletes)
 * and tells the {@link CatalogCache} to rebuild its snapshot.
 *
 * @param <V> Holder or DeclaredFlow
 */
public final class CatalogStoreUpdater<V> implements Processor<String, V, Void, Void> {

    private final String storeName;
    private final CatalogCache cache;
    private KeyValueStore<String, V> store;

    public CatalogStoreUpdater(String storeName, CatalogCache cache) {
        this.storeName = storeName;
        this.cache = cache;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, V> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
        cache.changed();
    }
}
