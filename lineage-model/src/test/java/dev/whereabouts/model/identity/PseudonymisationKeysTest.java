package dev.whereabouts.model.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whereabouts.model.common.IdentifierType;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PseudonymisationKeysTest {

    private static final String SECRET_A = Base64.getEncoder().encodeToString(bytes(0x11, 32));
    private static final String SECRET_B = Base64.getEncoder().encodeToString(bytes(0x22, 48));
    private static final String ENV = PseudonymisationKeys.ENVIRONMENT_VARIABLE;

    @Test
    void shouldReadTheRingFromTheEnvironmentWithTheFirstKeyCurrent() {
        // Given two keys, the newest first
        Map<String, String> env = Map.of(ENV, "2026-02:" + SECRET_A + " , 2025-08:" + SECRET_B);

        // When the ring is read
        PseudonymisationKeys keys = PseudonymisationKeys.fromEnvironment(env);

        // Then the first is current and the second is kept for lookups
        assertThat(keys.current().keyId()).isEqualTo("2026-02");
        assertThat(keys.current().secretLength()).isEqualTo(32);
        assertThat(keys.previous()).extracting(PseudonymisationKey::keyId).containsExactly("2025-08");
        assertThat(keys.all()).extracting(PseudonymisationKey::keyId).containsExactly("2026-02", "2025-08");
        assertThat(keys.isDemo()).isFalse();
    }

    @Test
    void shouldAcceptUrlSafeBase64WithoutPadding() {
        // Given a secret whose standard base64 would contain '+' and '/'
        byte[] secret = bytes(0xfb, 33);
        String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);

        // When / Then it reads as the same key as its standard spelling
        PseudonymisationKeys a = PseudonymisationKeys.parse("k:" + urlSafe, "test");
        PseudonymisationKeys b =
                PseudonymisationKeys.parse("k:" + Base64.getEncoder().encodeToString(secret), "test");
        assertThat(new Pseudonymiser(a).pseudonymise(IdentifierType.ACCOUNT_ID, "1"))
                .isEqualTo(new Pseudonymiser(b).pseudonymise(IdentifierType.ACCOUNT_ID, "1"));
    }

    @Test
    void shouldExplainWhatToDoWhenTheVariableIsMissing() {
        assertThatThrownBy(() -> PseudonymisationKeys.fromEnvironment(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(ENV + " is not set")
                .hasMessageContaining("keyId:base64secret")
                .hasMessageContaining("openssl rand -base64 32");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            'k1:SECRET_A,'              | entry 2 of 2 is empty
            ',k1:SECRET_A'              | entry 1 of 2 is empty
            'k1SECRET_A'                | entry 1 of 1 has no ':' between key id and secret
            ':SECRET_A'                 | entry 1 of 1 has an empty key id
            'k1:'                       | entry 1 of 1 (key 'k1') has an empty secret
            'k1:SECRET_A,k2:%%%notbase64' | entry 2 of 2 (key 'k2'): the secret is not valid base64
            'k1:SHORT'                  | entry 1 of 1: the secret of key 'k1' is 16 bytes; at least 32 are required
            'k1:SECRET_A,k1:SECRET_B'   | entry 2 of 2: key id 'k1' already used by entry 1
            'key one:SECRET_A'          | entry 1 of 1: key id 'key one' must be 1 to 64 letters
            """)
    void shouldRejectAMalformedRingPreciselyAndWithoutPrintingSecrets(String spec, String expected) {
        // Given a malformed ring (placeholders stand for real base64 secrets)
        String shortSecret = Base64.getEncoder().encodeToString(bytes(0x33, 16));
        String value =
                spec.replace("SECRET_A", SECRET_A).replace("SECRET_B", SECRET_B).replace("SHORT", shortSecret);

        // When it is read / Then the error names variable, entry and problem, and no secret
        assertThatThrownBy(() -> PseudonymisationKeys.fromEnvironment(Map.of(ENV, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(ENV + " ")
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage())
                        .doesNotContain(SECRET_A)
                        .doesNotContain(SECRET_B)
                        .doesNotContain(shortSecret)
                        .doesNotContain("%%%notbase64"));
    }

    @Test
    void shouldRejectDuplicateKeyIdsInARingBuiltInCode() {
        PseudonymisationKey a = new PseudonymisationKey("same", bytes(1, 32));
        PseudonymisationKey b = new PseudonymisationKey("same", bytes(2, 32));

        assertThatThrownBy(() -> PseudonymisationKeys.of(a, b))
                .hasMessage("key id 'same' appears twice (keys 1 and 2)");
    }

    @Test
    void shouldOfferAFixedClearlyNamedDemoKey() {
        // When the demo ring is asked for twice
        PseudonymisationKeys first = PseudonymisationKeys.demo();
        PseudonymisationKeys second = PseudonymisationKeys.demo();

        // Then it is the same fixed key, named as the demo key
        assertThat(first.current().keyId()).isEqualTo("demo-2026");
        assertThat(first.isDemo()).isTrue();
        assertThat(new Pseudonymiser(first).pseudonymise(IdentifierType.EMAIL, "a@b.io"))
                .isEqualTo(new Pseudonymiser(second).pseudonymise(IdentifierType.EMAIL, "a@b.io"));
    }

    @Test
    void shouldNeverPrintASecret() {
        // Given a key whose secret has a recognisable encoding
        byte[] secret = bytes(0x5a, 40);
        PseudonymisationKey key = new PseudonymisationKey("visible-id", secret);
        PseudonymisationKeys ring = PseudonymisationKeys.of(key);

        // When printed / Then only the id and the length show
        assertThat(key.toString()).isEqualTo("PseudonymisationKey[keyId=visible-id, secret=(hidden, 40 bytes)]");
        assertThat(ring.toString())
                .isEqualTo("PseudonymisationKeys[current=visible-id, previous=[]]")
                .doesNotContain(Base64.getEncoder().encodeToString(secret));
    }

    @Test
    void shouldCopyTheSecretSoTheCallerCanWipeIt() {
        // Given a key made from an array the caller wipes afterwards
        byte[] secret = bytes(0x77, 32);
        Pseudonymiser before = new Pseudonymiser(PseudonymisationKeys.of(new PseudonymisationKey("k", secret.clone())));
        PseudonymisationKey key = new PseudonymisationKey("k", secret);
        Arrays.fill(secret, (byte) 0);

        // When / Then the key still pseudonymises as before
        assertThat(new Pseudonymiser(PseudonymisationKeys.of(key)).pseudonymise(IdentifierType.OTHER, "x"))
                .isEqualTo(before.pseudonymise(IdentifierType.OTHER, "x"));
    }

    private static byte[] bytes(int value, int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
