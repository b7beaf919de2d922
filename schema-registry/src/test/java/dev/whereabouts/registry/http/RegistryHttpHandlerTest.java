package dev.whereabouts.registry.http;

import static dev.whereabouts.registry.RegistryAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.whereabouts.registry.RegistryClient;
import dev.whereabouts.registry.RegistryException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The single place failures become responses, exercised with routes that misbehave. */
class RegistryHttpHandlerTest {

    HttpServer server;

    RegistryClient serve(Router router) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", new RegistryHttpHandler(router));
        server.start();
        return new RegistryClient(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void shouldAnswerUnexpectedFailuresWith500And50001WithoutLeakingDetails() throws IOException {
        RegistryClient client = serve(new Router().add("GET", "/boom", request -> {
            throw new IllegalStateException("secret internals");
        }));

        String message =
                assertError(client.get("/boom"), 500, 50001).get("message").asText();

        assertThat(message).doesNotContain("secret");
    }

    @Test
    void shouldAnswerStoreErrorsWith500And50001() throws IOException {
        RegistryClient client = serve(new Router().add("GET", "/store", request -> {
            throw RegistryException.storeError("Error while writing to the registry's log", null);
        }));

        assertError(client.get("/store"), 500, 50001);
    }

    @Test
    void shouldDecodeEachPathSegmentOnItsOwn() {
        assertThat(RegistryHttpHandler.pathSegments("/subjects/a%2Fb/versions/"))
                .containsExactly("subjects", "a/b", "versions");
        assertThat(RegistryHttpHandler.pathSegments("/subjects/a+b%20c")).containsExactly("subjects", "a+b c");
    }

    @Test
    void shouldRejectBadPercentEncoding() {
        assertThatThrownBy(() -> RegistryHttpHandler.pathSegments("/subjects/%zz"))
                .isInstanceOf(RegistryException.class);
    }
}
