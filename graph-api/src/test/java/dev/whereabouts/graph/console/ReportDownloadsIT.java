package dev.whereabouts.graph.console;

import static dev.whereabouts.graph.fixture.SeedScenario.ALICE;
import static dev.whereabouts.graph.fixture.SeedScenario.ALICE_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whereabouts.graph.api.ApiClient;
import dev.whereabouts.graph.api.DpoApi;
import dev.whereabouts.graph.api.RunningApi;
import dev.whereabouts.graph.audit.AuditRepository;
import dev.whereabouts.graph.fixture.SeedScenario;
import dev.whereabouts.graph.fixture.StackClients;
import dev.whereabouts.graph.lookup.LookupService;
import dev.whereabouts.graph.report.PersonReports;
import dev.whereabouts.graph.request.ControllerPolicySource;
import dev.whereabouts.graph.request.RequestRepository;
import dev.whereabouts.graph.schema.GraphSchema;
import dev.whereabouts.graph.schema.GraphTransactions;
import dev.whereabouts.graph.writer.GraphWriter;
import dev.whereabouts.stack.junit.EmbeddedStackExtension;
import dev.whereabouts.stack.junit.StackFixture;
import dev.whereabouts.web.Authenticator;
import dev.whereabouts.web.HttpService;
import dev.whereabouts.web.Response;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedStackExtension.class)
class ReportDownloadsIT {

    private static final String REASON = "Art. 15 request by e-mail of 2026-12-01";

    @Test
    void shouldAskTheDpoToOpenThePersonThroughFindAPersonBeforeAnyDownload(StackFixture stack) {
        try (RunningApi api = new RunningApi(stack)) {
            api.clients.produceSeedScenario();
            api.catchUp();
            ConsoleClient dpo = new ConsoleClient(api.url());
            dpo.signIn(ApiClient.DPO_TOKEN);

            // Without a reason given in this session, nothing is read: a page says where to give it
            for (String file : List.of("report.html", "report.pdf?lang=nl", "export.json")) {
                ConsoleClient.Page refused = dpo.get("/console/people/" + ALICE + "/" + file);
                assertThat(refused.status()).as(file).isEqualTo(409);
                assertThat(refused.contentType()).startsWith("text/html");
                assertThat(refused.body()).contains("Open this person first").contains("Find a person");
            }
            assertThat(api.client.get("/v1/audit?subjectId=" + ALICE).json().get("items"))
                    .isEmpty();
            // A subject id of the wrong shape is named as such
            assertThat(dpo.get("/console/people/Alice/report.html").status()).isEqualTo(400);
        }
    }

    @Test
    void shouldDownloadTheReportAsHtmlAndPdfAndTheExportAuditedWithTheRememberedReason(StackFixture stack)
            throws Exception {
        // The console with the downloads and, standing in for "Find a person" (another section), a page
        // that remembers the reason for a subject in the session as that one does.
        StackClients clients = new StackClients(stack);
        GraphSchema.ensure(stack.driver());
        GraphWriter writer = clients.newWriter();
        clients.produceSeedScenario();
        writer.catchUp(Duration.ofSeconds(60));
        Clock clock = Clock.systemUTC();
        GraphTransactions graph = new GraphTransactions(stack.driver());
        PersonReports reports = new PersonReports(
                new LookupService(graph, clock),
                new RequestRepository(clock),
                ControllerPolicySource.of(SeedScenario.controllerPolicy()),
                "SmartTrackers B.V.",
                clock,
                DpoApi.objectMapper());
        Console.Section remember = console -> List.of(console.action("/people/{subjectId}/reason", r -> {
            r.session()
                    .rememberReason(
                            r.pathParameter("subjectId"),
                            r.form().first("reason").orElseThrow());
            return Response.seeOther("/console/people/" + r.pathParameter("subjectId"));
        }));
        Console console = new Console(
                Authenticator.fromSpec(ApiClient.TOKENS),
                DpoApi.objectMapper(),
                clock,
                List.of(
                        new HomePage(graph, new ConsoleCounts(graph, clock, ConsoleCounts.LIVE_LIMIT)),
                        new ReportDownloads(reports),
                        remember));
        try (HttpService http = HttpService.builder("report-downloads-it")
                .host("127.0.0.1")
                .port(0)
                .threads(4)
                .routes(console.routes())
                .authenticator(Authenticator.fromSpec(ApiClient.TOKENS))
                .json(DpoApi.objectMapper())
                .errors(console.errorRenderer(dev.whereabouts.web.ErrorRenderer.problemJson(DpoApi.objectMapper())))
                .start()) {
            ConsoleClient dpo = new ConsoleClient(http.url());
            dpo.signIn(ApiClient.DPO_TOKEN);
            dpo.get("/console/");
            assertThat(dpo.post("/console/people/" + ALICE + "/reason", Map.of("reason", REASON))
                            .status())
                    .isEqualTo(303);

            // The report as HTML, in English and in Dutch, named by words, not keys
            ConsoleClient.Download html = dpo.download("/console/people/" + ALICE + "/report.html");
            assertThat(html.status()).isEqualTo(200);
            assertThat(html.contentType()).startsWith("text/html");
            assertThat(html.header("content-disposition").orElseThrow())
                    .isEqualTo("attachment; filename=\"access-report-" + ALICE + "-en.html\"");
            String english = new String(html.body(), StandardCharsets.UTF_8);
            assertThat(english)
                    .contains("User Contact Email")
                    .contains("Autoriteit Persoonsgegevens")
                    .doesNotContain("user.contact.email")
                    .doesNotContain(ALICE_EMAIL);
            String dutch = new String(
                    dpo.download("/console/people/" + ALICE + "/report.html?lang=nl")
                            .body(),
                    StandardCharsets.UTF_8);
            assertThat(dutch).contains("lang=\"nl\"").contains("E-mailadres");
            assertThat(dpo.get("/console/people/" + ALICE + "/report.html?lang=fr")
                            .status())
                    .isEqualTo(400);

            // The PDF carries the same text
            ConsoleClient.Download pdf = dpo.download("/console/people/" + ALICE + "/report.pdf?lang=nl");
            assertThat(pdf.status()).isEqualTo(200);
            assertThat(pdf.contentType()).isEqualTo("application/pdf");
            try (PDDocument document = Loader.loadPDF(pdf.body())) {
                assertThat(new PDFTextStripper().getText(document)).contains("E-mailadres", "Postmark");
            }

            // The Art. 20 export
            ConsoleClient.Download export = dpo.download("/console/people/" + ALICE + "/export.json");
            JsonNode exported = new ObjectMapper().readTree(export.body());
            assertThat(exported.get("format").asText()).isEqualTo("whereabouts.portability.v1");
            assertThat(exported.get("locations"))
                    .hasSize(SeedScenario.aliceLineage().size());

            // Each read was audited with the reason the DPO gave when they opened the person
            List<String> actions = graph.read(tx -> new AuditRepository()
                            .page(
                                    tx,
                                    Optional.empty(),
                                    Optional.of(ALICE),
                                    Optional.empty(),
                                    Optional.empty(),
                                    Optional.empty(),
                                    50)
                            .stream()
                            .peek(entry -> {
                                assertThat(entry.reason()).isEqualTo(REASON);
                                assertThat(entry.actor()).isEqualTo("dpo@smarttrackers.nl");
                            })
                            .map(entry -> entry.action())
                            .toList());
            assertThat(actions)
                    .containsExactlyInAnyOrder(
                            PersonReports.PORTABILITY_EXPORT,
                            PersonReports.ACCESS_REPORT,
                            PersonReports.ACCESS_REPORT,
                            PersonReports.ACCESS_REPORT);
        } finally {
            writer.close();
            clients.close();
        }
    }
}
