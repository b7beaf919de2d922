package dev.whereabouts.stack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A server in a child JVM that the stack keeps alive: it is started, checked for readiness, and
 * restarted when it dies unasked, at most {@link #MAX_RESTARTS} times in {@link #RESTART_WINDOW}.
 */
abstract class SupervisedNode {

    static final int MAX_RESTARTS = 3;
    static final Duration RESTART_WINDOW = Duration.ofMinutes(10);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final String name;
    private final StackListener listener;
    private final Duration readyTimeout;
    private final Deque<Instant> restarts = new ArrayDeque<>();
    private volatile ChildJvm child;
    private volatile boolean closed;

    SupervisedNode(String name, StackListener listener, Duration readyTimeout) {
        this.name = name;
        this.listener = listener;
        this.readyTimeout = readyTimeout;
    }

    /** Main class on the child classpath. */
    abstract String mainClass();

    /** Name of the {@code META-INF/whereabouts/<name>.classpath} resource. */
    abstract String classpathName();

    abstract List<String> jvmOptions();

    abstract List<String> arguments();

    abstract java.nio.file.Path logFile();

    /** Blocks until the server answers its own protocol, or throws when {@code deadline} passes. */
    abstract void awaitReady(Instant deadline, ChildJvm child) throws InterruptedException;

    final String name() {
        return name;
    }

    final synchronized void start() {
        child = ChildJvm.start(name, classpathName(), mainClass(), jvmOptions(), arguments(), logFile(), this::onExit);
    }

    final void awaitReady() {
        ChildJvm current = child;
        try {
            awaitReady(Instant.now().plus(readyTimeout), current);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while waiting for " + name);
        }
    }

    /** Fails with the log tail when the child has exited while we wait for it. */
    final void checkAlive(ChildJvm current) {
        if (!current.isAlive()) {
            throw new StackException(name + " exited during start-up; last log lines from " + current.logFile() + ":"
                    + System.lineSeparator() + current.logTail(40));
        }
    }

    final void checkDeadline(Instant deadline, ChildJvm current, String waitingFor) {
        if (Instant.now().isAfter(deadline)) {
            throw new StackException(name + " not ready after " + readyTimeout.toSeconds() + " s (" + waitingFor
                    + "); last log lines from " + current.logFile() + ":" + System.lineSeparator()
                    + current.logTail(40));
        }
    }

    final long pid() {
        return child.pid();
    }

    final boolean isAlive() {
        ChildJvm current = child;
        return current != null && current.isAlive();
    }

    final synchronized void stop() {
        closed = true;
        if (child != null) {
            child.stop(STOP_GRACE);
        }
    }

    private void onExit(int exitCode) {
        if (closed) {
            return;
        }
        boolean restart = mayRestart();
        listener.componentDied(name, exitCode, child.logTail(20), restart);
        if (restart) {
            CompletableFuture.runAsync(() -> {
                try {
                    synchronized (this) {
                        if (closed) {
                            return;
                        }
                        start();
                    }
                    awaitReady();
                    listener.componentRestarted(name);
                } catch (RuntimeException e) {
                    listener.componentDied(name, -1, e.getMessage(), false);
                }
            });
        }
    }

    private synchronized boolean mayRestart() {
        Instant now = Instant.now();
        while (!restarts.isEmpty() && restarts.peekFirst().isBefore(now.minus(RESTART_WINDOW))) {
            restarts.removeFirst();
        }
        if (restarts.size() >= MAX_RESTARTS) {
            return false;
        }
        restarts.addLast(now);
        return true;
    }
}
