package dev.whereabouts.graph.lookup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.whereabouts.model.common.IdentifierType;
import dev.whereabouts.model.common.SubjectIdentifier;
import dev.whereabouts.model.identity.InvalidIdentifierException;
import dev.whereabouts.model.identity.Pseudonymiser;
import dev.whereabouts.web.FieldError;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code subject} object of a DPO request ({@code {"email": ..., "phone": ..., "accountId": ...}},
 * the same shape as the ingest API) and pseudonymises every identifier at once, with the same keyed
 * HMAC as ingest. The raw values live only in this call's stack: errors name the field and the rule
 * that failed, never the value.
 */
public final class RawIdentifiers {

    /** JSON field of the {@code subject} object to identifier type. */
    public static final Map<String, IdentifierType> FIELDS;

    static {
        Map<String, IdentifierType> fields = new LinkedHashMap<>();
        fields.put("email", IdentifierType.EMAIL);
        fields.put("phone", IdentifierType.PHONE);
        fields.put("accountId", IdentifierType.ACCOUNT_ID);
        fields.put("customerId", IdentifierType.CUSTOMER_ID);
        fields.put("deviceId", IdentifierType.DEVICE_ID);
        fields.put("cookieId", IdentifierType.COOKIE_ID);
        FIELDS = java.util.Collections.unmodifiableMap(fields);
    }

    /**
     * The pseudonymised identifiers of one subject.
     *
     * @param current  one identifier per raw value, made with the current key (what a new request carries)
     * @param allKeys  every pseudonym under every configured key (what a lookup must try, across key rotation)
     */
    public record Pseudonymised(List<SubjectIdentifier> current, List<SubjectIdentifier> allKeys) {

        public List<String> pseudonyms() {
            return allKeys.stream()
                    .map(SubjectIdentifier::getPseudonym)
                    .distinct()
                    .toList();
        }
    }

    private RawIdentifiers() {}

    /**
     * Pseudonymises {@code subject}, adding one {@link FieldError} per bad field to {@code errors}.
     *
     * @param pointer JSON Pointer of the subject object, e.g. {@code /subject}
     */
    public static Pseudonymised pseudonymise(
            JsonNode subject, String pointer, Pseudonymiser pseudonymiser, List<FieldError> errors) {
        List<SubjectIdentifier> current = new ArrayList<>();
        List<SubjectIdentifier> all = new ArrayList<>();
        if (subject == null || subject.isNull() || subject.isMissingNode()) {
            errors.add(new FieldError(pointer, "required: an object with at least one of " + FIELDS.keySet()));
            return new Pseudonymised(current, all);
        }
        if (!subject.isObject()) {
            errors.add(new FieldError(pointer, "must be an object with at least one of " + FIELDS.keySet()));
            return new Pseudonymised(current, all);
        }
        Iterator<Map.Entry<String, JsonNode>> fields = subject.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String at = pointer + "/" + field.getKey();
            IdentifierType type = FIELDS.get(field.getKey());
            if (type == null) {
                errors.add(new FieldError(at, "unknown identifier; use one of " + FIELDS.keySet()));
                continue;
            }
            if (!field.getValue().isTextual()) {
                errors.add(new FieldError(at, "must be a string"));
                continue;
            }
            try {
                current.add(pseudonymiser.pseudonymise(type, field.getValue().textValue()));
                all.addAll(pseudonymiser.pseudonymiseWithAllKeys(
                        type, field.getValue().textValue()));
            } catch (InvalidIdentifierException e) {
                errors.add(new FieldError(at, e.reason()));
            }
        }
        if (current.isEmpty() && errors.isEmpty()) {
            errors.add(new FieldError(pointer, "needs at least one of " + FIELDS.keySet()));
        }
        return new Pseudonymised(List.copyOf(current), List.copyOf(all));
    }
}
