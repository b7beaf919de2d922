package dev.whereabouts.model.dsr;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature on every webhook call between the platform and a holder, both ways (docs/channels.md):
 *
 * <pre>Whereabouts-Signature: t=1765100000,v1=5f2c…(64 hex digits)</pre>
 *
 * where {@code v1} is HMAC-SHA256 with the holder's secret over the ASCII decimal {@code t} (Unix
 * seconds), a full stop and the exact body bytes. A receiver recomputes it, compares in constant
 * time and refuses a {@code t} more than the replay window (5 minutes) away from its clock; it
 * also remembers the {@code Whereabouts-Delivery} ids it has seen within that window, so a captured
 * call cannot be replayed.
 */
public final class WebhookSignature {

    public static final String HEADER = "Whereabouts-Signature";
    public static final String DELIVERY_HEADER = "Whereabouts-Delivery";
    public static final Duration REPLAY_WINDOW = Duration.ofMinutes(5);

    private final byte[] secret;

    public WebhookSignature(String secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length() < 16) {
            throw new IllegalArgumentException("a webhook secret needs at least 16 characters");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The header value for {@code body} sent at {@code at}. */
    public String sign(byte[] body, Instant at) {
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac(t, body));
    }

    /**
     * Empty when {@code header} signs {@code body} with this secret within the replay window of
     * {@code now}; otherwise why not (never echoing the header).
     */
    public Optional<String> problem(String header, byte[] body, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.of(HEADER + " header is missing");
        }
        Long t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length != 2) {
                continue;
            }
            if (kv[0].equals("t")) {
                try {
                    t = Long.parseLong(kv[1]);
                } catch (NumberFormatException e) {
                    return Optional.of(HEADER + ": t must be Unix seconds");
                }
            } else if (kv[0].equals("v1")) {
                v1 = kv[1];
            }
        }
        if (t == null || v1 == null) {
            return Optional.of(HEADER + " must be t=<unix seconds>,v1=<hex HMAC-SHA256>");
        }
        if (Math.abs(now.getEpochSecond() - t) > REPLAY_WINDOW.toSeconds()) {
            return Optional.of(
                    HEADER + ": timestamp is outside the " + REPLAY_WINDOW.toMinutes() + "-minute replay window");
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(v1);
        } catch (IllegalArgumentException e) {
            return Optional.of(HEADER + ": v1 must be hex");
        }
        if (!MessageDigest.isEqual(given, mac(t, body))) {
            return Optional.of(HEADER + ": signature does not match the body");
        }
        return Optional.empty();
    }

    private byte[] mac(long t, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
