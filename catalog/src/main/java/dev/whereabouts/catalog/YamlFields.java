package dev.whereabouts.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads one YAML mapping of the catalog into plain values, reporting every unknown key, missing
 * required key and wrongly typed value with its path, and carrying on: an author fixes all of
 * them in one go rather than one per run. A value that cannot be read comes back {@code null};
 * its problem is already reported, so later checks skip it quietly.
 */
final class YamlFields {

    private final JsonNode node;
    private final String path;
    private final Problems problems;

    private YamlFields(JsonNode node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /**
     * The mapping at {@code path}, with its unknown keys reported; {@code null} (reported) when
     * the node is not a mapping.
     *
     * @param what    what the mapping is, for messages: "holder", "retention rule"
     * @param allowed the keys the format defines for it
     */
    static YamlFields of(JsonNode node, String path, Problems problems, String what, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            problems.at(path, "expected a mapping (" + what + "), found " + describe(node));
            return null;
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                problems.atKey(
                        child(path, name),
                        "unknown key '" + name + "' in " + what + EditDistance.hint(name, allowed) + "; allowed keys: "
                                + String.join(", ", sorted(allowed)));
            }
        }
        return new YamlFields(node, path, problems);
    }

    /** Whether the key is written at all, even as {@code null}. */
    boolean has(String key) {
        return node.has(key);
    }

    String pathOf(String key) {
        return child(path, key);
    }

    /** A text value; numbers are accepted as their digits (an unquoted version such as 2022). */
    String text(String key, boolean required) {
        JsonNode value = node.get(key);
        if (isAbsent(value)) {
            missing(key, required);
            return null;
        }
        return textOf(value, pathOf(key), required);
    }

    /** An integer value. */
    Integer integer(String key, boolean required) {
        JsonNode value = node.get(key);
        if (isAbsent(value)) {
            missing(key, required);
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            problems.at(pathOf(key), "expected a whole number, found " + describe(value));
            return null;
        }
        return value.intValue();
    }

    /** A boolean value, {@code false} when absent. */
    boolean flag(String key) {
        JsonNode value = node.get(key);
        if (isAbsent(value)) {
            return false;
        }
        if (!value.isBoolean()) {
            problems.at(pathOf(key), "expected true or false, found " + describe(value));
            return false;
        }
        return value.booleanValue();
    }

    /**
     * A list of texts, index for index: an item that is not text is reported and comes back
     * {@code null}, so later problems keep their paths ({@code categories[2]}).
     */
    List<String> texts(String key, boolean required) {
        JsonNode value = node.get(key);
        if (isAbsent(value)) {
            missing(key, required);
            return null;
        }
        if (!value.isArray()) {
            problems.at(
                    pathOf(key),
                    "expected a list, e.g. [" + (value.isTextual() ? value.textValue() : "...") + "], found "
                            + describe(value));
            return null;
        }
        List<String> items = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            items.add(textOf(value.get(i), pathOf(key) + "[" + i + "]", true));
        }
        return items;
    }

    /** A mapping. */
    YamlFields mapping(String key, boolean required, String what, Set<String> allowed) {
        JsonNode value = node.get(key);
        if (isAbsent(value)) {
            missing(key, required);
            return null;
        }
        return of(value, pathOf(key), problems, what, allowed);
    }

    /** A list of mappings, index for index ({@code null} where an item is not a mapping). */
    List<YamlFields> mappings(String key, boolean required, String what, Set<String> allowed) {
        JsonNode value = node.get(key);
        if (isAbsent(value)) {
            missing(key, required);
            return null;
        }
        if (!value.isArray()) {
            problems.at(pathOf(key), "expected a list of " + what + "s, found " + describe(value));
            return null;
        }
        List<YamlFields> items = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            items.add(of(value.get(i), pathOf(key) + "[" + i + "]", problems, what, allowed));
        }
        return items;
    }

    private String textOf(JsonNode value, String at, boolean required) {
        if (value == null || value.isNull()) {
            if (required) {
                problems.at(at, "must not be empty");
            }
            return null;
        }
        if (value.isTextual()) {
            if (value.textValue().isBlank() && required) {
                problems.at(at, "must not be blank");
                return null;
            }
            return value.textValue();
        }
        if (value.isIntegralNumber()) {
            return value.asText();
        }
        if (value.isBoolean()) {
            problems.at(
                    at,
                    "expected text, found the boolean " + value.booleanValue()
                            + " (YAML reads unquoted yes/no/on/off/y/n, and so the country code NO, as booleans: quote the value)");
            return null;
        }
        problems.at(at, "expected text, found " + describe(value));
        return null;
    }

    private void missing(String key, boolean required) {
        if (!required) {
            return;
        }
        if (node.has(key)) {
            problems.at(pathOf(key), "'" + key + "' needs a value");
        } else {
            problems.at(path, "missing required key '" + key + "'");
        }
    }

    private static boolean isAbsent(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode();
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static List<String> sorted(Set<String> keys) {
        return keys.stream().sorted().toList();
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isBoolean()) {
            return "the boolean " + node.booleanValue();
        }
        if (node.isNumber()) {
            return "the number " + node.asText();
        }
        return "'" + node.asText() + "'";
    }
}
