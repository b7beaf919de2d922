package dev.whereabouts.stack.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Entry point of the child JVM that runs one Apache Kafka node in KRaft mode (combined broker and
 * controller). The supervisor writes {@code server.properties} and starts this class on the
 * classpath this module resolved.
 *
 * <p>Usage: {@code KafkaNode <server.properties> <cluster-id>}. Storage is formatted on first start
 * only, so a restart reuses the data. The node exits when its supervisor goes away (standard input
 * closes), so a killed supervisor never leaves a broker holding the ports.
 */
public final class KafkaNode {

    private KafkaNode() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: KafkaNode <server.properties> <cluster-id>");
            System.exit(2);
        }
        Path config = Path.of(args[0]);
        String clusterId = args[1];
        formatIfNeeded(config, clusterId);
        exitWhenSupervisorGoes();
        kafka.Kafka.main(new String[] {config.toString()});
    }

    private static void formatIfNeeded(Path config, String clusterId) throws IOException {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(config)) {
            props.load(in);
        }
        Path logDir = Path.of(props.getProperty("log.dirs"));
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        int rc = kafka.tools.StorageTool.execute(
                new String[] {"format", "--cluster-id", clusterId, "--config", config.toString(), "--ignore-formatted"},
                System.out);
        if (rc != 0) {
            throw new IllegalStateException("formatting Kafka storage in " + logDir + " failed with exit code " + rc);
        }
    }

    private static void exitWhenSupervisorGoes() {
        Thread watcher = new Thread(
                () -> {
                    try {
                        while (System.in.read() != -1) {
                            // the supervisor never writes; any byte is ignored
                        }
                    } catch (IOException ignored) {
                        // a broken pipe means the same as end of input
                    }
                    System.err.println("supervisor went away: stopping the Kafka node");
                    System.exit(0);
                },
                "supervisor-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
