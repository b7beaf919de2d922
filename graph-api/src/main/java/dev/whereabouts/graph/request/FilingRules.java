package dev.whereabouts.graph.request;

import dev.whereabouts.graph.api.Bodies;
import dev.whereabouts.model.dsr.RequestType;
import dev.whereabouts.model.id.CategoryKey;
import dev.whereabouts.web.JsonFields;
import java.util.List;

/**
 * The rules for what a filed request names besides the person, read from a {@link JsonFields}: the
 * REST API's JSON body and the console's form are read by these same rules, so a request filed from
 * either passes the same checks.
 */
public final class FilingRules {

    /** Longest note a request keeps. */
    public static final int MAX_NOTE = 2_000;

    private FilingRules() {}

    /** {@code type}: one of {@link RequestType}, any case; {@code null} (reported) when absent or bad. */
    public static RequestType type(JsonFields body) {
        return body.enumValue("type", RequestType.class, List.of(RequestType.values()), true, true);
    }

    /**
     * {@code scope}: the categories the request is limited to (empty = all). A rectification names what
     * is wrong: the categories to correct (the corrected values never enter the platform; the holders
     * get the categories and the note).
     */
    public static List<String> scope(JsonFields body, RequestType type) {
        return body.list(
                "scope",
                type == RequestType.RECTIFICATION ? "required for RECTIFICATION: the categories to correct" : null,
                "categories",
                type == RequestType.RECTIFICATION ? 1 : 0,
                Integer.MAX_VALUE,
                false,
                CategoryKey::isValid,
                key -> key,
                CategoryKey.RULE);
    }

    /** {@code note}: optional free text quoting no raw identifier ({@link dev.whereabouts.graph.api.FreeText}). */
    public static String note(JsonFields body) {
        return Bodies.freeText(body, "note", MAX_NOTE, false);
    }
}
