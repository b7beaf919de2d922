package dev.whereabouts.graph.report;

import dev.whereabouts.web.ProblemException;
import java.util.Locale;
import java.util.Optional;

/** The languages the person's report is written in: English, and Dutch for the seed's controller. */
public enum ReportLanguage {
    EN("en", Locale.ENGLISH),
    NL("nl", Locale.forLanguageTag("nl-NL"));

    private final String code;
    private final Locale locale;

    ReportLanguage(String code, Locale locale) {
        this.code = code;
        this.locale = locale;
    }

    /** The ISO 639-1 code: {@code en}, {@code nl}. */
    public String code() {
        return code;
    }

    public Locale locale() {
        return locale;
    }

    /** The language named by {@code code}; empty when it is not one of ours. */
    public static Optional<ReportLanguage> of(String code) {
        for (ReportLanguage language : values()) {
            if (language.code.equalsIgnoreCase(code.trim())) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }

    /** The {@code lang} parameter: English when absent; 400 naming it when it is no language of ours. */
    public static ReportLanguage fromParameter(Optional<String> parameter) {
        return parameter
                .map(code -> of(code).orElseThrow(() -> ProblemException.badParameter("lang", "must be en or nl")))
                .orElse(EN);
    }
}
