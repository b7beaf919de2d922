package dev.whereabouts.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads a catalog file into a {@link Catalog}, or fails with every problem at once.
 *
 * <pre>{@code
 * Catalog catalog = CatalogLoader.load(Path.of("catalog.yaml"));
 * Catalog demo = CatalogLoader.seed();   // SmartTrackers, the demo catalog
 * }</pre>
 */
public final class CatalogLoader {

    /** Classpath location of the demo catalog: SmartTrackers B.V.'s privacy statement of 17 January 2022. */
    public static final String SEED_RESOURCE = "catalog/smarttrackers.yaml";

    private static final CatalogValidator VALIDATOR = new CatalogValidator();

    private CatalogLoader() {}

    /**
     * Reads and validates a catalog file.
     *
     * @throws InvalidCatalogException with every problem, including a missing or unreadable file
     */
    public static Catalog load(Path file) {
        return VALIDATOR.check(file).orThrow();
    }

    /**
     * Validates catalog text.
     *
     * @param fileName what to call the text in problems
     * @throws InvalidCatalogException with every problem
     */
    public static Catalog parse(String fileName, String yaml) {
        return VALIDATOR.check(fileName, yaml).orThrow();
    }

    /**
     * Reads and validates a catalog from the classpath.
     *
     * @throws InvalidCatalogException with every problem, or when there is no such resource
     */
    public static Catalog fromClasspath(String resource) {
        try (InputStream in = CatalogLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new InvalidCatalogException(
                        List.of(new CatalogProblem(resource, "", 0, 0, "no such classpath resource")));
            }
            return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read classpath resource " + resource, e);
        }
    }

    /** The demo catalog, {@link #SEED_RESOURCE}. */
    public static Catalog seed() {
        return fromClasspath(SEED_RESOURCE);
    }

    /** The text of the demo catalog, e.g. to copy it somewhere it can be edited and watched. */
    public static String seedText() {
        try (InputStream in = CatalogLoader.class.getClassLoader().getResourceAsStream(SEED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the seed catalog " + SEED_RESOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read classpath resource " + SEED_RESOURCE, e);
        }
    }
}
