package dev.whereabouts.graph.callback;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code Whereabouts-Delivery} ids of signed webhook calls accepted within the replay window,
 * per holder, so a captured call cannot be played again while its signature is still fresh
 * (WebhookSignature). Older ids are forgotten: a call older than the window fails its signature
 * anyway. Bounded: when full, the oldest id goes first. Per API instance (behind a load balancer a
 * replay to another instance still meets the closed task, 409, once the topology closed it).
 */
public final class DeliveryMemory {

    private final Duration window;
    private final int capacity;
    private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

    /**
     * @param window   how long an id is remembered: the signature's replay window
     * @param capacity at most this many ids
     */
    public DeliveryMemory(Duration window, int capacity) {
        this.window = Objects.requireNonNull(window, "window");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    /**
     * Claims a delivery id: true when it was not seen within the window (and is remembered from now
     * on), false for a replay.
     */
    public synchronized boolean claim(String holder, String deliveryId, Instant now) {
        forgetOlderThan(now.minus(window));
        String key = holder + '\u0000' + deliveryId;
        if (seen.containsKey(key)) {
            return false;
        }
        if (seen.size() >= capacity) {
            Iterator<String> oldest = seen.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        seen.put(key, now);
        return true;
    }

    /** Gives a claimed id back, when its call was not accepted after all (the holder may send it again). */
    public synchronized void release(String holder, String deliveryId) {
        seen.remove(holder + '\u0000' + deliveryId);
    }

    /** Ids remembered now. */
    public synchronized int size() {
        return seen.size();
    }

    private void forgetOlderThan(Instant limit) {
        for (Iterator<Map.Entry<String, Instant>> entries = seen.entrySet().iterator(); entries.hasNext(); ) {
            if (entries.next().getValue().isBefore(limit)) {
                entries.remove();
            } else {
                // Insertion order is time order: the rest is younger.
                break;
            }
        }
    }
}
