package dev.whereabouts.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JSON HTTP service on the JDK's own server (no extra dependency; see ADR 0002): routes with roles,
 * and the one place where failures become RFC 9457 problem+json: a {@link ProblemException} keeps its
 * status and fields, anything else is a 500 that names an error id which is also logged.
 */
public final class HttpService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpService.class);

    static {
        // The JDK server leaves Nagle's algorithm on, which delays small responses by ~40 ms. Read once
        // when the server classes load, so set it before any server starts (the scripts pass it too).
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final String name;
    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Route> routes;
    private final Authenticator authenticator;
    private final ObjectMapper json;
    private final Map<Integer, LongAdder> responsesByStatusClass =
            Map.of(2, new LongAdder(), 3, new LongAdder(), 4, new LongAdder(), 5, new LongAdder());

    private HttpService(
            String name,
            InetSocketAddress address,
            int threads,
            List<Route> routes,
            Authenticator authenticator,
            ObjectMapper json)
            throws IOException {
        this.name = name;
        this.routes = List.copyOf(routes);
        this.authenticator = authenticator;
        this.json = json;
        AtomicInteger counter = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, name + "-http-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.server = HttpServer.create(address, 256);
        this.server.setExecutor(executor);
        this.server.createContext("/", this::dispatch);
        this.server.start();
    }

    /**
     * Starts serving on {@code host:port} (0 = a free port).
     *
     * @param threads request threads; handlers may block on Kafka acknowledgements, so more than cores
     */
    public static HttpService start(
            String name,
            String host,
            int port,
            int threads,
            List<Route> routes,
            Authenticator authenticator,
            ObjectMapper json)
            throws IOException {
        return new HttpService(name, new InetSocketAddress(host, port), threads, routes, authenticator, json);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI url() {
        String host = server.getAddress().getHostString();
        return URI.create("http://" + ("0.0.0.0".equals(host) ? "127.0.0.1" : host) + ":" + port());
    }

    /** Responses sent so far by status class (2 = 2xx, ...), for metrics. */
    public Map<Integer, Long> responseCounts() {
        return Map.of(
                2,
                responsesByStatusClass.get(2).sum(),
                3,
                responsesByStatusClass.get(3).sum(),
                4,
                responsesByStatusClass.get(4).sum(),
                5,
                responsesByStatusClass.get(5).sum());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void dispatch(HttpExchange exchange) {
        // Match on the raw path so an encoded slash stays inside its segment (a%2Fb is one id).
        String path = exchange.getRequestURI().getRawPath();
        Response response;
        try {
            response = route(exchange, path);
        } catch (ProblemException e) {
            response = problem(e.problem().withInstance(path));
            if (e.retryAfter().isPresent()) {
                response = response.withHeader(
                        "Retry-After",
                        Long.toString(Math.max(1, e.retryAfter().get().toSeconds())));
            }
        } catch (Exception e) {
            String errorId = UUID.randomUUID().toString();
            // The exception may quote request content; only its type and our id go to the client.
            LOG.error("{} {} {} failed, error id {}", name, exchange.getRequestMethod(), path, errorId, e);
            response = problem(Problem.of(
                            "internal",
                            "Internal error",
                            500,
                            "the request failed on our side; quote error id " + errorId,
                            null)
                    .withInstance(path));
        }
        send(exchange, response);
    }

    private Response route(HttpExchange exchange, String path) throws Exception {
        boolean pathKnown = false;
        for (Route route : routes) {
            Optional<Map<String, String>> parameters = route.match(path);
            if (parameters.isEmpty()) {
                continue;
            }
            pathKnown = true;
            if (!route.method().equalsIgnoreCase(exchange.getRequestMethod())) {
                continue;
            }
            Caller caller = route.requiredRole().isPresent()
                    ? authenticator.authenticate(exchange.getRequestHeaders().getFirst("Authorization"))
                    : null;
            if (route.requiredRole().isPresent()
                    && !caller.has(route.requiredRole().get())) {
                throw ProblemException.forbidden(
                        "this endpoint needs the " + route.requiredRole().get() + " role");
            }
            return route.handler().handle(new Request(exchange, parameters.get(), caller, json));
        }
        if (pathKnown) {
            throw ProblemException.methodNotAllowed(exchange.getRequestMethod(), path);
        }
        throw ProblemException.notFound("no endpoint at " + path);
    }

    private Response problem(Problem problem) {
        try {
            return new Response(problem.status(), Problem.MEDIA_TYPE, json.writeValueAsBytes(problem), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void send(HttpExchange exchange, Response response) {
        // Counted before sending, so a client that has its answer also sees it in the metrics.
        LongAdder counter = responsesByStatusClass.get(response.status() / 100);
        if (counter != null) {
            counter.increment();
        }
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException e) {
            LOG.debug("{}: client went away before the response was sent: {}", name, e.getMessage());
        }
    }
}
