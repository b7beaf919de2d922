package dev.whereabouts.catalog;

import dev.whereabouts.model.id.CategoryKey;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The fideslang data categories for personal data: every current {@code user.*} key of the
 * fideslang taxonomy (ethyca/fideslang {@code data_files/data_categories.csv}, release 3.x), the
 * keys it deprecated in 3.2.0 with their replacements, and the hierarchy between them.
 *
 * <p>Keys are hierarchical: {@code user.contact} covers {@code user.contact.email} and
 * {@code user.contact.address.city}. Only {@code user.*} keys are known here because the catalog
 * declares personal data; fideslang's {@code system.*} branch describes data that identifies no one.
 * Deprecated keys are not accepted: a catalog written today should use the current key, and
 * {@link #suggestionFor(String)} names it.
 *
 * <p>Immutable and thread-safe; {@link #fideslang()} is the shared instance.
 */
public final class DataCategories {

    /** The fideslang release the key list was taken from. */
    public static final String FIDESLANG_RELEASE = "3.x (current keys as of 3.2.0)";

    private static final DataCategories FIDESLANG = new DataCategories(currentKeys(), deprecatedKeys());

    /** Edits further away than this are not worth suggesting: the author meant something else. */
    private static final int MAX_SUGGESTION_DISTANCE = 3;

    private final Map<String, String> names;
    private final Map<String, String> replacements;

    private DataCategories(Map<String, String> names, Map<String, String> replacements) {
        this.names = Collections.unmodifiableMap(new LinkedHashMap<>(names));
        this.replacements = Collections.unmodifiableMap(new LinkedHashMap<>(replacements));
    }

    /** The fideslang {@code user.*} taxonomy. */
    public static DataCategories fideslang() {
        return FIDESLANG;
    }

    /** Whether {@code key} is a current fideslang {@code user.*} data category. */
    public boolean isKnown(String key) {
        return key != null && names.containsKey(key);
    }

    /** Every known key, parents before children, in the taxonomy's order. */
    public Set<String> keys() {
        return names.keySet();
    }

    /** The human-readable fideslang name of a known key, e.g. "User Contact Email". */
    public Optional<String> nameOf(String key) {
        return Optional.ofNullable(names.get(key));
    }

    /** The parent of a key ({@code user.contact} for {@code user.contact.email}); empty for {@code user}. */
    public Optional<String> parentOf(String key) {
        int dot = key.lastIndexOf('.');
        return dot < 0 ? Optional.empty() : Optional.of(key.substring(0, dot));
    }

    /**
     * Whether {@code parent} covers {@code child}: they are equal or {@code child} lies below
     * {@code parent} in the hierarchy. Structural only, so it also answers for unknown keys;
     * {@code user.contact} does not cover {@code user.contactless}.
     */
    public boolean covers(String parent, String child) {
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(child, "child");
        return CategoryKey.covers(parent, child);
    }

    /** Whether the two keys lie on one branch: one covers the other. */
    public boolean overlap(String a, String b) {
        return covers(a, b) || covers(b, a);
    }

    /** The current key that replaced a deprecated fideslang key, e.g. {@code user.contact.social_url} for {@code user.contact.url}. */
    public Optional<String> replacementFor(String deprecatedKey) {
        return Optional.ofNullable(replacements.get(deprecatedKey));
    }

    /**
     * The known key an author most likely meant by an unknown one: the replacement of a
     * deprecated key, else the nearest key by edit distance (typos such as
     * {@code user.contact.emial}), else a key with the same last segment ({@code user.email} or
     * {@code user.demographic.country} are not where fideslang puts email and country).
     */
    public Optional<String> suggestionFor(String unknownKey) {
        if (unknownKey == null || unknownKey.isBlank() || isKnown(unknownKey)) {
            return Optional.empty();
        }
        Optional<String> replacement = replacementFor(unknownKey);
        if (replacement.isPresent()) {
            return replacement;
        }
        String lowered = unknownKey.trim().toLowerCase(java.util.Locale.ROOT);
        if (isKnown(lowered)) {
            return Optional.of(lowered);
        }
        Optional<String> nearest = names.keySet().stream()
                .map(key -> Map.entry(key, EditDistance.between(lowered, key)))
                .filter(e -> e.getValue() <= MAX_SUGGESTION_DISTANCE)
                .min(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                        .thenComparingInt(e -> e.getKey().length()))
                .map(Map.Entry::getKey);
        if (nearest.isPresent()) {
            return nearest;
        }
        String lastSegment = lowered.substring(lowered.lastIndexOf('.') + 1);
        return names.keySet().stream()
                .filter(key -> key.substring(key.lastIndexOf('.') + 1).equals(lastSegment))
                .min(Comparator.comparingInt(String::length));
    }

    /**
     * Why {@code key} is not accepted, in one sentence with the fix when there is one, e.g.
     * "unknown data category 'user.contact.emial' (did you mean 'user.contact.email'?)".
     */
    public String explainUnknown(String key) {
        Optional<String> replacement = replacementFor(key);
        if (replacement.isPresent()) {
            return "data category '" + key + "' is deprecated since fideslang 3.2.0; use '" + replacement.get() + "'";
        }
        if (key != null && !key.equals("user") && !key.startsWith("user.")) {
            return "unknown data category '" + key + "': personal data categories are fideslang user.* keys"
                    + suggestionFor(key)
                            .map(s -> " (did you mean '" + s + "'?)")
                            .orElse("");
        }
        return "unknown data category '" + key + "'"
                + suggestionFor(key)
                        .map(s -> " (did you mean '" + s + "'?)")
                        .orElse(" (see docs/catalog.md for the fideslang keys)");
    }

    private static Map<String, String> currentKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("user", "User Data");
        keys.put("user.account", "Account Information");
        keys.put("user.account.username", "Account Username");
        keys.put("user.authorization", "Authorization Information");
        keys.put("user.authorization.biometrics", "Biometric Authentication");
        keys.put("user.authorization.credentials", "Account password");
        keys.put("user.authorization.password", "Password");
        keys.put("user.behavior", "Observed Behavior");
        keys.put("user.behavior.browsing_history", "Browsing History");
        keys.put("user.behavior.media_consumption", "Media Consumption");
        keys.put("user.behavior.purchase_history", "Purchase History");
        keys.put("user.behavior.search_history", "Search History");
        keys.put("user.biometrics", "Biometrics");
        keys.put("user.biometrics.fingerprint", "Fingerprint Data");
        keys.put("user.biometrics.retinal", "Retinal Data");
        keys.put("user.biometrics.voice", "Voice Data");
        keys.put("user.children", "Children");
        keys.put("user.children.children_under_thirteen", "Children Under Thirteen");
        keys.put("user.children.thirteen_to_sixteen", "Children Thirteen to Sixteen");
        keys.put("user.contact", "Contact Data");
        keys.put("user.contact.address", "User Contact Address");
        keys.put("user.contact.address.city", "User Contact City");
        keys.put("user.contact.address.country", "User Contact Country");
        keys.put("user.contact.address.mailing_address", "Mailing Address");
        keys.put("user.contact.address.postal_code", "User Contact Postal Code");
        keys.put("user.contact.address.state", "User Contact State");
        keys.put("user.contact.address.street", "User Contact Street");
        keys.put("user.contact.email", "User Contact Email");
        keys.put("user.contact.fax_number", "Fax Number");
        keys.put("user.contact.phone_number", "User Contact Phone Number");
        keys.put("user.contact.social_url", "Social Media URL");
        keys.put("user.content", "User Content");
        keys.put("user.content.private", "Private Content");
        keys.put("user.content.public", "Public Content");
        keys.put("user.content.self_image", "User Image");
        keys.put("user.criminal_history", "Criminal History");
        keys.put("user.demographic", "Demographic Data");
        keys.put("user.demographic.age_range", "Age Range");
        keys.put("user.demographic.citizenship_or_immigration_status", "Citizenship or Immigration Status");
        keys.put("user.demographic.date_of_birth", "Birth Date");
        keys.put("user.demographic.gender", "Gender");
        keys.put("user.demographic.language", "Language");
        keys.put("user.demographic.marital_status", "Marital Status");
        keys.put("user.demographic.philosophical_belief", "Philosophical Belief");
        keys.put("user.demographic.political_opinion", "Political Opinion");
        keys.put("user.demographic.profile", "User Profile Data");
        keys.put("user.demographic.protected_classifications", "Protected Classifications");
        keys.put("user.demographic.race_ethnicity", "Race");
        keys.put("user.demographic.religious_belief", "Religion");
        keys.put("user.demographic.sexual_orientation", "Sexual Orientation");
        keys.put("user.demographic.union_membership", "Union Membership");
        keys.put("user.device", "Device Data");
        keys.put("user.device.cookie", "Device Cookie");
        keys.put("user.device.cookie_id", "Cookie ID");
        keys.put("user.device.device_id", "Device ID");
        keys.put("user.device.ip_address", "IP Address");
        keys.put("user.device.sensor", "Device Sensor Data");
        keys.put("user.device.telemetry", "Device Telemetry");
        keys.put("user.financial", "Financial Data");
        keys.put("user.financial.bank_account", "Bank Account Information");
        keys.put("user.financial.credit_card", "Credit Card Information");
        keys.put("user.government_id", "Government ID");
        keys.put("user.government_id.birth_certificate", "Birth Certificate");
        keys.put("user.government_id.drivers_license_number", "Driver's License Number");
        keys.put("user.government_id.immigration", "Immigration ID");
        keys.put("user.government_id.national_identification_number", "National Identification Number");
        keys.put("user.government_id.passport_number", "Passport Number");
        keys.put("user.government_id.vehicle_registration", "Vehicle Registration");
        keys.put("user.health", "Health Data");
        keys.put("user.health.baby_formula", "Baby Formula Information");
        keys.put("user.health.condition", "Health Condition");
        keys.put("user.health.genetic", "Genetic Data");
        keys.put("user.health.insurance_beneficiary_id", "Health Insurance ID");
        keys.put("user.health.maternity_clothing", "Maternity Clothing");
        keys.put("user.health.medical_diagnosis", "Medical Diagnosis");
        keys.put("user.health.medications", "Medications");
        keys.put("user.health.prescriptions", "Prescriptions");
        keys.put("user.health.record_id", "Health Record ID");
        keys.put("user.health.reproductive_or_sexual", "Reproductive or Sexual Health");
        keys.put("user.health.social_psychological_behavioral", "Social, Psychological, or Behavioral Health");
        // Spelled as in fideslang itself; correcting it here would make the key unknown to every other tool.
        keys.put("user.health.symptons", "Health Symptoms");
        keys.put("user.health.treatment", "Medical Treatment");
        keys.put("user.location", "Location Data");
        keys.put("user.location.coarse", "Coarse Subject Location");
        keys.put("user.location.precise", "Precise Subject Location");
        keys.put("user.name", "Name");
        keys.put("user.name.first", "First Name");
        keys.put("user.name.last", "Last Name");
        keys.put("user.payment", "Payment Data");
        keys.put("user.privacy_preferences", "Privacy Preferences");
        keys.put("user.professional_information", "Professional Information");
        keys.put("user.professional_information.job_title", "Professional Job Title");
        keys.put("user.professional_information.workplace", "Professional Workplace");
        keys.put("user.settings", "User Settings");
        keys.put("user.social_activity", "Social Activity Data");
        keys.put("user.unique_id", "Unique ID");
        keys.put("user.unique_id.deterministic", "Deterministic User ID");
        keys.put("user.unique_id.probablistic", "Probabilistic User ID");
        return keys;
    }

    private static Map<String, String> deprecatedKeys() {
        Map<String, String> replacedBy = new LinkedHashMap<>();
        replacedBy.put("user.biometric", "user.biometrics");
        replacedBy.put("user.biometric.fingerprint", "user.biometrics.fingerprint");
        replacedBy.put("user.biometric.retinal", "user.biometrics.retinal");
        replacedBy.put("user.biometric.voice", "user.biometrics.voice");
        replacedBy.put("user.biometric.health", "user.biometrics");
        replacedBy.put("user.childrens", "user.children");
        replacedBy.put("user.social", "user.social_activity");
        replacedBy.put("user.telemetry", "user.device.telemetry");
        replacedBy.put("user.user_sensor", "user.device.sensor");
        replacedBy.put("user.sensor", "user.device.sensor");
        replacedBy.put("user.health_and_medical", "user.health");
        replacedBy.put("user.health_and_medical.genetic", "user.health.genetic");
        replacedBy.put("user.health_and_medical.insurance_beneficiary_id", "user.health.insurance_beneficiary_id");
        replacedBy.put("user.health_and_medical.record_id", "user.health.record_id");
        replacedBy.put("user.job_title", "user.professional_information.job_title");
        replacedBy.put("user.workplace", "user.professional_information.workplace");
        replacedBy.put("user.account.settings", "user.settings");
        replacedBy.put("user.authorization.biometric", "user.authorization.biometrics");
        replacedBy.put("user.contact.url", "user.contact.social_url");
        replacedBy.put("user.contact.organization", "user.contact");
        replacedBy.put("user.location.imprecise", "user.location.coarse");
        replacedBy.put("user.unique_id.pseudonymous", "user.unique_id");
        return replacedBy;
    }
}
