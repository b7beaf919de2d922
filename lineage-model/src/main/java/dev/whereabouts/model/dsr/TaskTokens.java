package dev.whereabouts.model.dsr;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The per-task token a WEBHOOK or EMAIL holder answers with on the callback URL: HMAC-SHA256 of
 * the task id under the platform's callback key, base64url without padding. Nothing is stored:
 * the DPO API recomputes the token of the task named in the URL. A token answers its task once:
 * when the task is closed, a second answer is refused (409) whatever the token.
 */
public final class TaskTokens {

    /** The header a holder's answer carries its task's token in (or the form field {@code token}). */
    public static final String HEADER = "Whereabouts-Task-Token";

    private final byte[] key;

    public TaskTokens(String key) {
        Objects.requireNonNull(key, "key");
        if (key.length() < 16) {
            throw new IllegalArgumentException("the task token key needs at least 16 characters");
        }
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    public String token(String taskId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(taskId));
    }

    /** True when {@code token} is this task's, compared in constant time. */
    public boolean matches(String taskId, String token) {
        if (token == null) {
            return false;
        }
        return MessageDigest.isEqual(
                token.getBytes(StandardCharsets.US_ASCII), token(taskId).getBytes(StandardCharsets.US_ASCII));
    }

    private byte[] mac(String taskId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(("whereabouts-task-token/v1|" + taskId).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
