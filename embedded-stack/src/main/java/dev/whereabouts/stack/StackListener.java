package dev.whereabouts.stack;

/** Hears about components of the embedded stack that die or come back. */
public interface StackListener {

    /** A component exited without being asked to; it will be restarted if {@code willRestart}. */
    void componentDied(String component, int exitCode, String logTail, boolean willRestart);

    /** A component that died is ready again. */
    default void componentRestarted(String component) {}

    /** Logs through slf4j: the default for the launcher and the test fixture. */
    static StackListener logging() {
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EmbeddedStack.class);
        return new StackListener() {
            @Override
            public void componentDied(String component, int exitCode, String logTail, boolean willRestart) {
                log.error(
                        "{} died with exit code {}{}; last log lines:{}{}",
                        component,
                        exitCode,
                        willRestart ? ", restarting it" : ", giving up",
                        System.lineSeparator(),
                        logTail);
            }

            @Override
            public void componentRestarted(String component) {
                log.warn("{} is back", component);
            }
        };
    }
}
