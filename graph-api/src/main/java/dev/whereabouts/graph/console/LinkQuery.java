package dev.whereabouts.graph.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * A console link with query parameters, each percent-encoded: filters and cursors carried from one
 * page to the next. Absent values are left out, so a link never carries an empty filter.
 */
final class LinkQuery {

    private final String path;
    private final Map<String, String> parameters = new LinkedHashMap<>();

    private LinkQuery(String path) {
        this.path = path;
    }

    static LinkQuery to(String path) {
        return new LinkQuery(path);
    }

    LinkQuery with(String name, String value) {
        if (value != null && !value.isEmpty()) {
            parameters.put(name, value);
        }
        return this;
    }

    LinkQuery with(String name, Optional<String> value) {
        return with(name, value.orElse(null));
    }

    String build() {
        if (parameters.isEmpty()) {
            return path;
        }
        StringJoiner query = new StringJoiner("&", path + "?", "");
        parameters.forEach((name, value) -> query.add(encode(name) + "=" + encode(value)));
        return query.toString();
    }

    /** One path segment, percent-encoded (a space as {@code %20}, never {@code +}). */
    static String segment(String value) {
        return encode(value).replace("+", "%20");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
