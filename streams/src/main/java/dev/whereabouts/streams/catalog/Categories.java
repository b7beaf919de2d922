package dev.whereabouts.streams.catalog;

import dev.whereabouts.model.id.CategoryKey;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Fideslang category arithmetic: a parent key covers its children ({@code user.contact} covers
 * {@code user.contact.email}; {@code user} covers everything personal).
 */
public final class Categories {

    private Categories() {}

    /** True when {@code parent} is {@code category} or one of its ancestors. */
    public static boolean covers(String parent, String category) {
        return CategoryKey.covers(parent, category);
    }

    /** True when any of {@code parents} covers {@code category}. */
    public static boolean coveredByAny(Collection<String> parents, String category) {
        for (String parent : parents) {
            if (covers(parent, category)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The part of {@code categories} that {@code filter} lets through: a category covered by a
     * filter key passes as it is; a filter key narrower than a category passes as the filter key
     * (a flow of {@code user.contact.email} carries only the email out of a {@code user.contact} share).
     */
    public static Set<String> intersect(Collection<String> filter, Collection<String> categories) {
        Set<String> out = new LinkedHashSet<>();
        for (String category : categories) {
            for (String key : filter) {
                if (covers(key, category)) {
                    out.add(category);
                } else if (covers(category, key)) {
                    out.add(key);
                }
            }
        }
        return out;
    }

    /** True when the two sets share any category, either way round. */
    public static boolean overlap(Collection<String> a, Collection<String> b) {
        return !intersect(a, b).isEmpty();
    }
}
