package dev.whereabouts.web;

import java.time.Duration;
import java.util.Objects;

/**
 * What one client may take from a service, so slow or greedy clients cannot stall it (ADR 0004).
 *
 * @param idleTimeout        a connection on which nothing arrives for this long is closed
 * @param requestReadTimeout the whole request body must arrive within this time, else 408; the body is read
 *                           without holding a request thread, so a trickling client costs a connection only
 * @param maxConnections     open connections at once; beyond it the server stops accepting until one closes
 * @param maxBodyBytes       the largest body buffered for any route; a route's own limit
 *                           ({@link Request#body(int)}) may only be smaller
 */
public record Limits(Duration idleTimeout, Duration requestReadTimeout, int maxConnections, int maxBodyBytes) {

    /** 30 s idle, 30 s to send a body, 512 connections, 8 MiB bodies (the registry's largest schema request). */
    public static final Limits DEFAULTS = new Limits(Duration.ofSeconds(30), Duration.ofSeconds(30), 512, 8 << 20);

    public Limits {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(requestReadTimeout, "requestReadTimeout");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive");
        }
        if (requestReadTimeout.isNegative() || requestReadTimeout.isZero()) {
            throw new IllegalArgumentException("requestReadTimeout must be positive");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1");
        }
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes must not be negative");
        }
    }

    public Limits withIdleTimeout(Duration value) {
        return new Limits(value, requestReadTimeout, maxConnections, maxBodyBytes);
    }

    public Limits withRequestReadTimeout(Duration value) {
        return new Limits(idleTimeout, value, maxConnections, maxBodyBytes);
    }

    public Limits withMaxConnections(int value) {
        return new Limits(idleTimeout, requestReadTimeout, value, maxBodyBytes);
    }

    public Limits withMaxBodyBytes(int value) {
        return new Limits(idleTimeout, requestReadTimeout, maxConnections, value);
    }
}
