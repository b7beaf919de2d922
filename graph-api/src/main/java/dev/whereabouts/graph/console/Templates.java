package dev.whereabouts.graph.console;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's Mustache templates, from {@code /console/templates/<name>.mustache} on the classpath,
 * compiled once. Every {@code {{value}}} is HTML-escaped; a template names a variable its model lacks
 * and rendering fails (a missing value is a bug, not an empty cell), while a null value renders empty.
 * Partials ({@code {{> name}}}) come from the same folder.
 */
public final class Templates {

    private static final String FOLDER = "/console/templates/";

    private final Mustache.Compiler compiler;
    private final Map<String, Template> compiled = new ConcurrentHashMap<>();

    public Templates() {
        this.compiler = Mustache.compiler()
                .escapeHTML(true)
                .zeroIsFalse(true)
                .nullValue("")
                .withLoader(name -> new StringReader(source(name)));
    }

    /** Renders {@code name} with {@code model}; names it cannot find in the model resolve in {@code parent}. */
    public String render(String name, Object model, Object parent) {
        StringWriter out = new StringWriter();
        compiled.computeIfAbsent(name, n -> compiler.compile(source(n))).execute(model, parent, out);
        return out.toString();
    }

    /** Renders {@code name} with {@code model}. */
    public String render(String name, Object model) {
        return compiled.computeIfAbsent(name, n -> compiler.compile(source(n))).execute(model);
    }

    private static String source(String name) {
        String path = FOLDER + name + ".mustache";
        try (InputStream in = Templates.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing template " + path);
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                StringBuilder text = new StringBuilder();
                char[] buffer = new char[8192];
                for (int n; (n = reader.read(buffer)) > 0; ) {
                    text.append(buffer, 0, n);
                }
                return text.toString();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
