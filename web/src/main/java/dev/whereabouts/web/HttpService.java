package dev.whereabouts.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JSON HTTP service on Jetty 12 core handlers (ADR 0004): routes with roles, {@link Limits} that keep
 * slow clients from stalling it, and the one place where failures become error responses through the
 * service's {@link ErrorRenderer} (RFC 9457 problem+json unless the service brings its own): a
 * {@link ProblemException} keeps its status and fields, anything else is a 500 that names an error id
 * which is also logged, and protocol-level errors Jetty detects before routing take the same path.
 */
public final class HttpService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpService.class);

    /**
     * Jetty's default, except that an encoded slash or percent stays inside its path segment: identifiers
     * such as registry subjects may contain {@code /}, and routing decodes each segment on its own.
     */
    private static final UriCompliance URI_COMPLIANCE = UriCompliance.DEFAULT.with(
            "whereabouts",
            UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR,
            UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING,
            UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT);

    /** Jetty's own threads besides request handling: the acceptor, the selector and some slack. */
    private static final int JETTY_THREADS = 4;

    private final String name;
    private final Server server;
    private final ServerConnector connector;
    private final List<Endpoint> routes;
    private final Authenticator authenticator;
    private final ObjectMapper json;
    private final ErrorRenderer errors;
    private final Limits limits;
    private final Map<Integer, LongAdder> responsesByStatusClass =
            Map.of(2, new LongAdder(), 3, new LongAdder(), 4, new LongAdder(), 5, new LongAdder());

    private HttpService(Builder builder) throws IOException {
        this.name = builder.name;
        this.routes = List.copyOf(builder.routes);
        this.authenticator = builder.authenticator;
        this.json = builder.json;
        this.errors = builder.errors != null ? builder.errors : ErrorRenderer.problemJson(json);
        this.limits = builder.limits;

        QueuedThreadPool threads = new QueuedThreadPool(builder.threads + JETTY_THREADS);
        threads.setName(name + "-http");
        threads.setDaemon(true);
        threads.setReservedThreads(0);
        this.server = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setUriCompliance(URI_COMPLIANCE);
        this.connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
        connector.setHost(builder.host);
        connector.setPort(builder.port);
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
        server.setErrorHandler(new ProblemErrorHandler(errors, this::count));
        server.setHandler(new Dispatcher());
        try {
            server.start();
        } catch (Exception e) {
            close();
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException(name + " could not listen on " + builder.host + ":" + builder.port, e);
        }
    }

    /**
     * Starts serving on {@code host:port} (0 = a free port) with the default {@link Limits} and
     * problem+json errors.
     *
     * @param threads request threads; handlers may block on Kafka acknowledgements, so more than cores
     */
    public static HttpService start(
            String name,
            String host,
            int port,
            int threads,
            List<Endpoint> routes,
            Authenticator authenticator,
            ObjectMapper json)
            throws IOException {
        return builder(name)
                .host(host)
                .port(port)
                .threads(threads)
                .routes(routes)
                .authenticator(authenticator)
                .json(json)
                .start();
    }

    /** A service named {@code name} (used in thread names and logs), on 127.0.0.1 and a free port by default. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    public int port() {
        return connector.getLocalPort();
    }

    public URI url() {
        String host = connector.getHost();
        if (host == null || "0.0.0.0".equals(host) || "::".equals(host)) {
            host = "127.0.0.1";
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + port());
    }

    /** The limits this service enforces. */
    public Limits limits() {
        return limits;
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
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("{}: the HTTP server did not stop cleanly", name, e);
        }
    }

    private void count(int status) {
        LongAdder counter = responsesByStatusClass.get(status / 100);
        if (counter != null) {
            counter.increment();
        }
    }

    /** Routes a request, reads its body without blocking, runs the resource and writes what it answers. */
    private final class Dispatcher extends Handler.Abstract {

        @Override
        public boolean handle(
                org.eclipse.jetty.server.Request request,
                org.eclipse.jetty.server.Response response,
                Callback callback) {
            // Match on the raw path so an encoded slash stays inside its segment (a%2Fb is one id).
            String path = request.getHttpURI().getPath();
            Matched matched;
            try {
                matched = route(request, path);
            } catch (Exception e) {
                send(response, callback, failure(e, request.getMethod(), path, path));
                return true;
            }
            BodyReader.read(
                    request, limits.maxBodyBytes(), limits.requestReadTimeout().toMillis(), new BodyReader.Outcome() {
                        @Override
                        public void body(BodyReader.Body body) {
                            dev.whereabouts.web.Response answer;
                            try {
                                answer = matched.route()
                                        .handler()
                                        .handle(new Request(
                                                request, matched.parameters(), matched.caller(), json, body));
                            } catch (Exception e) {
                                answer = failure(
                                        e,
                                        request.getMethod(),
                                        path,
                                        matched.route().template());
                            }
                            send(response, callback, answer);
                        }

                        @Override
                        public void timedOut() {
                            dev.whereabouts.web.Response answer = errors.render(Problem.of(
                                            "request-timeout",
                                            "Request timeout",
                                            408,
                                            "the request body did not arrive within "
                                                    + limits.requestReadTimeout()
                                                            .toSeconds() + " s",
                                            null)
                                    .withInstance(path));
                            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
                            send(response, callback, answer);
                        }

                        @Override
                        public void clientGone(Throwable cause) {
                            // Nobody is left to answer: neither an error of ours nor a response to count.
                            LOG.debug(
                                    "{}: client went away while sending {} {}: {}",
                                    name,
                                    request.getMethod(),
                                    matched.route().template(),
                                    cause.toString());
                            callback.failed(cause);
                        }
                    });
            return true;
        }
    }

    private record Matched(Endpoint route, Map<String, String> parameters, Caller caller) {}

    private Matched route(org.eclipse.jetty.server.Request request, String path) {
        boolean pathKnown = false;
        for (Endpoint route : routes) {
            Optional<Map<String, String>> parameters = route.match(path);
            if (parameters.isEmpty()) {
                continue;
            }
            pathKnown = true;
            if (!route.method().equalsIgnoreCase(request.getMethod())) {
                continue;
            }
            Caller caller = null;
            if (route.requiredRole().isPresent()) {
                if (authenticator == null) {
                    throw new IllegalStateException(
                            "route " + route.template() + " needs a role, but " + name + " has no authenticator");
                }
                caller = authenticator.authenticate(request.getHeaders().get(HttpHeader.AUTHORIZATION));
                if (!caller.has(route.requiredRole().get())) {
                    throw ProblemException.forbidden(
                            "this endpoint needs the " + route.requiredRole().get() + " role");
                }
            }
            return new Matched(route, parameters.get(), caller);
        }
        if (pathKnown) {
            throw ProblemException.methodNotAllowed(request.getMethod(), path);
        }
        throw ProblemException.notFound("no endpoint at " + path);
    }

    /**
     * The error response for {@code e}; an unexpected failure is logged with {@code logged}, the route's
     * template when one matched, so a path segment that is a secret (a capability link's token) or
     * personal never reaches the log.
     */
    private dev.whereabouts.web.Response failure(Exception e, String method, String path, String logged) {
        if (e instanceof ProblemException problem) {
            dev.whereabouts.web.Response response =
                    errors.render(problem.problem().withInstance(path));
            if (problem.retryAfter().isPresent()) {
                response = response.withHeader(
                        "Retry-After",
                        Long.toString(Math.max(1, problem.retryAfter().get().toSeconds())));
            }
            if (problem.problem().status() == 405) {
                response = response.withHeader("Allow", String.join(", ", allowedMethods(path)));
            }
            return response;
        }
        Optional<dev.whereabouts.web.Response> own = errors.renderFailure(e);
        if (own.isPresent()) {
            return own.get();
        }
        String errorId = UUID.randomUUID().toString();
        // The exception may quote request content; only its type and our id go to the client.
        LOG.error("{} {} {} failed, error id {}", name, method, logged, errorId, e);
        return errors.render(Problem.of(
                        "internal",
                        "Internal error",
                        500,
                        "the request failed on our side; quote error id " + errorId,
                        null)
                .withInstance(path));
    }

    private Set<String> allowedMethods(String path) {
        Set<String> methods = new TreeSet<>();
        for (Endpoint route : routes) {
            if (route.match(path).isPresent()) {
                methods.add(route.method());
            }
        }
        return methods;
    }

    private void send(
            org.eclipse.jetty.server.Response response, Callback callback, dev.whereabouts.web.Response answer) {
        // Counted before sending, so a client that has its answer also sees it in the metrics.
        count(answer.status());
        writeTo(response, callback, answer);
    }

    /** Writes {@code answer} as the whole response; shared with the protocol-error handler. */
    static void writeTo(
            org.eclipse.jetty.server.Response response, Callback callback, dev.whereabouts.web.Response answer) {
        response.setStatus(answer.status());
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(HttpHeader.CONTENT_TYPE, answer.contentType());
        answer.headers().forEach(headers::put);
        byte[] body = answer.body();
        headers.put(new HttpField(HttpHeader.CONTENT_LENGTH, Integer.toString(body.length)));
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Configures and starts an {@link HttpService}. */
    public static final class Builder {

        private final String name;
        private String host = "127.0.0.1";
        private int port;
        private int threads = 8;
        private List<Endpoint> routes = List.of();
        private Authenticator authenticator;
        private ObjectMapper json = new ObjectMapper();
        private ErrorRenderer errors;
        private Limits limits = Limits.DEFAULTS;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** 0 = a free port, see {@link HttpService#port()}. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Request threads; handlers may block on Kafka acknowledgements, so more than cores. */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1");
            }
            this.threads = threads;
            return this;
        }

        public Builder routes(List<Endpoint> routes) {
            this.routes = List.copyOf(routes);
            return this;
        }

        /** Who may call the routes that need a role; a service whose routes are all open needs none. */
        public Builder authenticator(Authenticator authenticator) {
            this.authenticator = authenticator;
            return this;
        }

        public Builder json(ObjectMapper json) {
            this.json = Objects.requireNonNull(json, "json");
            return this;
        }

        /** The service's own error body; problem+json when not set. */
        public Builder errors(ErrorRenderer errors) {
            this.errors = Objects.requireNonNull(errors, "errors");
            return this;
        }

        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        public HttpService start() throws IOException {
            return new HttpService(this);
        }
    }
}
