package dev.whereabouts.graph.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

/**
 * The sentences of the person's report in each {@link ReportLanguage}, from {@code
 * report/text_<lang>.properties}; {@code {0}}, {@code {1}} ... are filled in as given (the renderer
 * escapes the result). A sentence missing in a language fails at once: both files must name the same keys.
 */
public final class ReportText {

    private static final Map<ReportLanguage, Properties> TEXTS = new EnumMap<>(ReportLanguage.class);

    static {
        for (ReportLanguage language : ReportLanguage.values()) {
            TEXTS.put(language, load("/report/text_" + language.code() + ".properties"));
        }
    }

    private final ReportLanguage language;

    private ReportText(ReportLanguage language) {
        this.language = language;
    }

    public static ReportText of(ReportLanguage language) {
        return new ReportText(language);
    }

    public ReportLanguage language() {
        return language;
    }

    /** The sentence {@code key} with {@code values} in place of {@code {0}}, {@code {1}} ... */
    public String get(String key, Object... values) {
        String text = TEXTS.get(language).getProperty(key);
        if (text == null) {
            throw new IllegalStateException("no text '" + key + "' in " + language.code());
        }
        for (int i = 0; i < values.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(values[i]));
        }
        return text;
    }

    /** Whether there is a sentence {@code key}. */
    public boolean has(String key) {
        return TEXTS.get(language).containsKey(key);
    }

    private static Properties load(String resource) {
        Properties properties = new Properties();
        try (InputStream in = ReportText.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
