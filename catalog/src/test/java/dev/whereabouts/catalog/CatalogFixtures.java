package dev.whereabouts.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Catalog texts for tests: the small valid catalog and edits of it, one thing at a time. */
final class CatalogFixtures {

    static final String MINIMAL_RESOURCE = "catalog/minimal.yaml";

    private CatalogFixtures() {}

    /** The text of {@code src/test/resources/catalog/minimal.yaml}, a valid catalog. */
    static String minimal() {
        return resource(MINIMAL_RESOURCE);
    }

    /** The minimal catalog with the first occurrence of {@code from} replaced by {@code to}. */
    static String minimalWith(String from, String to) {
        return edit(minimal(), from, to);
    }

    /** {@code text} with the first occurrence of {@code from} replaced; fails if there is none. */
    static String edit(String text, String from, String to) {
        int at = text.indexOf(from);
        assertThat(at).as("fixture contains %s", from).isGreaterThanOrEqualTo(0);
        return text.substring(0, at) + to + text.substring(at + from.length());
    }

    /** The 1-based line on which {@code snippet} first appears. */
    static int lineOf(String text, String snippet) {
        int at = text.indexOf(snippet);
        assertThat(at).as("text contains %s", snippet).isGreaterThanOrEqualTo(0);
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    /** The 1-based column at which {@code snippet} first appears. */
    static int columnOf(String text, String snippet) {
        int at = text.indexOf(snippet);
        return at - text.lastIndexOf('\n', at - 1);
    }

    static String resource(String name) {
        try (InputStream in = CatalogFixtures.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as("resource %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
