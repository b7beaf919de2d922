package dev.whereabouts.stack;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The classpath of a server that runs in a child JVM. The server's module writes the resolved
 * dependency list into {@code META-INF/whereabouts/<name>.classpath} at build time; the module's own
 * jar (or classes directory) that carries that file goes first. See
 * {@code docs/adr/0001-embedded-stack-placement.md}.
 */
final class ChildClasspath {

    private ChildClasspath() {}

    static String resolve(String name) {
        String resource = "META-INF/whereabouts/" + name + ".classpath";
        URL url = ChildClasspath.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new StackException("classpath resource " + resource
                    + " is missing: build the project first (./mvnw install -DskipTests)");
        }
        List<String> entries = new ArrayList<>();
        entries.add(rootOf(url, resource).toString());
        try (InputStream in = url.openStream()) {
            String listed = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            for (String entry : listed.split(java.io.File.pathSeparator)) {
                if (entry.isBlank()) {
                    continue;
                }
                if (!Files.exists(Path.of(entry))) {
                    throw new StackException(
                            name + " classpath entry " + entry
                                    + " does not exist (local Maven repository moved or cleaned?): rebuild with ./mvnw install -DskipTests");
                }
                entries.add(entry);
            }
        } catch (IOException e) {
            throw new StackException("cannot read " + resource + ": " + e.getMessage(), e);
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static Path rootOf(URL url, String resource) {
        try {
            if ("jar".equals(url.getProtocol())) {
                JarURLConnection connection = (JarURLConnection) url.openConnection();
                return Path.of(connection.getJarFileURL().toURI());
            }
            Path file = Path.of(url.toURI());
            Path root = file;
            for (int i = 0; i < resource.split("/").length; i++) {
                root = root.getParent();
            }
            return root;
        } catch (IOException | URISyntaxException e) {
            throw new StackException("cannot locate the jar of " + resource + ": " + e.getMessage(), e);
        }
    }
}
