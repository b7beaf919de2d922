package dev.whereabouts.graph.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.whereabouts.graph.audit.AuditResource;
import dev.whereabouts.graph.callback.CallbackResource;
import dev.whereabouts.graph.callback.CallbackRules;
import dev.whereabouts.graph.callback.CallbackService;
import dev.whereabouts.graph.callback.DeliveryMemory;
import dev.whereabouts.graph.console.Console;
import dev.whereabouts.graph.console.ConsoleCounts;
import dev.whereabouts.graph.console.FindingPages;
import dev.whereabouts.graph.console.HolderPages;
import dev.whereabouts.graph.console.HomePage;
import dev.whereabouts.graph.console.PeoplePages;
import dev.whereabouts.graph.console.PersonCopyPages;
import dev.whereabouts.graph.console.RecordPages;
import dev.whereabouts.graph.console.ReportDownloads;
import dev.whereabouts.graph.console.RequestPages;
import dev.whereabouts.graph.findings.FindingResource;
import dev.whereabouts.graph.holder.HolderResource;
import dev.whereabouts.graph.lookup.LookupResource;
import dev.whereabouts.graph.lookup.LookupService;
import dev.whereabouts.graph.report.PersonCopies;
import dev.whereabouts.graph.report.PersonCopyLinks;
import dev.whereabouts.graph.report.PersonCopySweeper;
import dev.whereabouts.graph.report.PersonReports;
import dev.whereabouts.graph.report.ReportResource;
import dev.whereabouts.graph.request.ControllerPolicySource;
import dev.whereabouts.graph.request.DecisionResource;
import dev.whereabouts.graph.request.DecisionService;
import dev.whereabouts.graph.request.RequestPublisher;
import dev.whereabouts.graph.request.RequestResource;
import dev.whereabouts.graph.request.RequestService;
import dev.whereabouts.graph.ropa.RopaResource;
import dev.whereabouts.graph.schema.GraphTransactions;
import dev.whereabouts.model.dsr.DeliveryKeys;
import dev.whereabouts.model.dsr.WebhookSignature;
import dev.whereabouts.model.identity.Pseudonymiser;
import dev.whereabouts.web.Authenticator;
import dev.whereabouts.web.Endpoint;
import dev.whereabouts.web.ErrorRenderer;
import dev.whereabouts.web.HttpService;
import dev.whereabouts.web.ProblemException;
import dev.whereabouts.web.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The DPO REST API (documented in {@code openapi/dpo.yaml}, served at {@code /openapi.yaml}): the
 * routes of each aggregate's resource, the holders' callback URL, plus health and the document. Resources stay thin: they parse
 * and validate, call a service or repository, and shape the answer; {@code HttpService} turns every
 * {@link ProblemException} into problem+json. Raw identifiers come only in POST bodies (never in
 * URLs, so never in access logs), are pseudonymised at once and are never stored, logged or echoed.
 */
public final class DpoApi {

    /** Where the served OpenAPI document lives on the classpath. */
    public static final String OPENAPI_RESOURCE = "/openapi/dpo.yaml";

    /** Webhook delivery ids remembered for the replay window, at most (far more than holders send in 5 minutes). */
    static final int DELIVERIES_REMEMBERED = 100_000;

    private final ObjectMapper json;
    private final byte[] openApi;
    private final List<Endpoint> routes;
    private final GraphTransactions graph;
    private final Clock clock;
    private final LookupService lookups;
    private final RequestService requests;
    private final DecisionService decisions;
    private final PersonReports reports;
    private final PersonCopies copies;
    private final String controller;
    private final Pseudonymiser pseudonymiser;
    private final ConsoleCounts counts;

    /**
     * @param publisher    where requests, decisions and outcomes go (Kafka)
     * @param policies     the controller's request-handling policy from the catalog
     * @param deliveryKeys the callback token key and the holders' webhook secrets
     * @param controller   the controller named in reports and the ROPA, e.g. {@code SmartTrackers B.V.}
     */
    public DpoApi(
            GraphTransactions graph,
            RequestPublisher publisher,
            ControllerPolicySource policies,
            DeliveryKeys deliveryKeys,
            Pseudonymiser pseudonymiser,
            String controller,
            Clock clock) {
        this.json = objectMapper();
        this.graph = graph;
        this.clock = clock;
        this.openApi = resource(OPENAPI_RESOURCE);
        this.lookups = new LookupService(graph, clock);
        this.requests = new RequestService(graph, publisher, policies, clock);
        this.decisions = new DecisionService(graph, publisher, policies, clock);
        this.controller = controller;
        this.reports = new PersonReports(lookups, requests.repository(), policies, controller, clock, json);
        this.copies = new PersonCopies(graph, reports, clock);
        this.pseudonymiser = pseudonymiser;
        this.counts = new ConsoleCounts(graph, clock, ConsoleCounts.LIVE_LIMIT);
        CallbackRules callbackRules = new CallbackRules(
                deliveryKeys, new DeliveryMemory(WebhookSignature.REPLAY_WINDOW, DELIVERIES_REMEMBERED));
        List<Endpoint> all = new ArrayList<>();
        all.add(Endpoint.open("GET", "/openapi.yaml", r -> Response.bytes(200, "application/yaml", openApi)));
        all.add(Endpoint.open("GET", "/health", r -> Response.json(200, Map.of("status", "UP"), json)));
        all.addAll(new LookupResource(lookups, pseudonymiser, json).routes());
        all.addAll(new ReportResource(lookups, requests.repository(), pseudonymiser, policies, controller, clock, json)
                .routes());
        all.addAll(new RequestResource(graph, requests, pseudonymiser, clock, json).routes());
        all.addAll(new DecisionResource(decisions, json).routes());
        all.addAll(new CallbackResource(new CallbackService(graph, publisher, callbackRules, clock), json).routes());
        all.addAll(new HolderResource(graph, json).routes());
        all.addAll(new RopaResource(graph, controller, clock, json).routes());
        all.addAll(new FindingResource(graph, json).routes());
        all.addAll(new AuditResource(graph, json).routes());
        this.routes = List.copyOf(all);
    }

    /** The JSON mapper of the API: ISO-8601 timestamps. */
    public static ObjectMapper objectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /**
     * Serves the API, the console ({@code /console}, where {@code /} leads) and the person's copy links
     * ({@code /copy}); the caller closes the returned service. Console pages and copy links answer errors
     * as HTML pages, the API as problem+json.
     */
    public HttpService start(String host, int port, int threads, Authenticator authenticator) throws IOException {
        Console console = console(authenticator);
        List<Endpoint> all = new ArrayList<>(routes);
        all.add(Endpoint.open("GET", "/", r -> Response.seeOther(Console.BASE)));
        all.addAll(console.routes());
        all.addAll(new PersonCopyLinks(copies, controller).routes());
        return HttpService.builder("dpo-api")
                .host(host)
                .port(port)
                .threads(threads)
                .routes(all)
                .authenticator(authenticator)
                .json(json)
                .errors(console.errorRenderer(PersonCopyLinks.errorRenderer(ErrorRenderer.problemJson(json))))
                .start();
    }

    /** The DPO console over the same services as the REST routes. */
    Console console(Authenticator authenticator) {
        return new Console(
                authenticator,
                json,
                clock,
                List.of(
                        new HomePage(graph, counts),
                        new PeoplePages(lookups, requests, graph, pseudonymiser),
                        new RequestPages(graph, requests, decisions),
                        // the person's report and export, downloaded from their page
                        new ReportDownloads(reports),
                        // the person's copy of an answered access or portability request
                        new PersonCopyPages(requests, copies),
                        new HolderPages(graph, counts),
                        new FindingPages(graph, counts),
                        new RecordPages(graph, controller)));
    }

    /**
     * Starts deleting expired person's copies every {@link PersonCopySweeper#EVERY} (their links also
     * stop working on their own); the caller closes it with the API.
     */
    public PersonCopySweeper startCopySweeper() {
        return PersonCopySweeper.start(copies, PersonCopySweeper.EVERY);
    }

    /**
     * Starts the console's background count of open findings and of people per category at large
     * holders every {@link ConsoleCounts#EVERY} (pages show it, saying when it was taken, once the
     * graph is too large to count on every page); the caller closes it with the API.
     */
    public ConsoleCounts.Refresher startConsoleCounts() {
        return counts.start(ConsoleCounts.EVERY);
    }

    /** The console's counts (the benchmark reads how long its background count takes). */
    public ConsoleCounts consoleCounts() {
        return counts;
    }

    /** Every REST route of the API, in matching order (the console's pages are added by {@link #start}). */
    public List<Endpoint> routes() {
        return routes;
    }

    private static byte[] resource(String path) {
        try (InputStream in = DpoApi.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
