package dev.whereabouts.streams.routing;

import dev.whereabouts.streams.state.Route;

/** Hands a routing message to the task that owns its key: this one, at once, or another, through the routing topic. */
@FunctionalInterface
public interface RouteSender {

    void send(String key, Route route, long timestamp);
}
