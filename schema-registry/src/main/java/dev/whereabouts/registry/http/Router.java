package dev.whereabouts.registry.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maps a method and decoded path segments to an endpoint. Patterns are literal segments and
 * {@code {name}} placeholders that match exactly one segment; the first matching route wins.
 */
final class Router {

    /** Handles one request; throws {@link dev.whereabouts.registry.RegistryException} to fail. */
    @FunctionalInterface
    interface Endpoint {
        Response handle(Request request);
    }

    /** A matched endpoint and the values of its placeholders. */
    record Match(Endpoint endpoint, Map<String, String> pathParameters) {}

    private record Route(String method, List<String> pattern, Endpoint endpoint) {}

    private final List<Route> routes = new ArrayList<>();

    /** Adds a route, e.g. {@code add("GET", "/subjects/{subject}/versions", ...)}. */
    Router add(String method, String pattern, Endpoint endpoint) {
        List<String> segments = new ArrayList<>();
        for (String segment : pattern.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        routes.add(new Route(method, List.copyOf(segments), endpoint));
        return this;
    }

    /** The endpoint for {@code method} at {@code segments}, if any. */
    Optional<Match> match(String method, List<String> segments) {
        for (Route route : routes) {
            if (route.method().equals(method)) {
                Map<String, String> parameters = bind(route.pattern(), segments);
                if (parameters != null) {
                    return Optional.of(new Match(route.endpoint(), parameters));
                }
            }
        }
        return Optional.empty();
    }

    /** Methods some route accepts at {@code segments}; empty if the path is unknown. */
    Set<String> allowedMethods(List<String> segments) {
        Set<String> methods = new TreeSet<>();
        for (Route route : routes) {
            if (bind(route.pattern(), segments) != null) {
                methods.add(route.method());
            }
        }
        return methods;
    }

    private static Map<String, String> bind(List<String> pattern, List<String> segments) {
        if (pattern.size() != segments.size()) {
            return null;
        }
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String expected = pattern.get(i);
            if (expected.startsWith("{") && expected.endsWith("}")) {
                parameters.put(expected.substring(1, expected.length() - 1), segments.get(i));
            } else if (!expected.equals(segments.get(i))) {
                return null;
            }
        }
        return parameters;
    }
}
