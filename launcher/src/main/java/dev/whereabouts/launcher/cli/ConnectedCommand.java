package dev.whereabouts.launcher.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that talks to Kafka and the schema registry. The connection options are added to every such
 * command by {@link WhereaboutsCli} (generated from the setting declarations), so a command only says
 * what it does with the connection.
 */
abstract class ConnectedCommand implements Callable<Integer> {

    final ConnectionOptions connection = new ConnectionOptions();

    @Spec
    CommandSpec spec;

    /** Where the command prints its answer (picocli's, so tests can capture it). */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
