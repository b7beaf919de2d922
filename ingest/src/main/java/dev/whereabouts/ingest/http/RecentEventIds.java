package dev.whereabouts.ingest.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The event ids this ingest instance accepted recently, so a client that resends after a timeout
 * gets its answer without publishing the event twice. Bounded (least recently accepted ids fall out);
 * beyond it, and across instances and restarts, the Streams topology deduplicates by event id too.
 */
final class RecentEventIds {

    private final Map<String, Boolean> ids;

    RecentEventIds(int capacity) {
        this.ids = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized boolean contains(String eventId) {
        return ids.containsKey(eventId);
    }

    /** Remembers ids only once Kafka acknowledged them: a failed publish must stay retryable. */
    synchronized void addAll(Iterable<String> eventIds) {
        for (String id : eventIds) {
            ids.put(id, Boolean.TRUE);
        }
    }
}
