package dev.whereabouts.model.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.whereabouts.model.common.IdentifierType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentifierNormaliserTest {

    private final IdentifierNormaliser normaliser = new IdentifierNormaliser();

    @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            'alice@example.com'               | alice@example.com
            'Alice@Example.com '              | alice@example.com
            '  ALICE@EXAMPLE.COM\t'           | alice@example.com
            'info@smarttrackers.nl'           | info@smarttrackers.nl
            'Bob.Smith+Newsletter@Mail.Co.UK' | bob.smith+newsletter@mail.co.uk
            'o''brien@example.ie'             | o'brien@example.ie
            'x@y.io'                          | x@y.io
            'JOSÉ@Exemple.fr'                 | josé@exemple.fr
            """)
    void shouldLowerCaseAndTrimEmailAddresses(String raw, String expected) {
        // Given an email address as a service might hold it

        // When it is normalised
        String normalised = normaliser.normalise(IdentifierType.EMAIL, raw);

        // Then case and surrounding whitespace no longer matter
        assertThat(normalised).isEqualTo(expected);
    }

    @Test
    void shouldGiveComposedAndDecomposedAccentsTheSameSpelling() {
        // Given the same address once with a precomposed é and once with e + combining accent
        String composed = "jos\u00e9@example.fr";
        String decomposed = "jose\u0301@example.fr";

        // When both are normalised / Then they are equal
        assertThat(normaliser.normalise(IdentifierType.EMAIL, decomposed))
                .isEqualTo(normaliser.normalise(IdentifierType.EMAIL, composed));
    }

    @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            '+31 (0)24 2022680'    | +31242022680
            '+31 24 2022680'       | +31242022680
            '024 2022680'          | +31242022680
            '024-2022680'          | +31242022680
            '(024) 202 26 80'      | +31242022680
            '0031 24 2022680'      | +31242022680
            '+31 6 1234 5678'      | +31612345678
            '06-12345678'          | +31612345678
            '06.12.34.56.78'       | +31612345678
            ' +31612345678 '       | +31612345678
            '+44 (0)20 7946 0000'  | +442079460000
            '+49 (0) 30 1234567'   | +49301234567
            '+1 (555) 123-4567'    | +15551234567
            '001 555 123 4567'     | +15551234567
            '+353 1 234 5678'      | +35312345678
            '+12345678'            | +12345678
            '+123456789012345'     | +123456789012345
            """)
    void shouldWritePhoneNumbersAsE164(String raw, String expected) {
        // Given a phone number written the way people write them

        // When it is normalised with the default country code (31)
        String normalised = normaliser.normalise(IdentifierType.PHONE, raw);

        // Then it is the E.164 form
        assertThat(normalised).isEqualTo(expected);
    }

    @Test
    void shouldGiveNationalNumbersTheConfiguredCountryCode() {
        // Given a normaliser for Belgium
        IdentifierNormaliser belgian = new IdentifierNormaliser("+32");

        // When a national number is normalised
        String normalised = belgian.normalise(IdentifierType.PHONE, "02 123 45 67");

        // Then it gets +32 instead of the Dutch default
        assertThat(normalised).isEqualTo("+3221234567");
        assertThat(belgian.defaultCountryCallingCode()).isEqualTo("32");
    }

    @Test
    void shouldReadTheDefaultCountryCodeFromTheEnvironment() {
        // Given / When
        IdentifierNormaliser fromEnv =
                IdentifierNormaliser.fromEnvironment(Map.of(IdentifierNormaliser.DEFAULT_COUNTRY_CODE_ENV, "49"));
        IdentifierNormaliser unset = IdentifierNormaliser.fromEnvironment(Map.of());

        // Then
        assertThat(fromEnv.defaultCountryCallingCode()).isEqualTo("49");
        assertThat(unset.defaultCountryCallingCode()).isEqualTo(IdentifierNormaliser.DEFAULT_COUNTRY_CALLING_CODE);
    }

    @Test
    void shouldRejectAMalformedDefaultCountryCodeNamingTheVariable() {
        assertThatThrownBy(() -> IdentifierNormaliser.fromEnvironment(
                        Map.of(IdentifierNormaliser.DEFAULT_COUNTRY_CODE_ENV, "031")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(IdentifierNormaliser.DEFAULT_COUNTRY_CODE_ENV)
                .hasMessageContaining("1 to 3 digits not starting with 0");
    }

    @ParameterizedTest(name = "[{index}] {0} ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            ACCOUNT_ID  | '  42 '                  | 42
            CUSTOMER_ID | 'CUST-00017'             | CUST-00017
            DEVICE_ID   | ' 3F2504E0-4F89-11D3 '   | 3F2504E0-4F89-11D3
            COOKIE_ID   | 'GA1.2.1234567.1700000'  | GA1.2.1234567.1700000
            OTHER       | '  Zendesk ticket 991  ' | Zendesk ticket 991
            """)
    void shouldTrimIdsAndKeepTheirCase(IdentifierType type, String raw, String expected) {
        assertThat(normaliser.normalise(type, raw)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0} ''{1}'': {2}")
    @CsvSource(delimiter = '|', textBlock = """
            EMAIL       | ''                                  | is empty
            EMAIL       | '   '                               | is empty
            EMAIL       | 'alice.example.com'                 | has no '@'
            EMAIL       | 'alice@bob@example.com'             | has more than one '@'
            EMAIL       | '@example.com'                      | has an empty local part
            EMAIL       | 'alice@'                            | has an empty domain
            EMAIL       | 'alice@localhost'                   | has a domain without a dot
            EMAIL       | 'alice@example..com'                | has an empty label in its domain
            EMAIL       | 'alice@.example.com'                | has an empty label in its domain
            EMAIL       | 'alice smith@example.com'           | contains whitespace at position 6
            EMAIL       | 'alice@exa\u0001mple.com'           | contains a control character
            PHONE       | ''                                  | is empty
            PHONE       | '12345678'                          | has no country code
            PHONE       | '+31 6 1234'                        | has 7 digits including the country code
            PHONE       | '+31 6 1234 5678 9012 34'           | has 17 digits including the country code
            PHONE       | '+31 6 CALL NOW'                    | contains a character other than digits
            PHONE       | 'tel:+31612345678'                  | contains a character other than digits
            PHONE       | '+31 6 1234 5678 ext 12'            | contains a character other than digits
            PHONE       | '++31612345678'                     | has a '+' that is not at the start
            PHONE       | '+0 612345678'                      | has a country calling code starting with 0
            PHONE       | '0000 612345678'                    | has a country calling code starting with 0
            PHONE       | '+31 (6 1234 5678'                  | has a '(' that is never closed
            PHONE       | '+31 6) 1234 5678'                  | has a ')' without a matching '('
            PHONE       | '+31 ((0)) 6 1234 5678'             | has nested parentheses
            PHONE       | '+'                                 | has no digits after the international prefix
            ACCOUNT_ID  | ' '                                 | is empty
            CUSTOMER_ID | 'CUST\\n17'                         | contains a control character at position 5
            OTHER       | '  '                                | is empty
            """)
    void shouldRejectImplausibleValuesWithAPreciseReason(IdentifierType type, String raw, String reason) {
        // Given a value that cannot be an identifier of its type (escapes written out for readability)
        String value = raw.replace("\\n", "\n");

        // When it is normalised / Then the exception names the type and the precise reason
        assertThatThrownBy(() -> normaliser.normalise(type, value))
                .isInstanceOfSatisfying(InvalidIdentifierException.class, e -> {
                    assertThat(e.type()).isEqualTo(type);
                    assertThat(e.reason()).contains(reason);
                    assertThat(e.getMessage()).startsWith("Invalid " + type + " identifier: ");
                });
    }

    @Test
    void shouldRejectOverlongValues() {
        String longEmail = "a".repeat(250) + "@example.com";
        String longId = "x".repeat(257);

        assertThatThrownBy(() -> normaliser.normalise(IdentifierType.EMAIL, longEmail))
                .hasMessageContaining("is 262 characters long; at most 254 are allowed");
        assertThatThrownBy(() -> normaliser.normalise(IdentifierType.DEVICE_ID, longId))
                .hasMessageContaining("is 257 characters long; at most 256 are allowed");
    }

    @Test
    void shouldRejectAMissingValue() {
        assertThatThrownBy(() -> normaliser.normalise(IdentifierType.PHONE, null))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessage("Invalid PHONE identifier: is missing (null)");
    }

    @ParameterizedTest(name = "[{index}] {0} ''{1}''")
    @CsvSource(delimiter = '|', textBlock = """
            EMAIL      | 'carol.danvers@avengers-initiative'
            EMAIL      | 'carol danvers@example.org'
            EMAIL      | 'carol.danvers@@example.org'
            PHONE      | '+31 6 4433'
            PHONE      | '+31 6 4433 2211 CALLME'
            PHONE      | '7788990011'
            ACCOUNT_ID | 'acct-carol-danvers-0001\u0007'
            """)
    void shouldNeverPutTheRawValueIntoTheErrorMessage(IdentifierType type, String raw) {
        // Given a distinctive invalid value
        String value = raw;

        // When it is rejected
        Throwable thrown = catchThrowable(() -> normaliser.normalise(type, value));

        // Then neither the value nor any recognisable piece of it is in the message
        assertThat(thrown).isInstanceOf(InvalidIdentifierException.class);
        assertThat(thrown.getMessage())
                .doesNotContain(value.strip())
                .doesNotContainIgnoringCase("carol")
                .doesNotContainIgnoringCase("danvers")
                .doesNotContain("4433")
                .doesNotContain("7788990011");
        assertThat(thrown.toString()).doesNotContainIgnoringCase("carol").doesNotContain("4433");
    }
}
