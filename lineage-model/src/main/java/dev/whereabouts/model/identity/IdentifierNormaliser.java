package dev.whereabouts.model.identity;

import dev.whereabouts.model.common.IdentifierType;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Brings every identifier value to one canonical spelling before it is pseudonymised, so that
 * {@code " Alice@Example.com"} and {@code "alice@example.com"}, or {@code "06-12345678"} and
 * {@code "+31 6 1234 5678"}, become the same pseudonym and therefore the same person.
 *
 * <p>Rules (see {@code docs/pseudonymisation.md}):
 * <ul>
 *   <li>{@code EMAIL}: trimmed, Unicode NFC, lower-cased; exactly one {@code @}, a non-empty
 *       local part, a domain with a dot and no empty labels, no whitespace or control
 *       characters, at most 254 characters.</li>
 *   <li>{@code PHONE}: E.164. Spaces, dashes, dots and parentheses are dropped; a {@code (0)}
 *       trunk prefix right after the country code is dropped ({@code +31 (0)24 2022680} becomes
 *       {@code +31242022680}); a leading {@code 00} becomes {@code +}; a national number starting
 *       with a single {@code 0} gets the configured default country calling code. The result is
 *       {@code +} and 8 to 15 digits, the first not 0.</li>
 *   <li>{@code ACCOUNT_ID}, {@code CUSTOMER_ID}, {@code DEVICE_ID}, {@code COOKIE_ID}: trimmed,
 *       case kept, not empty, at most 256 characters, no control characters.</li>
 *   <li>{@code OTHER}: trimmed and not empty.</li>
 * </ul>
 *
 * <p>Every ingest path must normalise with the same rules and the same default country code,
 * or one phone number would get two pseudonyms. Immutable and thread-safe.
 */
public final class IdentifierNormaliser {

    /**
     * Default country calling code for national phone numbers: {@code 31}, the Netherlands,
     * because the seed company (SmartTrackers B.V.) is Dutch.
     */
    public static final String DEFAULT_COUNTRY_CALLING_CODE = "31";

    /**
     * Environment variable read by {@link #fromEnvironment(Map)}: the country calling code
     * given to national phone numbers ({@code 31} or {@code +31}). Default: {@value
     * #DEFAULT_COUNTRY_CALLING_CODE}. Must be the same on every ingest path.
     */
    public static final String DEFAULT_COUNTRY_CODE_ENV = "WHEREABOUTS_PHONE_DEFAULT_COUNTRY_CODE";

    /** Longest email address accepted: the practical limit of RFC 5321 paths. */
    public static final int MAX_EMAIL_LENGTH = 254;

    /** Longest account, customer, device or cookie id accepted. */
    public static final int MAX_ID_LENGTH = 256;

    /** E.164 numbers have at most 15 digits; fewer than 8 is never a reachable number. */
    static final int MIN_PHONE_DIGITS = 8;

    static final int MAX_PHONE_DIGITS = 15;

    private static final Pattern COUNTRY_CODE = Pattern.compile("[1-9][0-9]{0,2}");

    private final String defaultCountryCallingCode;

    /** Normalises national phone numbers as Dutch ({@value #DEFAULT_COUNTRY_CALLING_CODE}). */
    public IdentifierNormaliser() {
        this(DEFAULT_COUNTRY_CALLING_CODE);
    }

    /**
     * @param defaultCountryCallingCode 1 to 3 digits, not starting with 0, optionally with a
     *                                  leading {@code +}: given to phone numbers written
     *                                  nationally ({@code 024 2022680})
     * @throws IllegalArgumentException when the code is not 1 to 3 digits
     */
    public IdentifierNormaliser(String defaultCountryCallingCode) {
        Objects.requireNonNull(defaultCountryCallingCode, "defaultCountryCallingCode");
        String code = defaultCountryCallingCode.strip();
        if (code.startsWith("+")) {
            code = code.substring(1);
        }
        if (!COUNTRY_CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("default country calling code '" + defaultCountryCallingCode
                    + "' must be 1 to 3 digits not starting with 0, e.g. 31 or +31");
        }
        this.defaultCountryCallingCode = code;
    }

    /**
     * Reads {@value #DEFAULT_COUNTRY_CODE_ENV}; absent means {@value #DEFAULT_COUNTRY_CALLING_CODE}.
     *
     * @throws IllegalArgumentException naming the variable when its value is not a country code
     */
    public static IdentifierNormaliser fromEnvironment(Map<String, String> environment) {
        String value = environment.get(DEFAULT_COUNTRY_CODE_ENV);
        if (value == null || value.isBlank()) {
            return new IdentifierNormaliser();
        }
        try {
            return new IdentifierNormaliser(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(DEFAULT_COUNTRY_CODE_ENV + ": " + e.getMessage(), e);
        }
    }

    /** The country calling code national phone numbers get, digits only (e.g. {@code 31}). */
    public String defaultCountryCallingCode() {
        return defaultCountryCallingCode;
    }

    /**
     * The canonical spelling of {@code raw} for its type.
     *
     * @throws InvalidIdentifierException when the value cannot be an identifier of that type; its
     *                                    message never contains the value
     */
    public String normalise(IdentifierType type, String raw) {
        Objects.requireNonNull(type, "type");
        if (raw == null) {
            throw new InvalidIdentifierException(type, "is missing (null)");
        }
        // No default branch on purpose: a new identifier type must get explicit rules here.
        switch (type) {
            case EMAIL:
                return email(raw);
            case PHONE:
                return phone(raw);
            case ACCOUNT_ID:
            case CUSTOMER_ID:
            case DEVICE_ID:
            case COOKIE_ID:
                return opaqueId(type, raw);
            case OTHER:
                return other(raw);
        }
        throw new IllegalStateException("no normalisation rule for identifier type " + type);
    }

    private static String email(String raw) {
        String value = raw.strip();
        if (value.isEmpty()) {
            throw invalid(IdentifierType.EMAIL, "is empty");
        }
        if (!isAscii(value)) {
            // Composed and decomposed accents must give one pseudonym.
            value = Normalizer.normalize(value, Normalizer.Form.NFC);
        }
        if (value.length() > MAX_EMAIL_LENGTH) {
            throw invalid(
                    IdentifierType.EMAIL,
                    "is " + value.length() + " characters long; at most " + MAX_EMAIL_LENGTH + " are allowed");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                throw invalid(IdentifierType.EMAIL, "contains whitespace at position " + (i + 1));
            }
            if (Character.isISOControl(c)) {
                throw invalid(IdentifierType.EMAIL, "contains a control character at position " + (i + 1));
            }
        }
        int at = value.indexOf('@');
        if (at < 0) {
            throw invalid(IdentifierType.EMAIL, "has no '@'");
        }
        if (value.indexOf('@', at + 1) >= 0) {
            throw invalid(IdentifierType.EMAIL, "has more than one '@'");
        }
        if (at == 0) {
            throw invalid(IdentifierType.EMAIL, "has an empty local part (nothing before the '@')");
        }
        String domain = value.substring(at + 1);
        if (domain.isEmpty()) {
            throw invalid(IdentifierType.EMAIL, "has an empty domain (nothing after the '@')");
        }
        if (domain.indexOf('.') < 0) {
            throw invalid(IdentifierType.EMAIL, "has a domain without a dot");
        }
        if (domain.startsWith(".") || domain.endsWith(".") || domain.contains("..")) {
            throw invalid(IdentifierType.EMAIL, "has an empty label in its domain (a leading, trailing or double dot)");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    private String phone(String raw) {
        String value = raw.strip();
        if (value.isEmpty()) {
            throw invalid(IdentifierType.PHONE, "is empty");
        }
        StringBuilder compact = new StringBuilder(value.length());
        int depth = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                compact.append(c);
            } else if (c == ' ' || c == '-' || c == '.' || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                continue;
            } else if (c == '+') {
                if (compact.length() > 0) {
                    throw invalid(
                            IdentifierType.PHONE, "has a '+' that is not at the start (position " + (i + 1) + ")");
                }
                compact.append(c);
            } else if (c == '(') {
                depth++;
                if (depth > 1) {
                    throw invalid(IdentifierType.PHONE, "has nested parentheses at position " + (i + 1));
                }
                compact.append(c);
            } else if (c == ')') {
                depth--;
                if (depth < 0) {
                    throw invalid(IdentifierType.PHONE, "has a ')' without a matching '(' at position " + (i + 1));
                }
                compact.append(c);
            } else {
                throw invalid(
                        IdentifierType.PHONE,
                        "contains a character other than digits, a leading '+' and the"
                                + " separators space, '-', '.', '(' and ')' at position " + (i + 1));
            }
        }
        if (depth != 0) {
            throw invalid(IdentifierType.PHONE, "has a '(' that is never closed");
        }

        boolean international;
        String rest;
        if (compact.length() > 0 && compact.charAt(0) == '+') {
            international = true;
            rest = compact.substring(1);
        } else if (startsWithDigits(compact, "00")) {
            international = true;
            rest = compact.substring(2);
        } else {
            international = false;
            rest = compact.toString();
        }
        if (international) {
            rest = dropTrunkPrefixAfterCountryCode(rest);
        }
        String digits = rest.replace("(", "").replace(")", "");
        if (digits.isEmpty()) {
            throw invalid(
                    IdentifierType.PHONE,
                    international ? "has no digits after the international prefix" : "has no digits");
        }
        if (!international) {
            if (digits.charAt(0) != '0') {
                throw invalid(
                        IdentifierType.PHONE,
                        "has no country code: start with '+' or '00' and the country"
                                + " calling code, or write a national number with its leading '0'");
            }
            digits = defaultCountryCallingCode + digits.substring(1);
        }
        if (digits.charAt(0) == '0') {
            throw invalid(IdentifierType.PHONE, "has a country calling code starting with 0");
        }
        if (digits.length() < MIN_PHONE_DIGITS || digits.length() > MAX_PHONE_DIGITS) {
            throw invalid(
                    IdentifierType.PHONE,
                    "has " + digits.length() + " digits including the country code; E.164" + " numbers have "
                            + MIN_PHONE_DIGITS + " to " + MAX_PHONE_DIGITS);
        }
        return "+" + digits;
    }

    /**
     * Drops the {@code (0)} many countries print between the country code and the area code
     * ({@code +31 (0)24}, {@code +44 (0)20}): it is dialled only nationally and is not part of
     * the E.164 number. Only a {@code (0)} after 1 to 3 digits counts, since that is where a
     * country code ends; anywhere else it is kept and the number is judged as written.
     */
    private static String dropTrunkPrefixAfterCountryCode(String rest) {
        int trunk = rest.indexOf("(0)");
        if (trunk < 1 || trunk > 3) {
            return rest;
        }
        for (int i = 0; i < trunk; i++) {
            if (!Character.isDigit(rest.charAt(i))) {
                return rest;
            }
        }
        return rest.substring(0, trunk) + rest.substring(trunk + 3);
    }

    private static String opaqueId(IdentifierType type, String raw) {
        String value = raw.strip();
        if (value.isEmpty()) {
            throw invalid(type, "is empty");
        }
        if (value.length() > MAX_ID_LENGTH) {
            throw invalid(type, "is " + value.length() + " characters long; at most " + MAX_ID_LENGTH + " are allowed");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw invalid(type, "contains a control character at position " + (i + 1));
            }
        }
        return value;
    }

    private static String other(String raw) {
        String value = raw.strip();
        // An empty value would give every such subject the same pseudonym and stitch strangers together.
        if (value.isEmpty()) {
            throw invalid(IdentifierType.OTHER, "is empty");
        }
        return value;
    }

    private static boolean startsWithDigits(CharSequence s, String prefix) {
        if (s.length() < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (s.charAt(i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7F) {
                return false;
            }
        }
        return true;
    }

    private static InvalidIdentifierException invalid(IdentifierType type, String reason) {
        return new InvalidIdentifierException(type, reason);
    }

    @Override
    public String toString() {
        return "IdentifierNormaliser[defaultCountryCallingCode=+" + defaultCountryCallingCode + "]";
    }
}
