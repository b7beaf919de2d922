package dev.whereabouts.benchmark;

/** Whether a measurement meets its SPEC bar, in the words the report uses. */
enum Verdict {
    MET("met"),
    NOT_MET("not met"),
    /** A ceiling or reference number: there is no bar to meet. */
    NO_BAR("—");

    private final String words;

    Verdict(String words) {
        this.words = words;
    }

    String words() {
        return words;
    }

    static Verdict of(boolean met) {
        return met ? MET : NOT_MET;
    }
}
