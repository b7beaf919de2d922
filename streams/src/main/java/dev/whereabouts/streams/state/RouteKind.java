package dev.whereabouts.streams.state;

/**
 * What a {@link Route} message asks for, and so which processor handles it and what its key is.
 */
public enum RouteKind {
    /** Look up the subject of identifier {@code hop} of a sharing event; key: that pseudonym. */
    RESOLVE_EVENT(Stage.IDENTITY),
    /** Look up the subject of identifier {@code hop} of a request; key: that pseudonym. */
    RESOLVE_REQUEST(Stage.IDENTITY),
    /** Point an identifier at a subject (smallest subject id wins); key: the pseudonym. */
    ASSIGN(Stage.IDENTITY),
    /** Apply a resolved sharing event; key: subject id. */
    EVENT(Stage.SUBJECT),
    /** Fan a resolved request out to the subject's holders; key: subject id. */
    REQUEST(Stage.SUBJECT),
    /** Hand this subject's state over to the survivor; key: the merged (losing) subject id. */
    MERGE_INTO(Stage.SUBJECT),
    /** Take over a merged subject's state; key: the surviving subject id. */
    ADOPT(Stage.SUBJECT),
    /** Mark edges ERASED or RESTRICTED after a holder's outcome; key: subject id. */
    MARK_EDGES(Stage.SUBJECT),
    /** A request as filed: tracked from here, fanned out now or once verified; key: request id. */
    REQUEST_RECEIVED(Stage.REQUEST),
    /** A request's tasks were planned (or it was fanned out before); key: request id. */
    REQUEST_ISSUED(Stage.REQUEST),
    /** The controller decided on a request (verification, information, refusal, extension); key: request id. */
    DECISION(Stage.REQUEST),
    /** A holder reported an outcome; key: request id. */
    OUTCOME(Stage.REQUEST);

    /** Which processor of the routing sub-topology handles a kind. */
    public enum Stage {
        IDENTITY,
        SUBJECT,
        REQUEST
    }

    private final Stage stage;

    RouteKind(Stage stage) {
        this.stage = stage;
    }

    public Stage stage() {
        return stage;
    }
}
