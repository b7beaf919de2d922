package dev.whereabouts.model.identity;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One HMAC key for pseudonymisation: an id, carried in every pseudonymous identifier so keys can
 * be rotated, and a secret of at least {@value #MIN_SECRET_BYTES} bytes. The secret cannot be read
 * back and is never printed: {@link #toString()} shows the id and the secret's length only.
 */
public final class PseudonymisationKey {

    /** Shortest secret accepted: HMAC-SHA256's output size, so the key is not the weak point. */
    public static final int MIN_SECRET_BYTES = 32;

    static final String ALGORITHM = "HmacSHA256";

    // ':' and ',' separate ids and secrets in WHEREABOUTS_PSEUDONYM_KEYS, so they cannot be in an id.
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final String keyId;
    private final SecretKeySpec secret;
    private final int secretLength;

    /**
     * @param keyId  1 to 64 letters, digits, {@code .}, {@code _} or {@code -}, e.g. {@code 2026-01}
     * @param secret at least {@value #MIN_SECRET_BYTES} random bytes; copied, so the caller may
     *               wipe its array afterwards
     * @throws IllegalArgumentException for a malformed id or a short secret; the message never
     *                                  contains the secret
     */
    public PseudonymisationKey(String keyId, byte[] secret) {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(secret, "secret");
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException(
                    "key id '" + keyId + "' must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the secret of key '" + keyId + "' is " + secret.length
                    + " bytes; at least " + MIN_SECRET_BYTES + " are required");
        }
        this.keyId = keyId;
        this.secret = new SecretKeySpec(secret, ALGORITHM);
        this.secretLength = secret.length;
    }

    /** The id carried as {@code keyId} in every identifier this key pseudonymised. */
    public String keyId() {
        return keyId;
    }

    /** Length of the secret in bytes; the secret itself is not exposed. */
    public int secretLength() {
        return secretLength;
    }

    /** A fresh HMAC-SHA256 initialised with this key. */
    Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // Every Java SE runtime must provide HmacSHA256, so this is a broken JRE, not bad input.
            throw new IllegalStateException("HmacSHA256 is not available: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "PseudonymisationKey[keyId=" + keyId + ", secret=(hidden, " + secretLength + " bytes)]";
    }
}
