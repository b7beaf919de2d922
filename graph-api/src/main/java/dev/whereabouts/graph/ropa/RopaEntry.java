package dev.whereabouts.graph.ropa;

import java.util.List;

/**
 * One line of the Art. 30 record of processing activities: a recipient of personal data with what
 * the catalog declares and what lineage observed.
 *
 * @param holder             catalog id
 * @param displayName        name
 * @param legalEntity        operator (Art. 30(1)(d) recipient)
 * @param country            country of the legal entity
 * @param thirdCountry       true when outside the EEA (Art. 30(1)(e) transfer)
 * @param role               INTERNAL, PROCESSOR or SUB_PROCESSOR
 * @param declared           false when only lineage knows the holder
 * @param purposes           purposes (Art. 30(1)(b))
 * @param declaredCategories categories the catalog declares (Art. 30(1)(c))
 * @param observedCategories categories lineage observed
 * @param retention          retention per category, "category: period (note)" (Art. 30(1)(f))
 * @param legalHolds         legal obligations to keep data
 * @param onwardTo           declared onward flows out of this holder, "holder (categories, retention)"
 * @param erasureChannel     how the holder receives erasure tasks
 */
public record RopaEntry(
        String holder,
        String displayName,
        String legalEntity,
        String country,
        boolean thirdCountry,
        String role,
        boolean declared,
        List<String> purposes,
        List<String> declaredCategories,
        List<String> observedCategories,
        List<String> retention,
        List<String> legalHolds,
        List<String> onwardTo,
        String erasureChannel) {

    /** EEA member states (EU 27 plus Iceland, Liechtenstein, Norway): transfers elsewhere need Chapter V safeguards. */
    public static final java.util.Set<String> EEA = java.util.Set.of(
            "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
            "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO");

    public static boolean outsideEea(String country) {
        return country != null && !EEA.contains(country.toUpperCase(java.util.Locale.ROOT));
    }
}
