package dev.whereabouts.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whereabouts.model.catalog.ErasureChannel;
import dev.whereabouts.model.catalog.HolderRole;
import dev.whereabouts.model.common.LegalBasis;
import dev.whereabouts.model.dsr.RequestType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogLoaderTest {

    @Test
    void shouldLoadEveryPartOfTheFileIntoTheModel() {
        // When
        Catalog catalog = CatalogLoader.parse("minimal.yaml", CatalogFixtures.minimal());

        // Then
        assertThat(catalog.version()).isEqualTo("2024-05-01");
        assertThat(catalog.controller()).get().satisfies(c -> {
            assertThat(c.legalEntity()).isEqualTo("Example B.V.");
            assertThat(c.contact().email()).contains("privacy@example.nl");
            assertThat(c.contact().phone()).isEmpty();
            assertThat(c.dsrResponseTime()).hasToString("P4W");
            assertThat(c.backupMaxRetention()).map(Object::toString).contains("P1Y");
            assertThat(c.supervisoryAuthority())
                    .isEqualTo(new Controller.Authority(
                            "Autoriteit Persoonsgegevens", "NL", "https://autoriteitpersoonsgegevens.nl/"));
            assertThat(c.verification()).singleElement().satisfies(v -> {
                assertThat(v.requestTypes()).containsExactly(RequestType.ACCESS, RequestType.PORTABILITY);
                assertThat(v.method()).isEqualTo("ID_DOCUMENT_COPY");
                assertThat(v.checkedByAPerson()).isTrue();
                assertThat(v.instructions()).isEqualTo("Send a copy of your identity document.");
            });
            assertThat(c.verificationFor(RequestType.ACCESS)).isPresent();
            assertThat(c.verificationFor(RequestType.ERASURE)).isEmpty();
        });
        assertThat(catalog.purposes()).containsOnlyKeys("service-delivery", "system-mail", "database-backup");
        assertThat(catalog.purposes().get("database-backup")).satisfies(p -> {
            assertThat(p.legalBasis()).isEqualTo(LegalBasis.LEGITIMATE_INTERESTS);
            assertThat(p.backup()).isTrue();
        });
        assertThat(catalog.holder("mailer")).get().satisfies(h -> {
            assertThat(h.role()).isEqualTo(HolderRole.PROCESSOR);
            assertThat(h.country()).isEqualTo("US");
            assertThat(h.retention())
                    .extracting(r -> r.period().orElseThrow().toString())
                    .containsExactly("P45D", "P7D");
            assertThat(h.erasure())
                    .isEqualTo(new ErasureRoute(
                            ErasureChannel.WEBHOOK, java.util.Optional.of("https://mailer.example.com/erasure")));
        });
        assertThat(catalog.holder("backups").orElseThrow().legalHolds())
                .singleElement()
                .satisfies(hold -> assertThat(hold.reason()).isEqualTo("Kept for a pending dispute."));
        assertThat(catalog.flow("app-backup")).get().satisfies(f -> {
            assertThat(f.from()).isEqualTo("example-app");
            assertThat(f.description()).contains("Nightly database backup.");
        });
    }

    @Test
    void shouldKeepTheOrderOfTheFile() {
        // When
        Catalog catalog = CatalogLoader.seed();

        // Then
        assertThat(catalog.holders().keySet())
                .startsWith("smarttrackers-app", "smarttrackers-website", "amazon-s3-file-backups");
        assertThat(catalog.flows().keySet()).startsWith("app-hosting", "app-cache");
    }

    @Test
    void shouldLoadAFile(@TempDir Path dir) throws IOException {
        // Given
        Path file = dir.resolve("catalog.yaml");
        Files.writeString(file, CatalogFixtures.minimal());

        // When
        Catalog catalog = CatalogLoader.load(file);

        // Then
        assertThat(catalog.holders()).hasSize(3);
    }

    @Test
    void shouldThrowWithEveryProblemOfAnInvalidFile(@TempDir Path dir) throws IOException {
        // Given: three independent mistakes
        Path file = dir.resolve("catalog.yaml");
        Files.writeString(
                file,
                CatalogFixtures.minimalWith("retention: P45D", "retention: P45X")
                        .replace("country: US", "country: XX")
                        .replace("to: backups", "to: archive"));

        // Then
        assertThatThrownBy(() -> CatalogLoader.load(file)).isInstanceOfSatisfying(InvalidCatalogException.class, e -> {
            assertThat(e.problems())
                    .extracting(CatalogProblem::path)
                    .containsExactly("holders[1].country", "holders[1].retention[0].retention", "flows[0].to");
            assertThat(e.problems()).allSatisfy(p -> assertThat(p.file()).isEqualTo(file.toString()));
            assertThat(e.getMessage())
                    .startsWith("invalid catalog, 3 problems:")
                    .contains(file + ":")
                    .contains("'P45X' is not an ISO-8601 period");
        });
    }

    @Test
    void shouldThrowForAMissingClasspathResource() {
        // Then
        assertThatThrownBy(() -> CatalogLoader.fromClasspath("catalog/nope.yaml"))
                .isInstanceOfSatisfying(
                        InvalidCatalogException.class,
                        e -> assertThat(e.problems())
                                .singleElement()
                                .extracting(CatalogProblem::reason)
                                .isEqualTo("no such classpath resource"));
    }

    @Test
    void shouldRejectAFileThatIsNotUtf8(@TempDir Path dir) throws IOException {
        // Given
        Path file = dir.resolve("catalog.yaml");
        Files.write(file, new byte[] {'a', ':', ' ', (byte) 0xC3, (byte) 0x28});

        // Then
        assertThatThrownBy(() -> CatalogLoader.load(file))
                .isInstanceOfSatisfying(
                        InvalidCatalogException.class,
                        e -> assertThat(e.problems())
                                .extracting(CatalogProblem::reason)
                                .containsExactly("catalog file is not UTF-8 text"));
    }
}
