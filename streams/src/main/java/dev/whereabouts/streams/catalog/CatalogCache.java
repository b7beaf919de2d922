package dev.whereabouts.streams.catalog;

import dev.whereabouts.model.catalog.DeclaredFlow;
import dev.whereabouts.model.catalog.Holder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog as every stream task sees it: the two global stores, read into one
 * {@link TopologyCatalog} snapshot that is rebuilt only after the global thread has applied a catalog
 * change. Catalog changes are rare and the catalog is small, so a rebuild reads both stores whole;
 * per record the cost is one volatile read.
 *
 * <p>One instance is shared by every thread of one topology instance. It is rebuilt from the stores
 * (not from the update stream) because Streams restores global stores without calling their
 * processors.
 */
public final class CatalogCache {

    public static final String HOLDERS_STORE = "catalog-holders";
    public static final String FLOWS_STORE = "catalog-flows";

    private static final Logger LOG = LoggerFactory.getLogger(CatalogCache.class);

    private final AtomicLong version = new AtomicLong();
    private volatile long builtVersion = -1;
    private volatile TopologyCatalog view = TopologyCatalog.EMPTY;

    /** Called by the global processors after they changed a store. */
    void changed() {
        version.incrementAndGet();
    }

    /** The current catalog; {@code context} gives access to the global stores. */
    public TopologyCatalog view(ProcessorContext<?, ?> context) {
        long current = version.get();
        if (current != builtVersion) {
            rebuild(context, current);
        }
        return view;
    }

    private synchronized void rebuild(ProcessorContext<?, ?> context, long current) {
        if (current == builtVersion) {
            return;
        }
        ReadOnlyKeyValueStore<String, Holder> holders = context.getStateStore(HOLDERS_STORE);
        ReadOnlyKeyValueStore<String, DeclaredFlow> flows = context.getStateStore(FLOWS_STORE);
        Map<String, Holder> holderMap = new HashMap<>();
        List<DeclaredFlow> flowList = new ArrayList<>();
        readAll(holders, (k, v) -> holderMap.put(k, v));
        readAll(flows, (k, v) -> flowList.add(v));
        view = new TopologyCatalog(holderMap, flowList);
        builtVersion = current;
        LOG.info("catalog loaded: {} holders, {} declared flows", holderMap.size(), flowList.size());
    }

    private static <V> void readAll(
            ReadOnlyKeyValueStore<String, V> store, java.util.function.BiConsumer<String, V> sink) {
        try (KeyValueIterator<String, V> all = store.all()) {
            while (all.hasNext()) {
                try {
                    KeyValue<String, V> entry = all.next();
                    if (entry.value != null) {
                        sink.accept(entry.key, entry.value);
                    }
                } catch (RuntimeException e) {
                    // A poison catalog record restored byte for byte: it was dead-lettered by the
                    // deserialisation handler when first read; here it is skipped.
                    LOG.warn("skipping unreadable catalog entry: {}", e.getMessage());
                }
            }
        }
    }
}
