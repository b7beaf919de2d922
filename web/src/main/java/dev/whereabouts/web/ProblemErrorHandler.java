package dev.whereabouts.web;

import java.util.function.IntConsumer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error page, replaced: every error Jetty answers by itself (a request it cannot parse, a bad
 * {@code Content-Length}, a bad percent-escape, headers over the limit, an unsupported HTTP version) goes
 * through the service's {@link ErrorRenderer}, so a client never sees an HTML error page.
 */
final class ProblemErrorHandler extends ErrorHandler {

    private final ErrorRenderer errors;
    private final IntConsumer counter;

    ProblemErrorHandler(ErrorRenderer errors, IntConsumer counter) {
        this.errors = errors;
        this.counter = counter;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        String message = (String) request.getAttribute(ERROR_MESSAGE);
        Throwable cause = (Throwable) request.getAttribute(ERROR_EXCEPTION);
        if (cause instanceof HttpException http) {
            status = http.getCode();
            if (message == null) {
                message = http.getReason();
            }
        }
        if (status < 400) {
            status = 500;
        }
        counter.accept(status);
        if ("HEAD".equals(request.getMethod()) || HttpStatus.hasNoBody(status)) {
            response.setStatus(status);
            callback.succeeded();
            return true;
        }
        String reason = HttpStatus.getMessage(status);
        String detail = message == null || message.isBlank() || message.equals(reason) ? reason : message;
        Problem problem = problemFor(status, reason, detail);
        String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
        HttpService.writeTo(response, callback, errors.render(path == null ? problem : problem.withInstance(path)));
        return true;
    }

    /** The same problem types resources use, for the statuses Jetty answers itself. */
    static Problem problemFor(int status, String reason, String detail) {
        return switch (status) {
            case 400 -> Problem.of("malformed-request", "Malformed request", 400, detail, null);
            case 404 -> Problem.of("not-found", "Not found", 404, detail, null);
            case 405 -> Problem.of("method-not-allowed", "Method not allowed", 405, detail, null);
            case 408 -> Problem.of("request-timeout", "Request timeout", 408, detail, null);
            case 413 -> Problem.of("too-large", "Payload too large", 413, detail, null);
            case 414 -> Problem.of("uri-too-long", "URI too long", 414, detail, null);
            case 415 -> Problem.of("unsupported-media-type", "Unsupported media type", 415, detail, null);
            case 431 -> Problem.of("headers-too-large", "Request headers too large", 431, detail, null);
            case 500 -> Problem.of("internal", "Internal error", 500, "the request failed on our side", null);
            case 503 -> Problem.of("unavailable", "Service unavailable", 503, detail, null);
            default -> Problem.of("http-" + status, reason, status, detail, null);
        };
    }
}
