package dev.whereabouts.graph.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Data categories in words a person understands: fideslang's own names and descriptions (release
 * 3.1.2, pinned in {@code report/fideslang-data-categories.tsv}, CC BY 4.0), and our Dutch
 * translations ({@code report/data-categories-nl.tsv}). A category without a Dutch translation is
 * named in English and says so; a key fideslang 3.1.2 does not know is named by its last part.
 */
public final class CategoryNames {

    /**
     * One category in words.
     *
     * @param key         the fideslang key, e.g. {@code user.contact.email}
     * @param name        its name, e.g. {@code User Contact Email}, {@code E-mailadres}
     * @param description what it is
     * @param translated  false when the language asked for had no translation and English is shown
     */
    public record Named(String key, String name, String description, boolean translated) {}

    private record Words(String name, String description) {}

    private static final CategoryNames INSTANCE = new CategoryNames();

    private final Map<String, Words> english = load("/report/fideslang-data-categories.tsv");
    private final Map<String, Words> dutch = load("/report/data-categories-nl.tsv");

    private CategoryNames() {}

    /** The names of the pinned taxonomy, loaded once. */
    public static CategoryNames get() {
        return INSTANCE;
    }

    /** {@code key} in {@code language}. */
    public Named describe(String key, ReportLanguage language) {
        Words translation = language == ReportLanguage.NL ? dutch.get(key) : english.get(key);
        if (translation != null) {
            return new Named(key, translation.name(), translation.description(), true);
        }
        Words fallback = english.get(key);
        if (fallback != null) {
            return new Named(key, fallback.name(), fallback.description(), false);
        }
        String last = key.substring(key.lastIndexOf('.') + 1).replace('_', ' ');
        String name = last.isEmpty() ? key : Character.toUpperCase(last.charAt(0)) + last.substring(1);
        return new Named(key, name, "", language == ReportLanguage.EN);
    }

    /** Whether the pinned taxonomy has a name for {@code key} in {@code language} itself. */
    public boolean hasTranslation(String key, ReportLanguage language) {
        return (language == ReportLanguage.NL ? dutch : english).containsKey(key);
    }

    private static Map<String, Words> load(String resource) {
        Map<String, Words> words = new HashMap<>();
        try (InputStream in = CategoryNames.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t", -1);
                if (columns.length != 3) {
                    throw new IllegalStateException(resource + ": expected key, name, description in: " + line);
                }
                words.put(columns[0].toLowerCase(Locale.ROOT), new Words(columns[1], columns[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(words);
    }
}
