package dev.whereabouts.model.identity;

import dev.whereabouts.model.common.IdentifierType;
import dev.whereabouts.model.common.SubjectIdentifier;
import dev.whereabouts.model.config.CommonSettings;
import dev.whereabouts.model.config.Settings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;

/**
 * Turns a raw identifier into the only form that may leave the ingest edge: the keyed
 * HMAC-SHA256 of {@code TYPE + ":" + normalisedValue}, as lower-case hex, with the id of the key.
 *
 * <p>The type is part of the HMAC input so that an account id and a phone number that happen to
 * be spelled the same stay two different pseudonyms. A keyed HMAC rather than a plain hash
 * because email addresses and phone numbers are guessable: anyone could hash a list of them and
 * match a plain SHA-256; without the key they cannot.
 *
 * <p>Thread-safe and allocation-light: each thread keeps its own initialised {@link Mac} per key
 * (cloned from a prototype, so the key schedule is computed once), and the {@code TYPE:} prefix
 * bytes are computed once.
 */
public final class Pseudonymiser {

    /**
     * Variable name as {@link PseudonymisationKeys#ENVIRONMENT_VARIABLE}; repeated here so
     * {@link #fromEnvironment(Map)} documents everything it reads.
     */
    public static final String KEYS_ENV = PseudonymisationKeys.ENVIRONMENT_VARIABLE;

    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();
    private static final byte[][] PREFIXES = prefixes();

    private final PseudonymisationKeys keys;
    private final IdentifierNormaliser normaliser;
    private final List<PseudonymisationKey> ring;
    private final Mac[] prototypes;
    private final ThreadLocal<Mac[]> macs;

    /** Pseudonymises with {@code keys} and the default normalisation rules (national phones: +31). */
    public Pseudonymiser(PseudonymisationKeys keys) {
        this(keys, new IdentifierNormaliser());
    }

    /**
     * @param keys       the current key pseudonymises; previous keys serve {@link #pseudonymiseWithAllKeys}
     * @param normaliser the rules every ingest path shares
     */
    public Pseudonymiser(PseudonymisationKeys keys, IdentifierNormaliser normaliser) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.normaliser = Objects.requireNonNull(normaliser, "normaliser");
        this.ring = keys.all();
        this.prototypes = new Mac[ring.size()];
        for (int i = 0; i < prototypes.length; i++) {
            prototypes[i] = ring.get(i).newMac();
        }
        this.macs = ThreadLocal.withInitial(() -> new Mac[prototypes.length]);
    }

    /**
     * The platform services' pseudonymiser, from their settings: the key ring of
     * {@code pseudonym.keys}, or the public demo key when that is unset and {@code demo} is true;
     * national phone numbers get {@code phone.default.country.code}.
     *
     * @throws IllegalArgumentException when there are no keys outside the demo, or they are malformed
     */
    public static Pseudonymiser fromSettings(Settings settings) {
        IdentifierNormaliser normaliser;
        try {
            normaliser = new IdentifierNormaliser(settings.get(CommonSettings.PHONE_DEFAULT_COUNTRY_CODE));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    CommonSettings.PHONE_DEFAULT_COUNTRY_CODE.environmentVariable() + ": " + e.getMessage(), e);
        }
        String keys = settings.get(CommonSettings.PSEUDONYM_KEYS);
        if (!keys.isBlank()) {
            return new Pseudonymiser(PseudonymisationKeys.parse(keys, KEYS_ENV), normaliser);
        }
        if (settings.get(CommonSettings.DEMO)) {
            return new Pseudonymiser(PseudonymisationKeys.demo(), normaliser);
        }
        throw new IllegalArgumentException(
                KEYS_ENV + " is not set: outside the demo the pseudonymisation key must be your own");
    }

    /**
     * Keys from {@value PseudonymisationKeys#ENVIRONMENT_VARIABLE} and the national phone prefix
     * from {@value IdentifierNormaliser#DEFAULT_COUNTRY_CODE_ENV}.
     *
     * @throws IllegalArgumentException naming the variable when either is missing or malformed
     */
    public static Pseudonymiser fromEnvironment(Map<String, String> environment) {
        return new Pseudonymiser(
                PseudonymisationKeys.fromEnvironment(environment), IdentifierNormaliser.fromEnvironment(environment));
    }

    /**
     * Normalises {@code raw} and pseudonymises it with the current key.
     *
     * @throws InvalidIdentifierException when {@code raw} is not a valid identifier of {@code type};
     *                                    the message never contains the value
     */
    public SubjectIdentifier pseudonymise(IdentifierType type, String raw) {
        String normalised = normaliser.normalise(type, raw);
        return new SubjectIdentifier(
                type, hmacHex(0, type, normalised), ring.get(0).keyId());
    }

    /**
     * One pseudonymous identifier per key, current key first: what a lookup must search for to
     * find data pseudonymised before a key rotation.
     *
     * @throws InvalidIdentifierException when {@code raw} is not a valid identifier of {@code type}
     */
    public List<SubjectIdentifier> pseudonymiseWithAllKeys(IdentifierType type, String raw) {
        String normalised = normaliser.normalise(type, raw);
        List<SubjectIdentifier> all = new ArrayList<>(ring.size());
        for (int i = 0; i < ring.size(); i++) {
            all.add(new SubjectIdentifier(
                    type, hmacHex(i, type, normalised), ring.get(i).keyId()));
        }
        return List.copyOf(all);
    }

    /** Id of the key new pseudonyms are made with. */
    public String currentKeyId() {
        return ring.get(0).keyId();
    }

    /** The key ring. */
    public PseudonymisationKeys keys() {
        return keys;
    }

    /** The normalisation rules applied before hashing. */
    public IdentifierNormaliser normaliser() {
        return normaliser;
    }

    @Override
    public String toString() {
        return "Pseudonymiser[" + keys + ", " + normaliser + "]";
    }

    private String hmacHex(int keyIndex, IdentifierType type, String normalised) {
        Mac mac = mac(keyIndex);
        mac.update(PREFIXES[type.ordinal()]);
        mac.update(normalised.getBytes(StandardCharsets.UTF_8));
        return hex(mac.doFinal());
    }

    /** The bare HMAC of {@code message} under key {@code keyIndex}, for known-answer tests. */
    String hmacHex(int keyIndex, byte[] message) {
        return hex(mac(keyIndex).doFinal(message));
    }

    private Mac mac(int keyIndex) {
        Mac[] own = macs.get();
        Mac mac = own[keyIndex];
        if (mac == null) {
            mac = copyOf(keyIndex);
            own[keyIndex] = mac;
        }
        return mac;
    }

    private Mac copyOf(int keyIndex) {
        Mac prototype = prototypes[keyIndex];
        // The prototype is never updated, only cloned; the lock covers providers whose clone is not thread-safe.
        synchronized (prototype) {
            try {
                return (Mac) prototype.clone();
            } catch (CloneNotSupportedException e) {
                return ring.get(keyIndex).newMac();
            }
        }
    }

    /** Lower-case hex; a plain table lookup, as this runs for every identifier of every event. */
    private static String hex(byte[] bytes) {
        char[] chars = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            chars[2 * i] = HEX_DIGITS[(bytes[i] >> 4) & 0x0f];
            chars[2 * i + 1] = HEX_DIGITS[bytes[i] & 0x0f];
        }
        return new String(chars);
    }

    private static byte[][] prefixes() {
        IdentifierType[] types = IdentifierType.values();
        byte[][] prefixes = new byte[types.length][];
        for (IdentifierType type : types) {
            prefixes[type.ordinal()] = (type.name() + ":").getBytes(StandardCharsets.UTF_8);
        }
        return prefixes;
    }
}
