package dev.whereabouts.catalog;

import static dev.whereabouts.catalog.CatalogFixtures.columnOf;
import static dev.whereabouts.catalog.CatalogFixtures.lineOf;
import static dev.whereabouts.catalog.CatalogFixtures.minimal;
import static dev.whereabouts.catalog.CatalogFixtures.minimalWith;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per kind of problem the validator reports, each checking the path and the reason. */
class CatalogValidatorTest {

    private static final String FILE = "catalog.yaml";

    private final CatalogValidator validator = new CatalogValidator();

    private List<CatalogProblem> problemsOf(String yaml) {
        return validator.validate(FILE, yaml);
    }

    private CatalogProblem onlyProblemOf(String yaml) {
        List<CatalogProblem> problems = problemsOf(yaml);
        assertThat(problems).as("problems").hasSize(1);
        return problems.get(0);
    }

    @Test
    void shouldAcceptTheMinimalCatalog() {
        // Given / When
        CatalogValidator.Outcome outcome = validator.check(FILE, minimal());

        // Then
        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.catalog()).isPresent();
        assertThat(outcome.catalog().get().holders()).containsOnlyKeys("example-app", "mailer", "backups");
    }

    // ------------------------------------------------------------------ structure

    @Test
    void shouldReportYamlSyntaxErrorWithLineAndColumn() {
        // Given: an unclosed flow sequence
        String yaml = minimalWith(
                "categories: [user.name, user.contact.email, user.device.ip_address]",
                "categories: [user.name, user.contact.email\n    bad: [");

        // When
        CatalogProblem problem = onlyProblemOf(yaml);

        // Then
        assertThat(problem.file()).isEqualTo(FILE);
        assertThat(problem.reason()).startsWith("YAML syntax error: ");
        assertThat(problem.hasLocation()).isTrue();
        assertThat(problem.line()).isGreaterThanOrEqualTo(lineOf(yaml, "bad: ["));
    }

    @Test
    void shouldReportDuplicateKeyAtItsLine() {
        // Given
        String yaml = minimalWith("    displayName: Mailer\n", "    displayName: Mailer\n    displayName: Mail Inc\n");

        // When
        CatalogProblem problem = onlyProblemOf(yaml);

        // Then
        assertThat(problem.reason()).contains("duplicate key 'displayName'");
        assertThat(problem.line()).isEqualTo(lineOf(yaml, "displayName: Mail Inc"));
    }

    @Test
    void shouldRejectYamlAliases() {
        // Given
        String yaml = minimalWith("    purposes: [system-mail]", "    purposes: &mail [system-mail]")
                .replace("    purposes: [database-backup]", "    purposes: *mail");

        // When
        List<CatalogProblem> problems = problemsOf(yaml);

        // Then
        assertThat(problems)
                .extracting(CatalogProblem::reason)
                .anySatisfy(r -> assertThat(r).contains("YAML anchors (&mail) are not supported"))
                .anySatisfy(r -> assertThat(r).contains("YAML aliases (*mail) are not supported"));
    }

    @Test
    void shouldReportEveryUnknownKeyWithItsPathAndASuggestion() {
        // Given: two misspelt keys in different places
        String yaml = minimalWith("    legalEntity: Mailer Inc.", "    legalEntty: Mailer Inc.")
                .replace("    description: Nightly database backup.", "    descripton: Nightly database backup.");

        // When
        List<CatalogProblem> problems = problemsOf(yaml);

        // Then
        assertThat(problems).extracting(CatalogProblem::path).contains("holders[1].legalEntty", "flows[0].descripton");
        CatalogProblem unknown = problems.stream()
                .filter(p -> p.path().equals("holders[1].legalEntty"))
                .findFirst()
                .orElseThrow();
        assertThat(unknown.reason()).contains("unknown key 'legalEntty' in holder (did you mean 'legalEntity'?)");
        assertThat(unknown.line()).isEqualTo(lineOf(yaml, "legalEntty"));
        assertThat(unknown.column()).isEqualTo(columnOf(yaml, "legalEntty"));
        assertThat(problems)
                .extracting(CatalogProblem::reason)
                .anySatisfy(r -> assertThat(r).contains("missing required key 'legalEntity'"));
    }

    @Test
    void shouldReportAValueOfTheWrongType() {
        // Given: a single category where a list is expected
        String yaml =
                minimalWith("categories: [user.contact.email, user.content.private]", "categories: user.contact.email");

        // When
        List<CatalogProblem> problems = problemsOf(yaml);

        // Then
        assertThat(problems).first().satisfies(p -> {
            assertThat(p.path()).isEqualTo("holders[1].categories");
            assertThat(p.reason()).contains("expected a list, e.g. [user.contact.email]");
        });
    }

    @Test
    void shouldReportAMissingRequiredKey() {
        // Given
        String yaml = minimalWith("    displayName: Backups\n", "");

        // When
        CatalogProblem problem = onlyProblemOf(yaml);

        // Then
        assertThat(problem.path()).isEqualTo("holders[2]");
        assertThat(problem.reason()).isEqualTo("missing required key 'displayName'");
    }

    @Test
    void shouldRejectAnUnquotedBooleanWhereTextIsExpected() {
        // Given: Norway's country code, which YAML 1.1 reads as false
        String yaml = minimalWith("    country: IE", "    country: NO");

        // When
        CatalogProblem problem = onlyProblemOf(yaml);

        // Then
        assertThat(problem.path()).isEqualTo("holders[2].country");
        assertThat(problem.reason()).contains("found the boolean false").contains("quote the value");
    }

    @Test
    void shouldRejectAnUnsupportedFormatVersion() {
        // When
        CatalogProblem problem = onlyProblemOf(minimalWith("formatVersion: 1", "formatVersion: 2"));

        // Then
        assertThat(problem.path()).isEqualTo("formatVersion");
        assertThat(problem.reason()).contains("unsupported formatVersion 2");
        assertThat(problem.line()).isEqualTo(2);
    }

    @Test
    void shouldRejectAnEmptyFile() {
        // When
        CatalogProblem problem = onlyProblemOf("# nothing yet\n");

        // Then
        assertThat(problem.reason()).contains("the catalog file is empty");
    }

    @Test
    void shouldReportAMissingFile(@TempDir Path dir) {
        // When
        List<CatalogProblem> problems = validator.validate(dir.resolve("absent.yaml"));

        // Then
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("absent.yaml");
            assertThat(p.reason()).isEqualTo("catalog file not found");
        });
    }

    // ------------------------------------------------------------------ categories

    @Test
    void shouldRejectHolderWithUnknownCategoryAndSuggestTheNearestKey() {
        // Given
        String yaml = minimalWith(
                "categories: [user.contact.email, user.content.private]",
                "categories: [user.contact.emial, user.content.private]");

        // When
        List<CatalogProblem> problems = problemsOf(yaml);

        // Then
        assertThat(problems).first().satisfies(p -> {
            assertThat(p.path()).isEqualTo("holders[1].categories[0]");
            assertThat(p.reason())
                    .isEqualTo("unknown data category 'user.contact.emial' (did you mean 'user.contact.email'?)");
            assertThat(p.line()).isEqualTo(lineOf(yaml, "user.contact.emial"));
            assertThat(p.column()).isEqualTo(columnOf(yaml, "user.contact.emial"));
        });
    }

    @Test
    void shouldNameTheReplacementOfADeprecatedCategory() {
        // Given
        String yaml = minimalWith(
                "categories: [user.name, user.contact.email, user.device.ip_address]",
                "categories: [user.name, user.contact.email, user.device.ip_address, user.contact.url]");

        // When
        List<CatalogProblem> problems = problemsOf(yaml);

        // Then
        assertThat(problems)
                .extracting(CatalogProblem::path, CatalogProblem::reason)
                .contains(
                        org.assertj.core.groups.Tuple.tuple(
                                "holders[0].categories[3]",
                                "data category 'user.contact.url' is deprecated since fideslang 3.2.0; use 'user.contact.social_url'"));
    }

    @Test
    void shouldRejectACategoryListedTwice() {
        // When
        CatalogProblem problem = onlyProblemOf(minimalWith(
                "categories: [user.name, user.contact.email, user.device.ip_address]",
                "categories: [user.name, user.contact.email, user.name, user.device.ip_address]"));

        // Then
        assertThat(problem.path()).isEqualTo("holders[0].categories[2]");
        assertThat(problem.reason()).isEqualTo("'user.name' is listed twice");
    }

    // ------------------------------------------------------------------ ids and references

    @Test
    void shouldRejectAnUnknownPurposeId() {
        // When
        CatalogProblem problem = onlyProblemOf(minimalWith("purposes: [system-mail]", "purposes: [sytem-mail]"));

        // Then
        assertThat(problem.path()).isEqualTo("holders[1].purposes[0]");
        assertThat(problem.reason())
                .isEqualTo("unknown purpose 'sytem-mail' (did you mean 'system-mail'?); declare it under purposes");
    }

    @Test
    void shouldRejectADuplicateHolderId() {
        // When
        CatalogProblem problem = onlyProblemOf(minimalWith("  - id: mailer", "  - id: backups"));

        // Then
        assertThat(problem.path()).isEqualTo("holders[2].id");
        assertThat(problem.reason()).isEqualTo("duplicate holder id 'backups' (first at holders[1])");
    }

    @Test
    void shouldRejectADuplicatePurposeId() {
        // When
        List<CatalogProblem> problems = problemsOf(minimalWith("  - id: system-mail", "  - id: service-delivery"));

        // Then
        assertThat(problems).first().satisfies(p -> {
            assertThat(p.path()).isEqualTo("purposes[1].id");
            assertThat(p.reason()).isEqualTo("duplicate purpose id 'service-delivery' (first at purposes[0])");
        });
    }

    @Test
    void shouldRejectADuplicateFlowId() {
        // Given
        String yaml = minimal() + """
                  - id: app-backup
                    from: mailer
                    to: backups
                    categories: [user.contact.email]
                    retention: P1Y
                    purpose: database-backup
                """;

        // When
        CatalogProblem problem = onlyProblemOf(yaml);

        // Then
        assertThat(problem.path()).isEqualTo("flows[1].id");
        assertThat(problem.reason()).isEqualTo("duplicate flow id 'app-backup' (first at flows[0])");
    }

    @Test
    void shouldRejectAHolderIdThatIsNotLowerKebabCase() {
        // When
        List<CatalogProblem> problems = problemsOf(minimalWith("  - id: mailer", "  - id: Mailer_EU"));

        // Then
        assertThat(problems).first().satisfies(p -> {
            assertThat(p.path()).isEqualTo("holders[1].id");
            assertThat(p.reason()).contains("must be lower-kebab-case").contains("'mailer-eu'");
        });
    }

    @Test
    void shouldRejectAFlowFromAnUnknownHolder() {
        // When
        CatalogProblem problem = onlyProblemOf(minimalWith("from: example-app", "from: exmaple-app"));

        // Then
        assertThat(problem.path()).isEqualTo("flows[0].from");
        assertThat(problem.reason()).isEqualTo("unknown holder 'exmaple-app' (did you mean 'example-app'?)");
    }

    @Test
    void shouldRejectAFlowToAnUnknownHolder() {
        // When
        CatalogProblem problem = onlyProblemOf(minimalWith("to: backups", "to: archive"));

        // Then
        assertThat(problem.path()).isEqualTo("flows[0].to");
        assertThat(problem.reason()).isEqualTo("unknown holder 'archive'");
    }

    @Test
    void shouldRejectAFlowCycle() {
        // Given: backups flow back into the application
        String yaml =
                minimalWith("    purposes: [service-delivery]", "    purposes: [service-delivery, database-backup]")
                        + """
                  - id: restore
                    from: backups
                    to: example-app
                    categories: [user.name]
                    retention: P1Y
                    purpose: database-backup
                """;

        // When
        List<CatalogProblem> problems = problemsOf(yaml);

        // Then
        assertThat(problems)
                .extracting(CatalogProblem::path, CatalogProblem::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "flows[1]",
                        "declared flows form a cycle example-app -> backups -> example-app"
                                + " (flows app-backup, restore); onward lineage would never end"));
    }

    // ------------------------------------------------------------------ values

    @Test
    void shouldRejectABadIsoPeriod() {
        // Given
        String yaml = minimalWith("retention: P45D", "retention: 45 days");

        // When
        CatalogProblem problem = onlyProblemOf(yaml);

        // Then
        assertThat(problem.path()).isEqualTo("holders[1].retention[0].retention");
        assertThat(problem.reason())
                .isEqualTo("'45 days' is not an ISO-8601 period; expected e.g. P45D, P14M, P1Y, P4W or PT24H");
        assertThat(problem.line()).isEqualTo(lineOf(yaml, "45 days"));
        assertThat(problem.toString())
                .isEqualTo(FILE + ":" + problem.line() + ":" + problem.column() + ": "
                        + "holders[1].retention[0].retention: " + problem.reason());
    }

    @Test
    void shouldRejectABadCountryCode() {
        // When
        CatalogProblem problem = onlyProblemOf(minimalWith("    country: US", "    country: UK"));

        // Then
        assertThat(problem.path()).isEqualTo("holders[1].country");
        assertThat(problem.reason())
                .isEqualTo("'UK' is not an ISO 3166-1 alpha-2 country code such as NL, US or AU"
                        + " (ISO 3166-1 writes it 'GB')");
    }

    @Test
    void shouldRejectAnUnknownRole() {
        // When
        CatalogProblem problem = onlyProblemOf(minimalWith("role: processor", "role: subprocessor"));

        // Then
        assertThat(problem.path()).isEqualTo("holders[1].role");
        assertThat(problem.reason())
                .isEqualTo("unknown role 'subprocessor' (did you mean 'sub-processor'?);"
                        + " one of internal, processor, sub-processor");
    }

    @Test
    void shouldRejectAnUnknownLegalBasis() {
        // When
        CatalogProblem problem =
                onlyProblemOf(minimalWith("legalBasis: legitimate-interests", "legalBasis: unspecified"));

        // Then
        assertThat(problem.path()).isEqualTo("purposes[2].legalBasis");
        assertThat(problem.reason())
                .startsWith("unknown legal basis 'unspecified'")
                .endsWith(
                        "one of consent, contract, legal-obligation, vital-interests, public-task, legitimate-interests");
    }

    // ------------------------------------------------------------------ controller: authority and verification

    /** The minimal catalog's one verification policy, as a YAML list item. */
    private static final String POLICY = """
            - requestTypes: [ACCESS, PORTABILITY]
              method: ID_DOCUMENT_COPY
              checkedBy: PERSON
              instructions: Send a copy of your identity document.
            """;

    /** The minimal catalog with its verification policy replaced by {@code policies} (YAML list items). */
    private static String withVerification(String policies) {
        return minimalWith(POLICY.indent(4), policies.indent(4));
    }

    @Test
    void shouldRequireASupervisoryAuthority() {
        // When
        CatalogProblem problem = onlyProblemOf(minimalWith("""
                  supervisoryAuthority:
                    name: Autoriteit Persoonsgegevens
                    country: NL
                    complaintUrl: https://autoriteitpersoonsgegevens.nl/
                """, ""));

        // Then
        assertThat(problem.path()).isEqualTo("controller");
        assertThat(problem.reason()).isEqualTo("missing required key 'supervisoryAuthority'");
    }

    @Test
    void shouldRejectAComplaintUrlThatIsNotAUrl() {
        // When
        CatalogProblem problem = onlyProblemOf(minimalWith(
                "complaintUrl: https://autoriteitpersoonsgegevens.nl/", "complaintUrl: autoriteitpersoonsgegevens.nl"));

        // Then
        assertThat(problem.path()).isEqualTo("controller.supervisoryAuthority.complaintUrl");
        assertThat(problem.reason()).isEqualTo("'autoriteitpersoonsgegevens.nl' is not an http(s) URL with a host");
    }

    @Test
    void shouldRejectAnAuthorityCountryThatIsNoCountryCode() {
        // When
        CatalogProblem problem = onlyProblemOf(minimalWith(
                "    name: Autoriteit Persoonsgegevens\n    country: NL",
                "    name: Autoriteit Persoonsgegevens\n    country: Netherlands"));

        // Then
        assertThat(problem.path()).isEqualTo("controller.supervisoryAuthority.country");
        assertThat(problem.reason()).startsWith("'Netherlands' is not an ISO 3166-1 alpha-2 country code");
    }

    @Test
    void shouldAcceptACatalogWithoutVerification() {
        // When
        CatalogValidator.Outcome outcome =
                validator.check(FILE, withVerification("").replace("  verification:\n", ""));

        // Then
        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.catalog().orElseThrow().controller().orElseThrow().verification())
                .isEmpty();
    }

    @Test
    void shouldRejectAnUnknownRequestTypeAndSuggestTheNearestName() {
        // When
        CatalogProblem problem = onlyProblemOf(minimalWith("[ACCESS, PORTABILITY]", "[ACESS, PORTABILITY]"));

        // Then
        assertThat(problem.path()).isEqualTo("controller.verification[0].requestTypes[0]");
        assertThat(problem.reason())
                .isEqualTo("unknown request type 'ACESS' (did you mean 'ACCESS'?);"
                        + " one of ACCESS, PORTABILITY, ERASURE, RESTRICTION, OBJECTION, RECTIFICATION");
        assertThat(problem.line())
                .isEqualTo(lineOf(minimalWith("[ACCESS, PORTABILITY]", "[ACESS, PORTABILITY]"), "ACESS"));
    }

    @Test
    void shouldNameTheRequestTypeWrittenInAnotherCase() {
        // When
        CatalogProblem problem = onlyProblemOf(minimalWith("[ACCESS, PORTABILITY]", "[ACCESS, portability]"));

        // Then
        assertThat(problem.path()).isEqualTo("controller.verification[0].requestTypes[1]");
        assertThat(problem.reason())
                .startsWith(
                        "unknown request type 'portability' (write it as the request type is named: 'PORTABILITY')");
    }

    @Test
    void shouldRejectARequestTypeNamedByTwoPolicies() {
        // Given
        String yaml = withVerification("""
                - requestTypes: [ACCESS, PORTABILITY]
                  method: ID_DOCUMENT_COPY
                  checkedBy: PERSON
                  instructions: Send a copy of your identity document.
                - requestTypes: [ERASURE, ACCESS]
                  method: ACCOUNT_LOGIN
                  checkedBy: APP
                  instructions: Sign in and ask from your account settings.
                """);

        // When
        CatalogProblem problem = onlyProblemOf(yaml);

        // Then
        assertThat(problem.path()).isEqualTo("controller.verification[1].requestTypes[1]");
        assertThat(problem.reason())
                .isEqualTo("request type 'ACCESS' already has a verification policy (controller.verification[0]);"
                        + " a request type is verified one way");
    }

    @Test
    void shouldRejectARequestTypeListedTwiceInOnePolicy() {
        // When
        CatalogProblem problem = onlyProblemOf(minimalWith("[ACCESS, PORTABILITY]", "[ACCESS, PORTABILITY, ACCESS]"));

        // Then
        assertThat(problem.path()).isEqualTo("controller.verification[0].requestTypes[2]");
        assertThat(problem.reason()).isEqualTo("'ACCESS' is listed twice");
    }

    @Test
    void shouldRejectAPolicyForNoRequestType() {
        // When
        CatalogProblem problem = onlyProblemOf(minimalWith("[ACCESS, PORTABILITY]", "[]"));

        // Then
        assertThat(problem.path()).isEqualTo("controller.verification[0].requestTypes");
        assertThat(problem.reason()).isEqualTo("a verification policy needs at least one request type");
    }

    @Test
    void shouldRejectAMethodThatIsNotUpperSnakeCase() {
        // When
        CatalogProblem problem = onlyProblemOf(minimalWith("method: ID_DOCUMENT_COPY", "method: id document copy"));

        // Then
        assertThat(problem.path()).isEqualTo("controller.verification[0].method");
        assertThat(problem.reason())
                .isEqualTo("method 'id document copy' must be upper snake case, e.g. ID_DOCUMENT_COPY;"
                        + " here: 'ID_DOCUMENT_COPY'");
    }

    @Test
    void shouldRejectACheckerThatIsNotUpperSnakeCase() {
        // When
        CatalogProblem problem = onlyProblemOf(minimalWith("checkedBy: PERSON", "checkedBy: a person"));

        // Then
        assertThat(problem.path()).isEqualTo("controller.verification[0].checkedBy");
        assertThat(problem.reason())
                .isEqualTo("checkedBy 'a person' must be upper snake case, e.g. PERSON; here: 'A_PERSON'");
    }

    @Test
    void shouldRequireInstructionsInAVerificationPolicy() {
        // When
        CatalogProblem problem =
                onlyProblemOf(minimalWith("      instructions: Send a copy of your identity document.\n", ""));

        // Then
        assertThat(problem.path()).isEqualTo("controller.verification[0]");
        assertThat(problem.reason()).isEqualTo("missing required key 'instructions'");
    }

    // ------------------------------------------------------------------ erasure routes

    @Test
    void shouldRejectAWebhookWithoutEndpoint() {
        // When
        CatalogProblem problem = onlyProblemOf(minimalWith("      endpoint: https://mailer.example.com/erasure\n", ""));

        // Then
        assertThat(problem.path()).isEqualTo("holders[1].erasure");
        assertThat(problem.reason())
                .isEqualTo("the webhook channel needs an endpoint: the https URL tasks are posted to");
    }

    @Test
    void shouldRejectAWebhookEndpointThatIsNotAUrl() {
        // When
        CatalogProblem problem = onlyProblemOf(
                minimalWith("endpoint: https://mailer.example.com/erasure", "endpoint: mailer.example.com"));

        // Then
        assertThat(problem.path()).isEqualTo("holders[1].erasure.endpoint");
        assertThat(problem.reason()).isEqualTo("'mailer.example.com' is not an http(s) URL with a host");
    }

    @Test
    void shouldRejectAnEmailEndpointThatIsNotAnAddress() {
        // When
        CatalogProblem problem =
                onlyProblemOf(minimalWith("endpoint: erasure@storage.example", "endpoint: storage.example"));

        // Then
        assertThat(problem.path()).isEqualTo("holders[2].erasure.endpoint");
        assertThat(problem.reason()).isEqualTo("'storage.example' is not an email address");
    }

    @Test
    void shouldRejectAnEndpointOnAChannelThatTakesNone() {
        // When
        CatalogProblem problem = onlyProblemOf(minimalWith(
                "      channel: kafka\n", "      channel: kafka\n      endpoint: https://example.nl/hook\n"));

        // Then
        assertThat(problem.path()).isEqualTo("holders[0].erasure.endpoint");
        assertThat(problem.reason()).isEqualTo("the kafka channel takes no endpoint; only webhook and email do");
    }

    @Test
    void shouldRejectAWebhookEndpointWithAnotherScheme() {
        // When
        CatalogProblem problem = onlyProblemOf(minimalWith(
                "endpoint: https://mailer.example.com/erasure", "endpoint: ftp://mailer.example.com/erasure"));

        // Then
        assertThat(problem.path()).isEqualTo("holders[1].erasure.endpoint");
        assertThat(problem.reason()).isEqualTo("'ftp://mailer.example.com/erasure' is not an http(s) URL with a host");
    }

    @Test
    void shouldRejectAPlainHttpWebhookToAnotherMachine() {
        // When
        CatalogProblem problem = onlyProblemOf(minimalWith(
                "endpoint: https://mailer.example.com/erasure", "endpoint: http://mailer.example.com/erasure"));

        // Then
        assertThat(problem.path()).isEqualTo("holders[1].erasure.endpoint");
        assertThat(problem.reason())
                .startsWith("a webhook to another machine must use https: tasks carry the holder's answer token");
    }

    @Test
    void shouldAcceptAPlainHttpWebhookOnThisMachine() {
        for (String endpoint : List.of(
                "http://127.0.0.1:8095/holders/mailer/tasks", "http://localhost:8095/tasks", "http://[::1]:8095/t")) {
            // When
            List<CatalogProblem> problems =
                    problemsOf(minimalWith("endpoint: https://mailer.example.com/erasure", "endpoint: " + endpoint));

            // Then
            assertThat(problems).as(endpoint).isEmpty();
        }
    }

    @Test
    void shouldRejectAWebhookUrlCarryingCredentials() {
        // When
        CatalogProblem problem = onlyProblemOf(minimalWith(
                "endpoint: https://mailer.example.com/erasure", "endpoint: https://user:secret@mailer.example.com/e"));

        // Then
        assertThat(problem.path()).isEqualTo("holders[1].erasure.endpoint");
        assertThat(problem.reason())
                .startsWith("a webhook URL must not carry credentials (user:password@)")
                .doesNotContain("secret@");
    }

    @Test
    void shouldRejectAWebhookUrlWithAFragment() {
        // When
        CatalogProblem problem = onlyProblemOf(minimalWith(
                "endpoint: https://mailer.example.com/erasure", "endpoint: https://mailer.example.com/erasure#tasks"));

        // Then
        assertThat(problem.path()).isEqualTo("holders[1].erasure.endpoint");
        assertThat(problem.reason()).isEqualTo("a webhook URL takes no #fragment: it is never sent to the server");
    }

    @Test
    void shouldRejectAnEmailEndpointWrittenAsAMailtoLink() {
        // When
        CatalogProblem problem = onlyProblemOf(
                minimalWith("endpoint: erasure@storage.example", "endpoint: mailto:erasure@storage.example"));

        // Then
        assertThat(problem.path()).isEqualTo("holders[2].erasure.endpoint");
        assertThat(problem.reason()).isEqualTo("write the address itself, without 'mailto:'");
    }

    @Test
    void shouldRejectAnEmailEndpointWithANameAndAngleBrackets() {
        // When
        CatalogProblem problem = onlyProblemOf(
                minimalWith("endpoint: erasure@storage.example", "endpoint: \"<erasure@storage.example>\""));

        // Then
        assertThat(problem.path()).isEqualTo("holders[2].erasure.endpoint");
        assertThat(problem.reason()).isEqualTo("write the address itself, without a name or angle brackets");
    }

    // ------------------------------------------------------------------ answer time and self-expiring holders

    private static final String MAILER_ENDPOINT = "      endpoint: https://mailer.example.com/erasure\n";

    /** The minimal catalog with {@code lines} added to the mailer's erasure block. */
    private static String mailerErasureWith(String lines) {
        return minimalWith(MAILER_ENDPOINT, MAILER_ENDPOINT + lines);
    }

    @Test
    void shouldReadAnswerTimeSelfExpiryAndGraceIntoTheRoute() {
        // When
        Catalog catalog = validator
                .check(
                        FILE,
                        mailerErasureWith("      answerTime: P7D\n      selfExpiring: true\n      expiryGrace: P7D\n"))
                .orThrow();

        // Then
        ErasureRoute route = catalog.holder("mailer").orElseThrow().erasure();
        assertThat(route.answerTime()).map(Object::toString).contains("P7D");
        assertThat(route.selfExpiring()).isTrue();
        assertThat(route.expiryGrace()).map(Object::toString).contains("P7D");
        ErasureRoute plain = catalog.holder("example-app").orElseThrow().erasure();
        assertThat(plain.effectiveAnswerTime()).hasToString("P14D");
        assertThat(plain.selfExpiring()).isFalse();
        assertThat(plain.effectiveExpiryGrace()).hasToString("P0D");
    }

    @Test
    void shouldRejectAnAnswerTimeThatIsNoPeriod() {
        // When
        CatalogProblem problem = onlyProblemOf(mailerErasureWith("      answerTime: 14 days\n"));

        // Then
        assertThat(problem.path()).isEqualTo("holders[1].erasure.answerTime");
        assertThat(problem.reason()).startsWith("'14 days' is not an ISO-8601 period");
    }

    @Test
    void shouldRejectAZeroAnswerTime() {
        // When
        CatalogProblem problem = onlyProblemOf(mailerErasureWith("      answerTime: P0D\n"));

        // Then
        assertThat(problem.path()).isEqualTo("holders[1].erasure.answerTime");
        assertThat(problem.reason())
                .isEqualTo("an answer time of P0D leaves the holder no time to answer; give a positive period,"
                        + " or leave it out for the default P14D");
    }

    @Test
    void shouldRejectAnExpiryGraceThatIsNoPeriod() {
        // When
        CatalogProblem problem = onlyProblemOf(mailerErasureWith("      selfExpiring: true\n      expiryGrace: 1y\n"));

        // Then
        assertThat(problem.path()).isEqualTo("holders[1].erasure.expiryGrace");
        assertThat(problem.reason()).startsWith("'1y' is not an ISO-8601 period");
    }

    @Test
    void shouldRejectAnExpiryGraceWithoutSelfExpiring() {
        for (String lines :
                List.of("      expiryGrace: P7D\n", "      selfExpiring: false\n      expiryGrace: P7D\n")) {
            // When
            CatalogProblem problem = onlyProblemOf(mailerErasureWith(lines));

            // Then
            assertThat(problem.path()).isEqualTo("holders[1].erasure.expiryGrace");
            assertThat(problem.reason())
                    .isEqualTo(
                            "expiryGrace only applies to a self-expiring holder; add selfExpiring: true or remove it");
        }
    }

    @Test
    void shouldRejectSelfExpiringThatIsNotABoolean() {
        // When
        CatalogProblem problem = onlyProblemOf(mailerErasureWith("      selfExpiring: hourly\n"));

        // Then
        assertThat(problem.path()).isEqualTo("holders[1].erasure.selfExpiring");
        assertThat(problem.reason()).isEqualTo("expected true or false, found 'hourly'");
    }

    @Test
    void shouldRejectASelfExpiringHolderWithoutARetentionPeriod() {
        // When: the application keeps data "as long as the account exists"
        CatalogProblem problem = onlyProblemOf(
                minimalWith("      channel: kafka\n", "      channel: kafka\n      selfExpiring: true\n"));

        // Then
        assertThat(problem.path()).isEqualTo("holders[0].erasure.selfExpiring");
        assertThat(problem.reason())
                .isEqualTo("a self-expiring holder needs a retention period in every rule, to compute the date its"
                        + " copy is gone; holders[0].retention[0] has none");
    }

    @Test
    void shouldRejectASelfExpiringHolderUnderALegalHold() {
        // When
        CatalogProblem problem = onlyProblemOf(minimalWith(
                "      endpoint: erasure@storage.example\n",
                "      endpoint: erasure@storage.example\n      selfExpiring: true\n"));

        // Then
        assertThat(problem.path()).isEqualTo("holders[2].erasure.selfExpiring");
        assertThat(problem.reason())
                .startsWith("a holder under a legal hold cannot be self-expiring: the law makes it keep the data");
    }

    @Test
    void shouldRejectAnExpiryGraceLongerThanTheHolderKeepsAnything() {
        // When: the mailer keeps nothing longer than 45 days
        CatalogProblem problem = onlyProblemOf(mailerErasureWith("      selfExpiring: true\n      expiryGrace: P1Y\n"));

        // Then
        assertThat(problem.path()).isEqualTo("holders[1].erasure.expiryGrace");
        assertThat(problem.reason())
                .isEqualTo("an expiry grace of P1Y is longer than the holder keeps anything (P45D):"
                        + " a copy cannot outlive the deadline by more than its retention");
    }

    // ------------------------------------------------------------------ retention and legal holds

    @Test
    void shouldRejectACategoryWithoutRetentionRule() {
        // Given: the mailer's second rule is gone
        String yaml = minimalWith(
                "      - categories: [user.content.private]\n        retention: P7D\n        note: 7 days\n", "");

        // When
        CatalogProblem problem = onlyProblemOf(yaml);

        // Then
        assertThat(problem.path()).isEqualTo("holders[1].categories[1]");
        assertThat(problem.reason()).startsWith("no retention rule covers 'user.content.private'");
    }

    @Test
    void shouldRejectANullRetentionWithoutNote() {
        // When
        CatalogProblem problem = onlyProblemOf(minimalWith("        note: As long as the account exists.\n", ""));

        // Then
        assertThat(problem.path()).isEqualTo("holders[0].retention[0]");
        assertThat(problem.reason()).startsWith("retention is null, so a note must say what the statement says");
    }

    @Test
    void shouldRejectARetentionRuleForACategoryTheHolderDoesNotReceive() {
        // When
        CatalogProblem problem = onlyProblemOf(minimalWith(
                "      - categories: [user.content.private]",
                "      - categories: [user.content.private, user.financial]"));

        // Then
        assertThat(problem.path()).isEqualTo("holders[1].retention[1].categories[1]");
        assertThat(problem.reason()).startsWith("retention for 'user.financial', which the holder does not receive");
    }

    @Test
    void shouldRejectALegalHoldOnACategoryTheHolderDoesNotHold() {
        // Given: the application holds no payment data
        String yaml = minimalWith("    erasure:\n      channel: kafka\n", """
                    legalHolds:
                      - categories: [user.payment]
                        period: P7Y
                        reason: Invoices are kept for the tax office.
                        legalReference: art. 52 lid 4 AWR
                    erasure:
                      channel: kafka
                """);

        // When
        CatalogProblem problem = onlyProblemOf(yaml);

        // Then
        assertThat(problem.path()).isEqualTo("holders[0].legalHolds[0].categories[0]");
        assertThat(problem.reason()).startsWith("legal hold on 'user.payment', which the holder does not receive");
    }

    @Test
    void shouldRejectALegalHoldThatOutlastsTheRetention() {
        // When
        CatalogProblem problem = onlyProblemOf(minimalWith("period: P6M", "period: P7Y"));

        // Then
        assertThat(problem.path()).isEqualTo("holders[2].legalHolds[0].period");
        assertThat(problem.reason())
                .isEqualTo("the legal hold keeps 'user.name' for P7Y but the holder's retention for it"
                        + " is only P1Y; a retention must last at least as long as the law requires");
    }

    @Test
    void shouldRejectABackupRetentionBeyondThePromise() {
        // When
        List<CatalogProblem> problems = problemsOf(minimalWith(
                "        retention: P1Y\n        note: 1 year", "        retention: P2Y\n        note: 2 years"));

        // Then
        assertThat(problems).extracting(CatalogProblem::path).containsExactly("holders[2].retention[0].retention");
        assertThat(problems.get(0).reason())
                .isEqualTo("backups are promised to be kept at most P1Y"
                        + " (controller.backupMaxRetention), but this backup holder keeps data P2Y");
    }

    @Test
    void shouldRejectABackupFlowWithoutRetention() {
        // When
        CatalogProblem problem = onlyProblemOf(
                minimalWith("    retention: P1Y\n    purpose: database-backup", "    purpose: database-backup"));

        // Then
        assertThat(problem.path()).isEqualTo("flows[0]");
        assertThat(problem.reason()).startsWith("a backup flow needs a retention");
    }

    // ------------------------------------------------------------------ flows

    @Test
    void shouldRejectAFlowOfACategoryTheSenderDoesNotHold() {
        // When
        CatalogProblem problem = onlyProblemOf(minimalWith(
                "    categories: [user]\n    retention: P1Y", "    categories: [user.financial]\n    retention: P1Y"));

        // Then
        assertThat(problem.path()).isEqualTo("flows[0].categories[0]");
        assertThat(problem.reason()).startsWith("holder 'example-app' does not hold 'user.financial'");
    }

    @Test
    void shouldRejectAFlowOfACategoryTheReceiverIsNotDeclaredToReceive() {
        // Given: the backups receive only names now
        String yaml = minimalWith(
                "    categories: [user]\n    retention:\n      - categories: [user]\n        retention: P1Y",
                "    categories: [user.name]\n    retention:\n      - categories: [user.name]\n        retention: P1Y");

        // When
        CatalogProblem problem = onlyProblemOf(yaml);

        // Then
        assertThat(problem.path()).isEqualTo("flows[0].categories[0]");
        assertThat(problem.reason())
                .isEqualTo("this flow carries 'user.contact.email', 'user.device.ip_address' to holder"
                        + " 'backups', which is not declared to receive them (add to holders[2].categories)");
    }

    @Test
    void shouldRejectAFlowPurposeTheReceiverDoesNotHave() {
        // Given: a flow to the mailer for backups
        String yaml = minimal() + """
                  - id: app-mail
                    from: example-app
                    to: mailer
                    categories: [user.contact.email]
                    purpose: service-delivery
                """;

        // When
        CatalogProblem problem = onlyProblemOf(yaml);

        // Then
        assertThat(problem.path()).isEqualTo("flows[1].purpose");
        assertThat(problem.reason())
                .isEqualTo("purpose 'service-delivery' is not among the purposes of holder 'mailer' (system-mail)");
    }

    @Test
    void shouldReportProblemsInFileOrder() {
        // Given: problems near the end and near the start
        String yaml =
                minimalWith("to: backups", "to: archive").replace("country: NL\n  contact", "country: nl\n  contact");

        // When
        List<CatalogProblem> problems = problemsOf(yaml);

        // Then
        assertThat(problems).extracting(CatalogProblem::path).containsExactly("controller.country", "flows[0].to");
        assertThat(problems.get(0).reason()).endsWith("(write it in upper case: 'NL')");
    }
}
