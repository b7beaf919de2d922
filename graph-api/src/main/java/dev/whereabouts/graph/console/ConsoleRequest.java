package dev.whereabouts.graph.console;

import dev.whereabouts.web.Caller;
import dev.whereabouts.web.FormBody;
import dev.whereabouts.web.Request;
import java.util.Optional;

/**
 * A request to a console page or action, after the console has found the session, checked the role
 * and, for a form post, the CSRF token.
 */
public final class ConsoleRequest {

    private final Request http;
    private final ConsoleSession session;
    private final FormBody form;

    ConsoleRequest(Request http, ConsoleSession session, FormBody form) {
        this.http = http;
        this.session = session;
        this.form = form;
    }

    /** The HTTP request underneath. */
    public Request http() {
        return http;
    }

    public ConsoleSession session() {
        return session;
    }

    public Caller caller() {
        return session.caller();
    }

    /** The posted form (CSRF token already checked); an empty form for a GET. */
    public FormBody form() {
        return form;
    }

    public String pathParameter(String name) {
        return http.pathParameter(name);
    }

    /** A query parameter, trimmed; empty when absent or blank. */
    public Optional<String> query(String name) {
        return http.query(name).map(String::trim).filter(v -> !v.isEmpty());
    }
}
