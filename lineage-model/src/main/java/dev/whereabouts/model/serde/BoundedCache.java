package dev.whereabouts.model.serde;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A concurrent map that never holds more than {@code capacity} entries.
 *
 * <p>Schemas in a healthy system number in the tens, so the bound exists only to stop a
 * misbehaving producer (a new schema object per record) from growing the heap without limit.
 * Eviction therefore picks an arbitrary entry rather than paying for LRU bookkeeping on every
 * hit of the record path; an evicted entry costs one registry call to restore.
 */
final class BoundedCache<K, V> {

    private final ConcurrentHashMap<K, V> map = new ConcurrentHashMap<>();
    private final int capacity;

    BoundedCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    V get(K key) {
        return map.get(key);
    }

    void put(K key, V value) {
        if (!map.containsKey(key)) {
            Iterator<K> it = map.keySet().iterator();
            while (map.size() >= capacity && it.hasNext()) {
                it.next();
                it.remove();
            }
        }
        map.put(key, value);
    }

    void remove(K key) {
        map.remove(key);
    }

    int size() {
        return map.size();
    }

    void clear() {
        map.clear();
    }
}
