package dev.whereabouts.stack;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * A server running in a JVM of its own, on its own classpath, with stdout and stderr appended to a
 * log file. Its standard input stays open as a lifeline: the child exits when this process dies, so
 * even a killed supervisor leaves no server holding the ports.
 */
final class ChildJvm {

    private final String name;
    private final Process process;
    private final Path logFile;
    private final OutputStream lifeline;
    private volatile boolean stopping;

    private ChildJvm(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.lifeline = process.getOutputStream();
    }

    /**
     * Starts {@code mainClass} from the classpath resource {@code classpathName}.
     *
     * @param onUnexpectedExit called with the exit code when the child exits without {@link #stop} being called
     */
    static ChildJvm start(
            String name,
            String classpathName,
            String mainClass,
            List<String> jvmOptions,
            List<String> arguments,
            Path logFile,
            IntConsumer onUnexpectedExit) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(ChildClasspath.resolve(classpathName));
        command.add(mainClass);
        command.addAll(arguments);
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(
                    logFile,
                    "---- starting " + name + " at " + java.time.Instant.now() + System.lineSeparator(),
                    StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            ChildJvm child = new ChildJvm(name, process, logFile);
            process.onExit().thenAccept(p -> {
                if (!child.stopping) {
                    onUnexpectedExit.accept(p.exitValue());
                }
            });
            return child;
        } catch (IOException e) {
            throw new StackException("could not start the " + name + " JVM: " + e.getMessage(), e);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path logFile() {
        return logFile;
    }

    /** SIGTERM, then SIGKILL if the child has not exited within {@code grace}. */
    void stop(Duration grace) {
        stopping = true;
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try {
            lifeline.close();
        } catch (IOException ignored) {
            // the child is gone; nothing is left to tell it
        }
    }

    /** The last lines of the child's log, to explain a failure. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log " + logFile + " unreadable: " + e.getMessage() + ")";
        }
    }
}
