package dev.whereabouts.stack.neo4j;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Entry point of the child JVM that runs Neo4j Community with Bolt enabled. Services reach it only
 * with the Neo4j Java Driver over Bolt; nothing of Neo4j's server is ever on their classpath.
 *
 * <p>Usage: {@code Neo4jNode <home-dir> <host> <bolt-port> <page-cache-mb>}. The database lives under
 * the home directory and survives restarts. The node prints {@code READY bolt://host:port} once Bolt
 * accepts connections, shuts down cleanly on SIGTERM, and exits when its supervisor goes away
 * (standard input closes).
 */
public final class Neo4jNode {

    private Neo4jNode() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: Neo4jNode <home-dir> <host> <bolt-port> <page-cache-mb>");
            System.exit(2);
        }
        Path home = Path.of(args[0]);
        String host = args[1];
        int boltPort = Integer.parseInt(args[2]);
        long pageCacheMb = Long.parseLong(args[3]);

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(host, boltPort))
                // Bolt listens on loopback by default; TLS is for a real server deployment.
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                // Bolt binds to the host given (loopback for the demo); production runs a real, secured server.
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
                // Without these, shutdown waits about 10 s for idle Bolt threads and Netty.
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ZERO)
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ZERO)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            dbms.shutdown();
                            stopped.countDown();
                        },
                        "neo4j-shutdown"));
        exitWhenSupervisorGoes();

        System.out.println("READY bolt://" + host + ":" + boltPort);
        System.out.flush();
        stopped.await();
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
                    System.err.println("supervisor went away: stopping Neo4j");
                    System.exit(0);
                },
                "supervisor-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
