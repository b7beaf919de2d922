package dev.whereabouts.registry.http;

import static dev.whereabouts.registry.RegistryAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.registry.RegistryClient;
import dev.whereabouts.registry.RegistryException;
import dev.whereabouts.registry.RegistryResponse;
import dev.whereabouts.web.Endpoint;
import dev.whereabouts.web.HttpService;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The single place failures become responses, exercised with routes that misbehave. */
class RegistryApiTest {

    HttpService server;

    RegistryClient serve(Endpoint... routes) throws IOException {
        server = HttpService.builder("registry-test")
                .routes(List.of(routes))
                .errors(RegistryApi.errors())
                .limits(RegistryApi.LIMITS)
                .start();
        return new RegistryClient(server.url());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldAnswerUnexpectedFailuresWith500And50001WithoutLeakingDetails() throws IOException {
        RegistryClient client = serve(RegistryApi.route("GET", "/boom", request -> {
            throw new IllegalStateException("secret internals");
        }));

        String message =
                assertError(client.get("/boom"), 500, 50001).get("message").asText();

        assertThat(message).doesNotContain("secret");
    }

    @Test
    void shouldAnswerStoreErrorsWith500And50001() throws IOException {
        RegistryClient client = serve(RegistryApi.route("GET", "/store", request -> {
            throw RegistryException.storeError("Error while writing to the registry's log", null);
        }));

        assertError(client.get("/store"), 500, 50001);
    }

    @Test
    void shouldDecodeEachPathSegmentOnItsOwn() throws IOException {
        RegistryClient client = serve(RegistryApi.route(
                "GET",
                "/subjects/{subject}/versions",
                request -> RegistryJson.ok(RegistryJson.array().add(request.pathParameter("subject")))));

        assertThat(client.get("/subjects/a%2Fb/versions/").json().get(0).asText())
                .isEqualTo("a/b");
        assertThat(client.get("/subjects/a+b%20c/versions").json().get(0).asText())
                .isEqualTo("a+b c");
    }

    @Test
    void shouldRejectBadPercentEncoding() throws IOException {
        serve(RegistryApi.route("GET", "/subjects/{subject}", request -> RegistryJson.ok(RegistryJson.object())));

        assertError(raw("GET /subjects/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 400, 400);
    }

    /** Sends bytes no URI class would let through, as a broken client does, and reads the one answer. */
    private RegistryResponse raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            String[] parts =
                    new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\r\n\r\n", 2);
            String[] head = parts[0].split("\r\n");
            String contentType = null;
            for (String line : head) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                    contentType = line.substring("content-type:".length()).trim();
                }
            }
            return new RegistryResponse(Integer.parseInt(head[0].split(" ")[1]), contentType, parts[1]);
        }
    }
}
