package dev.whereabouts.graph.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of the Cytoscape.js webjar on the classpath, as its Maven metadata names it. */
final class CytoscapeVersion {

    static final String VERSION = read();

    private CytoscapeVersion() {}

    private static String read() {
        String path = "/META-INF/maven/org.webjars.npm/cytoscape/pom.properties";
        try (InputStream in = CytoscapeVersion.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the Cytoscape.js webjar is not on the classpath (" + path + ")");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
