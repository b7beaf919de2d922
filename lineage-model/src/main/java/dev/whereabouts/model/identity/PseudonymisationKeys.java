package dev.whereabouts.model.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The pseudonymisation key ring: one current key, which pseudonymises everything new, and the
 * previous keys, still needed to find data pseudonymised before the last rotation.
 *
 * <p>In production the ring comes from {@value #ENVIRONMENT_VARIABLE} ({@link
 * #fromEnvironment(Map)}), formatted {@code keyId:base64secret[,keyId:base64secret...]} with the
 * current key first. {@link #demo()} is a fixed, publicly known key for the embedded demo only.
 */
public final class PseudonymisationKeys {

    /**
     * Environment variable holding the key ring: {@code keyId:base64secret}, comma-separated,
     * current key first, e.g. {@code 2026-02:3q2+7w...,2025-08:q83v...}. Each secret is at least
     * 32 random bytes ({@code openssl rand -base64 32}). Required in production.
     */
    public static final String ENVIRONMENT_VARIABLE = "WHEREABOUTS_PSEUDONYM_KEYS";

    /** Id of the {@link #demo()} key. Pseudonyms under this id are not protected by any secret. */
    public static final String DEMO_KEY_ID = "demo-2026";

    // The demo secret is derived from a public phrase, so anyone can recompute it: that is the point.
    private static final String DEMO_SECRET_PHRASE = "whereabouts demo pseudonymisation key 2026 - NOT FOR PRODUCTION";

    private final PseudonymisationKey current;
    private final List<PseudonymisationKey> previous;

    private PseudonymisationKeys(PseudonymisationKey current, List<PseudonymisationKey> previous) {
        this.current = current;
        this.previous = List.copyOf(previous);
    }

    /**
     * A ring with {@code current} for new pseudonyms and {@code previous} (newest first) for
     * lookups of older data.
     *
     * @throws IllegalArgumentException when two keys share an id
     */
    public static PseudonymisationKeys of(PseudonymisationKey current, PseudonymisationKey... previous) {
        Objects.requireNonNull(current, "current");
        List<PseudonymisationKey> older = List.of(previous);
        Map<String, Integer> seen = new HashMap<>();
        seen.put(current.keyId(), 1);
        for (int i = 0; i < older.size(); i++) {
            Integer first = seen.putIfAbsent(older.get(i).keyId(), i + 2);
            if (first != null) {
                throw new IllegalArgumentException(
                        "key id '" + older.get(i).keyId() + "' appears twice (keys " + first + " and " + (i + 2) + ")");
            }
        }
        return new PseudonymisationKeys(current, older);
    }

    /**
     * Reads the ring from {@value #ENVIRONMENT_VARIABLE}.
     *
     * @param environment usually {@link System#getenv()}
     * @throws IllegalArgumentException when the variable is missing or malformed; the message
     *                                  names the variable, the entry and the problem, never a secret
     */
    public static PseudonymisationKeys fromEnvironment(Map<String, String> environment) {
        String spec = environment.get(ENVIRONMENT_VARIABLE);
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException(ENVIRONMENT_VARIABLE + " is not set: give at least one key as"
                    + " keyId:base64secret with a secret of " + PseudonymisationKey.MIN_SECRET_BYTES
                    + " or more random bytes (e.g. from 'openssl rand -base64 32'); the demo key is for the"
                    + " embedded demo only");
        }
        return parse(spec, ENVIRONMENT_VARIABLE);
    }

    /**
     * Parses {@code keyId:base64secret[,keyId:base64secret...]}, current key first. Secrets may be
     * standard or URL-safe base64, with or without padding.
     *
     * @param spec   the ring as text
     * @param source where the text came from, used in error messages (e.g. a variable name)
     * @throws IllegalArgumentException naming the source, the entry and the problem, never a secret
     */
    public static PseudonymisationKeys parse(String spec, String source) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(source, "source");
        String[] entries = spec.split(",", -1);
        List<PseudonymisationKey> keys = new ArrayList<>(entries.length);
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < entries.length; i++) {
            int number = i + 1;
            String entry = entries[i].strip();
            String where = source + " entry " + number + " of " + entries.length;
            if (entry.isEmpty()) {
                throw new IllegalArgumentException(where + " is empty (two commas in a row, or a comma at either end)");
            }
            int colon = entry.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(
                        where + " has no ':' between key id and secret; expected keyId:base64secret");
            }
            String keyId = entry.substring(0, colon).strip();
            String encoded = entry.substring(colon + 1).strip();
            if (keyId.isEmpty()) {
                throw new IllegalArgumentException(where + " has an empty key id before the ':'");
            }
            if (encoded.isEmpty()) {
                throw new IllegalArgumentException(where + " (key '" + keyId + "') has an empty secret after the ':'");
            }
            byte[] secret = decode(encoded);
            if (secret == null) {
                throw new IllegalArgumentException(where + " (key '" + keyId + "'): the secret is not valid base64");
            }
            Integer first = seen.putIfAbsent(keyId, number);
            if (first != null) {
                throw new IllegalArgumentException(where + ": key id '" + keyId + "' already used by entry " + first);
            }
            try {
                keys.add(new PseudonymisationKey(keyId, secret));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
        }
        return new PseudonymisationKeys(keys.get(0), keys.subList(1, keys.size()));
    }

    /**
     * The fixed key of the embedded demo, id {@value #DEMO_KEY_ID}. <strong>Not for
     * production:</strong> its secret is derived from a phrase published in this source file, so
     * anyone can recompute every pseudonym made with it, e.g. by hashing a list of email
     * addresses. It exists so that the demo data, tests and docs show stable pseudonyms.
     */
    public static PseudonymisationKeys demo() {
        try {
            byte[] secret =
                    MessageDigest.getInstance("SHA-256").digest(DEMO_SECRET_PHRASE.getBytes(StandardCharsets.UTF_8));
            return new PseudonymisationKeys(new PseudonymisationKey(DEMO_KEY_ID, secret), List.of());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available: " + e.getMessage(), e);
        }
    }

    /** The key that pseudonymises everything new. */
    public PseudonymisationKey current() {
        return current;
    }

    /** Keys from before the last rotations, newest first; kept to resolve older pseudonyms. */
    public List<PseudonymisationKey> previous() {
        return previous;
    }

    /** The current key followed by the previous ones. */
    public List<PseudonymisationKey> all() {
        List<PseudonymisationKey> all = new ArrayList<>(1 + previous.size());
        all.add(current);
        all.addAll(previous);
        return List.copyOf(all);
    }

    /** Whether new pseudonyms are made with the public {@link #demo()} key. */
    public boolean isDemo() {
        return DEMO_KEY_ID.equals(current.keyId());
    }

    /** Key ids and secret lengths only. */
    @Override
    public String toString() {
        return "PseudonymisationKeys[current=" + current.keyId() + ", previous="
                + previous.stream().map(PseudonymisationKey::keyId).collect(Collectors.joining(", ", "[", "]")) + "]";
    }

    private static byte[] decode(String encoded) {
        boolean urlSafe = encoded.indexOf('-') >= 0 || encoded.indexOf('_') >= 0;
        try {
            return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(encoded);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
