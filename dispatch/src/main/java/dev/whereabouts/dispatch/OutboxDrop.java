package dev.whereabouts.dispatch;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;

/**
 * Writes each e-mail as an RFC 822 {@code .eml} file into a directory instead of sending it: the
 * embedded demo's mail, which any mail client opens. A file appears whole (written aside, then moved).
 */
public final class OutboxDrop implements MailDrop {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path directory;
    private final Clock clock;
    private final Session session = Session.getInstance(new Properties());

    public OutboxDrop(Path directory, Clock clock) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Path directory() {
        return directory;
    }

    @Override
    public Session session() {
        return session;
    }

    @Override
    public void send(MimeMessage message) throws MessagingException, IOException {
        Files.createDirectories(directory);
        String name = STAMP.format(clock.instant()) + "-" + UUID.randomUUID() + ".eml";
        Path partial = directory.resolve("." + name + ".part");
        try (OutputStream out = Files.newOutputStream(partial)) {
            message.writeTo(out);
        }
        Files.move(partial, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public String describe() {
        return "outbox " + directory.toAbsolutePath();
    }
}
