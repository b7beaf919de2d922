package dev.whereabouts.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;

/** Resident memory of a process as Linux reports it in {@code /proc/<pid>/status}. */
final class ProcessMemory {

    private ProcessMemory() {}

    /**
     * The {@code VmRSS} line of a {@code /proc/<pid>/status} text, in bytes; empty when the text has
     * none (a kernel thread or a process that just exited).
     *
     * @throws IllegalArgumentException when the line is there but not {@code VmRSS: <n> kB}
     */
    static OptionalLong rssBytes(String status) {
        for (String line : status.split("\n")) {
            if (!line.startsWith("VmRSS:")) {
                continue;
            }
            String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
            if (parts.length != 2 || !parts[1].toLowerCase(Locale.ROOT).equals("kb")) {
                throw new IllegalArgumentException("unexpected VmRSS line: '" + line + "'");
            }
            try {
                return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("unexpected VmRSS line: '" + line + "'", e);
            }
        }
        return OptionalLong.empty();
    }

    /** The resident memory of {@code pid} now; empty when it is gone or not readable. */
    static OptionalLong rssBytes(long pid) {
        try {
            return rssBytes(Files.readString(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }
}
