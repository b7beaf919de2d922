package dev.whereabouts.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.launcher.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class WhereaboutsCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    @Test
    void shouldValidateTheBuiltInDemoCatalog() {
        int exit = run("catalog", "validate");

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("valid: catalog 2022-01-17").contains("holders");
    }

    @Test
    void shouldPrintEveryProblemWithFileLineAndPathAndFail(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, """
                formatVersion: 1
                catalogVersion: "1"
                purposes:
                  - id: mail
                    description: Mail
                    legalBasis: contract
                holders:
                  - id: postmark
                    displayName: Postmark
                    legalEntity: WildBit LLC
                    country: US
                    role: processor
                    purposes: [mail]
                    categories: [user.contact.emial]
                    erasure: {channel: manual}
                """);

        int exit = run("catalog", "validate", file.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString())
                .contains("broken.yaml")
                .contains("holders[0].categories[0]")
                .contains("user.contact.email")
                .contains("problem");
    }

    @Test
    void shouldExplainEveryCommandInHelp() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString())
                .contains("catalog")
                .contains("dead-letters")
                .contains("outcome")
                .contains("emit")
                .contains("tail");

        assertThat(run("dead-letters", "replay", "--help")).isZero();
        assertThat(out.toString())
                .contains("--offsets")
                .contains("--dry-run")
                .contains("WHEREABOUTS_BOOTSTRAP_SERVERS");
    }

    @Test
    void shouldRefuseToReplayWithoutASelection() {
        int exit = run("dead-letters", "replay");

        assertThat(exit).isEqualTo(2);
        assertThat(out.toString()).contains("--offsets, --reason, or --all");
    }
}
