package dev.whereabouts.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a slow, broken or hostile client can and cannot do to a service: the limits of ADR 0004,
 * exercised with raw sockets against a real server.
 */
class HttpServiceLimitsTest {

    private static final String TOKEN = "engineer-token-0123456789";
    private final ObjectMapper json = new ObjectMapper();
    private final List<Socket> sockets = new ArrayList<>();
    private HttpService service;

    private HttpService start(Limits limits) throws IOException {
        service = HttpService.builder("limits")
                .threads(2)
                .routes(List.of(
                        Endpoint.open("GET", "/health", r -> Response.text(200, "text/plain", "ok")),
                        Endpoint.forRole(
                                Role.ENGINEER, "POST", "/v1/echo", r -> Response.json(200, r.jsonBody(4096), json)),
                        Endpoint.open(
                                "GET", "/v1/subjects/{id}", r -> Response.json(200, r.pathParameter("id"), json))))
                .authenticator(Authenticator.fromSpec(TOKEN + "=checkout-service:ENGINEER"))
                .json(json)
                .limits(limits)
                .start();
        return service;
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void shouldKeepAnsweringHealthWhileSixteenSlowClientsTrickleTheirBodies() throws Exception {
        // Given a service with two request threads and a 2 s limit to send a body
        start(Limits.DEFAULTS.withRequestReadTimeout(Duration.ofSeconds(2)));
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try {
            // When 16 clients announce 1000 bytes and send 8 bytes a second
            for (int i = 0; i < 16; i++) {
                Socket socket = open();
                send(
                        socket,
                        "POST /v1/echo HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN
                                + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{");
                trickle.scheduleAtFixedRate(() -> sendQuietly(socket, " "), 125, 125, TimeUnit.MILLISECONDS);
            }
            Thread.sleep(300);

            // Then health answers at once, again and again
            HttpClient client = HttpClient.newHttpClient();
            for (int i = 0; i < 5; i++) {
                long started = System.nanoTime();
                HttpResponse<String> health = client.send(
                        HttpRequest.newBuilder(service.url().resolve("/health"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
            }

            // And each slow client is cut off with a 408 problem once its time is up
            for (Socket socket : sockets) {
                RawHttp.Answer answer = RawHttp.read(socket);
                assertThat(answer.status()).isEqualTo(408);
                assertProblem(answer, 408, "request-timeout");
            }
            assertThat(service.responseCounts().get(4)).isEqualTo(16);
        } finally {
            trickle.shutdownNow();
        }
    }

    @Test
    void shouldCloseAConnectionOnWhichNothingArrives() throws Exception {
        start(Limits.DEFAULTS.withIdleTimeout(Duration.ofMillis(500)));
        Socket socket = open();
        send(socket, "GET /health HTTP/1.1\r\nHost: loc");

        long started = System.nanoTime();
        String rest = RawHttp.readToEnd(socket);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(rest).doesNotContain("<html");
    }

    @Test
    void shouldAnswer408WhenABodyStopsArriving() throws Exception {
        start(Limits.DEFAULTS.withIdleTimeout(Duration.ofMillis(500)));
        Socket socket = open();
        send(
                socket,
                "POST /v1/echo HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN
                        + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"a\":");

        long started = System.nanoTime();
        RawHttp.Answer answer = RawHttp.read(socket);

        assertProblem(answer, 408, "request-timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void shouldStopAcceptingConnectionsBeyondTheLimitUntilOneCloses() throws Exception {
        start(Limits.DEFAULTS.withMaxConnections(2));
        Socket first = open();
        open();
        // Give the acceptor the time to take both and stop accepting.
        Thread.sleep(200);

        assertThatThrownBy(() -> HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(service.url().resolve("/health"))
                                        .timeout(Duration.ofMillis(700))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);

        first.close();
        HttpResponse<String> health = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(service.url().resolve("/health"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAnswerABadContentLengthWithAProblem() throws Exception {
        start(Limits.DEFAULTS);

        RawHttp.Answer answer = RawHttp.exchange(
                service.port(), "POST /v1/echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: ten\r\n\r\n{}");

        assertProblem(answer, 400, "malformed-request");
    }

    @Test
    void shouldAnswerABadPercentEscapeWithAProblem() throws Exception {
        start(Limits.DEFAULTS);

        RawHttp.Answer answer =
                RawHttp.exchange(service.port(), "GET /v1/subjects/%zz HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertProblem(answer, 400, "malformed-request");
    }

    @Test
    void shouldAnswerOversizedHeadersWithAProblem() throws Exception {
        start(Limits.DEFAULTS);

        RawHttp.Answer answer = RawHttp.exchange(
                service.port(), "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n");

        assertProblem(answer, 431, "headers-too-large");
    }

    @Test
    void shouldAnswerUnknownMethodsWithAProblem() throws Exception {
        start(Limits.DEFAULTS);

        RawHttp.Answer unknown = RawHttp.exchange(service.port(), "BREW /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
        RawHttp.Answer malformed = RawHttp.exchange(service.port(), "G(T /health HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertProblem(unknown, 405, "method-not-allowed");
        assertThat(unknown.header("Allow")).isEqualTo("GET");
        assertProblem(malformed, 400, "malformed-request");
    }

    @Test
    void shouldAnswerAnUnsupportedHttpVersionWithAProblem() throws Exception {
        start(Limits.DEFAULTS);

        RawHttp.Answer answer = RawHttp.exchange(service.port(), "GET /health HTTP/7.1\r\nHost: localhost\r\n\r\n");

        assertThat(answer.status()).isBetween(400, 599);
        assertThat(answer.header("Content-Type")).startsWith(Problem.MEDIA_TYPE);
        assertThat(answer.body()).doesNotContain("<html");
    }

    @Test
    void shouldNeitherLogNorCountAClientThatHangsUpMidBody() throws Exception {
        start(Limits.DEFAULTS);
        PrintStream originalErr = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            // Given a client that announces 1000 bytes, sends 10 and hangs up
            Socket socket = open();
            send(
                    socket,
                    "POST /v1/echo HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN
                            + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"a\":\"xxx\"");
            Thread.sleep(200);
            socket.setSoLinger(true, 0); // a reset, as a killed client does
            socket.close();
            Thread.sleep(500);

            // When the service answers another client
            HttpResponse<String> health = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(service.url().resolve("/health"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        } finally {
            System.setErr(originalErr);
        }

        // Then nothing was logged at ERROR or WARN and no 5xx was counted
        assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain("ERROR").doesNotContain("WARN");
        assertThat(service.responseCounts().get(5)).isZero();
        assertThat(service.responseCounts().get(2)).isEqualTo(1);
    }

    @Test
    void shouldRenderEveryErrorThroughTheServicesOwnRenderer() throws Exception {
        ErrorRenderer plain = problem ->
                Response.text(problem.status(), "text/plain", "E" + problem.status() + " " + problem.title());
        service = HttpService.builder("own-errors")
                .routes(List.of(Endpoint.open("GET", "/health", r -> Response.text(200, "text/plain", "ok"))))
                .errors(plain)
                .start();

        RawHttp.Answer notFound = RawHttp.exchange(service.port(), "GET /nowhere HTTP/1.1\r\nHost: localhost\r\n\r\n");
        RawHttp.Answer badLength = RawHttp.exchange(
                service.port(), "POST /health HTTP/1.1\r\nHost: localhost\r\nContent-Length: -1\r\n\r\n");

        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.body()).isEqualTo("E404 Not found");
        assertThat(badLength.status()).isEqualTo(400);
        assertThat(badLength.header("Content-Type")).startsWith("text/plain");
        assertThat(badLength.body()).startsWith("E400");
    }

    private void assertProblem(RawHttp.Answer answer, int status, String slug) throws IOException {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith(Problem.MEDIA_TYPE);
        assertThat(answer.body()).doesNotContain("<html");
        JsonNode problem = json.readTree(answer.body());
        assertThat(problem.get("type").asText()).isEqualTo(Problem.TYPE_BASE + slug);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
    }

    private Socket open() throws IOException {
        Socket socket = RawHttp.connect(service.port());
        sockets.add(socket);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    private static void sendQuietly(Socket socket, String text) {
        try {
            send(socket, text);
        } catch (IOException e) {
            // the server has cut this client off, which is what the test waits for
        }
    }
}
