package dev.whereabouts.catalog;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where each key and value of a YAML document is, by YAML path ({@code holders[3].retention[0]}).
 *
 * <p>Jackson's tree model forgets locations, so the document is streamed once first to record
 * them; the validator then reports semantic problems with a line and column, not only a path.
 * The same pass finds syntax errors, duplicate keys and YAML aliases, which the tree would
 * silently resolve (Jackson reads an alias as the anchor's name, not its content).
 */
final class SourceMap {

    private static final String SYNTAX_PREFIX = "YAML syntax error: ";
    private static final String DUPLICATE_PREFIX = "duplicate key";

    /** A 1-based position in the file. */
    record Position(int line, int column) {}

    /** A problem the streaming pass found: where, and what. */
    record Finding(String path, Position position, String reason) {}

    private final Map<String, Position> values;
    private final Map<String, Position> keys;
    private final List<Finding> findings;
    private final boolean wellFormed;

    private SourceMap(
            Map<String, Position> values, Map<String, Position> keys, List<Finding> findings, boolean wellFormed) {
        this.values = values;
        this.keys = keys;
        this.findings = findings;
        this.wellFormed = wellFormed;
    }

    /**
     * Streams {@code text} and records every location. A syntax error ends the pass; it is the
     * only finding then, since nothing after it can be trusted.
     */
    static SourceMap scan(YAMLFactory factory, String text) {
        Map<String, Position> values = new HashMap<>();
        Map<String, Position> keys = new HashMap<>();
        List<Finding> findings = new ArrayList<>();
        try (JsonParser parser = factory.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                Position position = position(parser.currentTokenLocation());
                if (token == JsonToken.FIELD_NAME) {
                    keys.putIfAbsent(pathOf(parser.getParsingContext()), position);
                    continue;
                }
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    continue;
                }
                String path = pathOf(parser.getParsingContext());
                values.putIfAbsent(path, position);
                if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                    findings.add(new Finding(
                            path,
                            position,
                            "YAML aliases (*" + parser.getText()
                                    + ") are not supported: write the value out, so every holder reads on its own"));
                } else if (parser instanceof YAMLParser yaml && yaml.getObjectId() != null) {
                    findings.add(new Finding(
                            path,
                            position,
                            "YAML anchors (&" + yaml.getObjectId()
                                    + ") are not supported: write the value out, so every holder reads on its own"));
                }
            }
        } catch (JsonProcessingException e) {
            findings.clear();
            JsonLocation location = e.getLocation();
            Position position = location == null ? new Position(0, 0) : position(location);
            findings.add(new Finding(parsePath(e), position, syntaxReason(e.getOriginalMessage())));
            return new SourceMap(values, keys, List.copyOf(findings), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SourceMap(values, keys, List.copyOf(findings), true);
    }

    /** Syntax errors, duplicate keys, aliases; empty for a well-formed document. */
    List<Finding> findings() {
        return findings;
    }

    /** Whether the document could be read to its end: no syntax error and no duplicate key. */
    boolean isWellFormed() {
        return wellFormed;
    }

    /** Where the value at {@code path} starts, or the nearest enclosing value's start. */
    Optional<Position> valueAt(String path) {
        String current = path;
        while (true) {
            Position position = values.get(current);
            if (position != null) {
                return Optional.of(position);
            }
            position = keys.get(current);
            if (position != null) {
                return Optional.of(position);
            }
            if (current.isEmpty()) {
                return Optional.empty();
            }
            current = parent(current);
        }
    }

    /** Where the key naming {@code path} is, else where its value is. */
    Optional<Position> keyAt(String path) {
        Position position = keys.get(path);
        return position != null ? Optional.of(position) : valueAt(path);
    }

    /** {@code holders[3]} for {@code holders[3].id}, {@code holders} for {@code holders[3]}. */
    static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? "" : path.substring(0, cut);
    }

    private static String syntaxReason(String message) {
        if (message == null) {
            return SYNTAX_PREFIX + "unreadable document";
        }
        if (message.startsWith("Duplicate field '")) {
            String key = message.substring(
                    "Duplicate field '".length(), message.indexOf('\'', "Duplicate field '".length()));
            return DUPLICATE_PREFIX + " '" + key + "': each key may appear once per mapping";
        }
        // SnakeYAML's message interleaves "in 'reader', line n" and an echo of the source line
        // with a caret under it; the location is reported separately, so keep only the sentences.
        List<String> sentences = new ArrayList<>();
        for (String line : message.split("\n")) {
            if (line.isBlank() || line.startsWith(" ") || line.startsWith("\t")) {
                continue;
            }
            sentences.add(line.trim());
        }
        return SYNTAX_PREFIX + String.join("; ", sentences);
    }

    private static String parsePath(JsonProcessingException e) {
        if (e.getProcessor() instanceof JsonParser parser && parser.getParsingContext() != null) {
            return pathOf(parser.getParsingContext());
        }
        return "";
    }

    private static Position position(JsonLocation location) {
        return new Position(Math.max(0, location.getLineNr()), Math.max(0, location.getColumnNr()));
    }

    /** The YAML path of the parser's current value (or of the key it just read). */
    static String pathOf(JsonStreamContext context) {
        Deque<String> segments = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null; c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                segments.addFirst("." + c.getCurrentName());
            } else if (c.inArray() && c.hasCurrentIndex()) {
                segments.addFirst("[" + c.getCurrentIndex() + "]");
            }
        }
        String path = String.join("", segments);
        return path.startsWith(".") ? path.substring(1) : path;
    }
}
