package dev.whereabouts.graph.schema;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.neo4j.driver.SimpleQueryRunner;

/**
 * Resolves the label and relationship-type tokens of a Cypher template: {@code ${Subject}} becomes
 * the {@link NodeLabel} {@code Subject}, {@code ${SHARED_WITH}} the {@link RelType}. A token naming
 * neither fails at class initialisation, so a query can only use the documented graph model.
 * Values are never interpolated: they are always {@code $parameters}.
 */
public final class Cypher {

    private static final Pattern TOKEN = Pattern.compile("\\$\\{([A-Za-z_]+)}");

    private Cypher() {}

    public static String of(String template) {
        Matcher matcher = TOKEN.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(resolve(matcher.group(1))));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /**
     * Runs a batched write, an {@code UNWIND $rows ...} statement, with {@code rows} as its only
     * parameter; an empty batch sends nothing to the server.
     */
    public static void unwind(SimpleQueryRunner tx, String statement, List<Map<String, Object>> rows) {
        if (!rows.isEmpty()) {
            tx.run(statement, Map.of("rows", rows)).consume();
        }
    }

    private static String resolve(String token) {
        for (NodeLabel label : NodeLabel.values()) {
            if (label.name().equals(token)) {
                return label.name();
            }
        }
        for (RelType type : RelType.values()) {
            if (type.name().equals(token)) {
                return type.name();
            }
        }
        throw new IllegalArgumentException("Cypher token ${" + token + "} is neither a NodeLabel nor a RelType");
    }
}
