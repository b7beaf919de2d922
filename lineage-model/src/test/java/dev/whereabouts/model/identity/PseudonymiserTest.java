package dev.whereabouts.model.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whereabouts.model.common.IdentifierType;
import dev.whereabouts.model.common.SubjectIdentifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PseudonymiserTest {

    private static final byte[] SECRET = bytes(0x42, 32);
    private static final PseudonymisationKey KEY = new PseudonymisationKey("k-2026-01", SECRET);

    private final Pseudonymiser pseudonymiser = new Pseudonymiser(PseudonymisationKeys.of(KEY));

    @Test
    void shouldProduceTheHmacOfTypeColonNormalisedValueAsComputedIndependently() throws Exception {
        // Given the HMAC-SHA256 of "EMAIL:alice@example.com" computed directly with javax.crypto
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        String expected =
                HexFormat.of().formatHex(mac.doFinal("EMAIL:alice@example.com".getBytes(StandardCharsets.UTF_8)));

        // When the pseudonymiser pseudonymises a messy spelling of the same address
        SubjectIdentifier identifier = pseudonymiser.pseudonymise(IdentifierType.EMAIL, " Alice@Example.COM ");

        // Then it is that HMAC in lower-case hex, with the type and key id
        assertThat(identifier.getType()).isEqualTo(IdentifierType.EMAIL);
        assertThat(identifier.getPseudonym()).isEqualTo(expected).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(identifier.getKeyId()).isEqualTo("k-2026-01");
    }

    @Test
    void shouldMatchRfc4231TestCase6ForTheUnderlyingHmac() {
        // Given RFC 4231 test case 6: key = 131 bytes of 0xaa (long enough to be a pseudonymisation key)
        Pseudonymiser rfc =
                new Pseudonymiser(PseudonymisationKeys.of(new PseudonymisationKey("rfc4231", bytes(0xaa, 131))));
        byte[] data = "Test Using Larger Than Block-Size Key - Hash Key First".getBytes(StandardCharsets.US_ASCII);

        // When the pseudonymiser's HMAC runs on the test data
        String hmac = rfc.hmacHex(0, data);

        // Then it is the RFC's HMAC-SHA-256 value
        assertThat(hmac).isEqualTo("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    }

    @Test
    void shouldGiveTheDemoKeyItsPublishedPseudonyms() {
        // Given the demo key, whose pseudonyms demo data and docs rely on
        // (expected values computed outside Java: Python hmac over SHA-256 of the demo phrase)
        Pseudonymiser demo = new Pseudonymiser(PseudonymisationKeys.demo());

        // When / Then
        assertThat(demo.pseudonymise(IdentifierType.EMAIL, "alice@example.com").getPseudonym())
                .isEqualTo("5668f1891de05793b593e56960f47959ff1a11d4f31ac5ca5e559eaab4e8ebc7");
        assertThat(demo.pseudonymise(IdentifierType.PHONE, "+31 (0)24 2022680").getPseudonym())
                .isEqualTo("e615f7f2737dc90f8a1faccca89a3ce497926121132a247318b1677b827e1ef7");
        assertThat(demo.currentKeyId()).isEqualTo(PseudonymisationKeys.DEMO_KEY_ID);
    }

    @Test
    void shouldGiveTheSamePseudonymWhateverTheCaseAndWhitespace() {
        // Given several spellings of one email address and of one phone number
        List<String> emails =
                List.of("alice@example.com", "ALICE@EXAMPLE.COM", "  Alice@Example.com\t", "aLiCe@eXaMpLe.CoM ");
        List<String> phones = List.of("+31 (0)24 2022680", "024 2022680", "0031242022680", "+31-24-202-26-80");

        // When each is pseudonymised / Then each group collapses to a single pseudonym
        assertThat(emails.stream()
                        .map(e -> pseudonymiser
                                .pseudonymise(IdentifierType.EMAIL, e)
                                .getPseudonym())
                        .distinct())
                .hasSize(1);
        assertThat(phones.stream()
                        .map(p -> pseudonymiser
                                .pseudonymise(IdentifierType.PHONE, p)
                                .getPseudonym())
                        .distinct())
                .hasSize(1);
    }

    @Test
    void shouldGiveDifferentPseudonymsUnderDifferentKeys() {
        // Given a second key with another secret
        Pseudonymiser other =
                new Pseudonymiser(PseudonymisationKeys.of(new PseudonymisationKey("k-2026-02", bytes(0x43, 32))));

        // When the same address is pseudonymised under both keys
        SubjectIdentifier first = pseudonymiser.pseudonymise(IdentifierType.EMAIL, "alice@example.com");
        SubjectIdentifier second = other.pseudonymise(IdentifierType.EMAIL, "alice@example.com");

        // Then pseudonyms and key ids differ
        assertThat(second.getPseudonym()).isNotEqualTo(first.getPseudonym());
        assertThat(second.getKeyId()).isEqualTo("k-2026-02");
    }

    @Test
    void shouldKeepEqualValuesOfDifferentTypesApart() {
        // Given the same characters as an account id and as a customer id
        String pseudonymAsAccount =
                pseudonymiser.pseudonymise(IdentifierType.ACCOUNT_ID, "42").getPseudonym();
        String pseudonymAsCustomer =
                pseudonymiser.pseudonymise(IdentifierType.CUSTOMER_ID, "42").getPseudonym();

        // Then they are not the same subject identifier
        assertThat(pseudonymAsAccount).isNotEqualTo(pseudonymAsCustomer);
    }

    @Test
    void shouldPseudonymiseWithEveryKeyCurrentFirstSoOldDataCanBeFound() {
        // Given a ring rotated twice: k3 current, k2 and k1 previous
        PseudonymisationKey k1 = new PseudonymisationKey("k1", bytes(0x01, 32));
        PseudonymisationKey k2 = new PseudonymisationKey("k2", bytes(0x02, 32));
        PseudonymisationKey k3 = new PseudonymisationKey("k3", bytes(0x03, 32));
        Pseudonymiser rotated = new Pseudonymiser(PseudonymisationKeys.of(k3, k2, k1));
        Pseudonymiser beforeRotation = new Pseudonymiser(PseudonymisationKeys.of(k1));

        // When a lookup pseudonymises an address with all keys
        List<SubjectIdentifier> all = rotated.pseudonymiseWithAllKeys(IdentifierType.EMAIL, "Alice@Example.com");

        // Then there is one identifier per key, current first, and the oldest matches what k1 wrote
        assertThat(all).extracting(SubjectIdentifier::getKeyId).containsExactly("k3", "k2", "k1");
        assertThat(all.get(0)).isEqualTo(rotated.pseudonymise(IdentifierType.EMAIL, "alice@example.com"));
        assertThat(all.get(2)).isEqualTo(beforeRotation.pseudonymise(IdentifierType.EMAIL, "alice@example.com"));
        assertThat(all).extracting(SubjectIdentifier::getPseudonym).doesNotHaveDuplicates();
    }

    @Test
    void shouldGiveTheSameAnswerFromManyThreadsAtOnce() throws Exception {
        // Given a single pseudonymiser shared by 8 threads
        String expected = pseudonymiser
                .pseudonymise(IdentifierType.PHONE, "+31 6 1234 5678")
                .getPseudonym();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        try {
            // When each pseudonymises the same number many times
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        seen.add(pseudonymiser
                                .pseudonymise(IdentifierType.PHONE, "06-12345678")
                                .getPseudonym());
                        pseudonymiser.pseudonymise(IdentifierType.EMAIL, "user" + i + "@example.com");
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        // Then every thread computed the same pseudonym
        assertThat(seen).containsExactly(expected);
    }

    @Test
    void shouldRejectAnInvalidIdentifierWithoutEchoingIt() {
        assertThatThrownBy(() -> pseudonymiser.pseudonymise(IdentifierType.EMAIL, "carol.danvers-at-example.org"))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessage("Invalid EMAIL identifier: has no '@'");
    }

    @Test
    void shouldNotRevealKeysInItsDescription() {
        assertThat(pseudonymiser.toString())
                .contains("k-2026-01")
                .doesNotContain(HexFormat.of().formatHex(SECRET))
                .doesNotContain(Base64.getEncoder().encodeToString(SECRET));
    }

    private static byte[] bytes(int value, int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
