package dev.whereabouts.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns an {@code Authorization: Bearer <token>} header into a {@link Caller}. Tokens and their roles
 * come from configuration ({@link #fromSpec}); the embedded demo alone may run {@link #demo()}, which
 * lets anonymous callers do everything and names them {@code demo} in the audit trail.
 */
public final class Authenticator {

    private final Map<String, Caller> callersByToken;
    private final Optional<Caller> anonymous;

    private Authenticator(Map<String, Caller> callersByToken, Optional<Caller> anonymous) {
        this.callersByToken = Map.copyOf(callersByToken);
        this.anonymous = anonymous;
    }

    /** The embedded demo: no token needed, every role granted, caller recorded as {@code demo}. */
    public static Authenticator demo() {
        return new Authenticator(Map.of(), Optional.of(new Caller("demo", EnumSet.allOf(Role.class))));
    }

    /**
     * Tokens from a spec like {@code s3cr3t=checkout-service:ENGINEER,t0k3n=dpo@example.com:DPO+ADMIN}
     * (the environment variable {@code WHEREABOUTS_API_TOKENS}). Tokens shorter than 16 characters are
     * refused: they are guessable.
     */
    public static Authenticator fromSpec(String spec) {
        Map<String, Caller> callers = new HashMap<>();
        for (String entry : spec.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            int colon = trimmed.lastIndexOf(':');
            if (eq < 1 || colon < eq + 2 || colon == trimmed.length() - 1) {
                throw new IllegalArgumentException(
                        "token entry must look like <token>=<name>:<ROLE>[+<ROLE>], got an entry of " + trimmed.length()
                                + " characters");
            }
            String token = trimmed.substring(0, eq);
            if (token.length() < 16) {
                throw new IllegalArgumentException(
                        "token for '" + trimmed.substring(eq + 1, colon) + "' is shorter than 16 characters");
            }
            EnumSet<Role> roles = EnumSet.noneOf(Role.class);
            for (String role : trimmed.substring(colon + 1).split("\\+")) {
                try {
                    roles.add(Role.valueOf(role.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown role '" + role + "'; roles are ENGINEER, DPO, ADMIN");
                }
            }
            callers.put(token, new Caller(trimmed.substring(eq + 1, colon), roles));
        }
        if (callers.isEmpty()) {
            throw new IllegalArgumentException("no tokens configured");
        }
        return new Authenticator(callers, Optional.empty());
    }

    /** True for the embedded demo's authenticator, which lets anonymous callers in. */
    public boolean isDemo() {
        return anonymous.isPresent();
    }

    /** The caller a bare token (as typed into a sign-in form) belongs to; empty when none does. */
    public Optional<Caller> forToken(String token) {
        byte[] presented = token.trim().getBytes(StandardCharsets.UTF_8);
        Caller found = null;
        for (Map.Entry<String, Caller> entry : callersByToken.entrySet()) {
            // Constant-time comparison, and every token compared: timing must not reveal a match.
            if (MessageDigest.isEqual(presented, entry.getKey().getBytes(StandardCharsets.UTF_8))) {
                found = entry.getValue();
            }
        }
        return Optional.ofNullable(found);
    }

    /** The caller behind this {@code Authorization} header value; 401 when there is none or it is unknown. */
    public Caller authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return anonymous.orElseThrow(() -> ProblemException.unauthorized("send Authorization: Bearer <token>"));
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ProblemException.unauthorized("only Bearer tokens are accepted");
        }
        return forToken(authorization.substring(7))
                .or(() -> anonymous)
                .orElseThrow(() -> ProblemException.unauthorized("unknown token"));
    }
}
