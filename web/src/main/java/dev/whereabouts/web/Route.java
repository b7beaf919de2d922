package dev.whereabouts.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One endpoint: method, path template with {@code {name}} segments, the role a caller needs (none
 * for health and documentation), and the handler.
 */
public record Route(String method, String template, Optional<Role> requiredRole, Handler handler) {

    /** Handles a request; throws {@link ProblemException} for anything the client must fix. */
    @FunctionalInterface
    public interface Handler {
        Response handle(Request request) throws Exception;
    }

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(requiredRole, "requiredRole");
        Objects.requireNonNull(handler, "handler");
    }

    public static Route open(String method, String template, Handler handler) {
        return new Route(method, template, Optional.empty(), handler);
    }

    public static Route forRole(Role role, String method, String template, Handler handler) {
        return new Route(method, template, Optional.of(role), handler);
    }

    /** The path parameters when {@code path} matches this template. */
    Optional<Map<String, String>> match(String path) {
        List<String> expected = segments(template);
        List<String> actual = segments(path);
        if (expected.size() != actual.size()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < expected.size(); i++) {
            String want = expected.get(i);
            String got = actual.get(i);
            if (want.startsWith("{") && want.endsWith("}")) {
                if (got.isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(
                        want.substring(1, want.length() - 1),
                        java.net.URLDecoder.decode(got, java.nio.charset.StandardCharsets.UTF_8));
            } else if (!want.equals(got)) {
                return Optional.empty();
            }
        }
        return Optional.of(parameters);
    }

    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return segments;
    }
}
