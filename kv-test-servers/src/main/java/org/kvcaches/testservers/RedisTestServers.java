package org.kvcaches.testservers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.kvcaches.api.spi.StoreUri;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;

/**
 * The Redis servers of a test run, shared by every test class in the JVM: {@code KV_TEST_REDIS_URI}
 * when set, otherwise a {@code redis-server} started on a free loopback port; a TLS-only server
 * ({@code KV_TEST_REDISS_URI}, or one started with certificates made for this run); and a local
 * 3-master cluster started on first use. Stopped when the JVM exits.
 */
public final class RedisTestServers {
    private static String standalone;
    private static String cluster;
    private static String tls;
    private static TlsCertificates certificates;
    private static final List<RedisServerProcess> STARTED = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(RedisServerProcess::close)));
    }

    private RedisTestServers() {
    }

    /** @return {@code redis://host:port} of a standalone server (no database or options) */
    public static synchronized String standaloneUri() {
        if (standalone == null) {
            String given = System.getenv("KV_TEST_REDIS_URI");
            if (given != null && !given.isBlank()) {
                standalone = given.strip();
            } else {
                RedisServerProcess server = RedisServerProcess.startOnFreePort(false);
                STARTED.add(server);
                standalone = "redis://127.0.0.1:" + server.port();
            }
        }
        return standalone;
    }

    /** @return the certificates made for this run (a CA, a server certificate it signed, another CA) */
    public static synchronized TlsCertificates certificates() {
        if (certificates == null) {
            certificates = TlsCertificates.generate();
            Runtime.getRuntime().addShutdownHook(new Thread(certificates::close));
        }
        return certificates;
    }

    /**
     * @return {@code rediss://host:port?caCert=<PEM file>} of a server that speaks only TLS (no database
     *     in the URI, one option)
     */
    public static synchronized String tlsUri() {
        if (tls == null) {
            String given = System.getenv("KV_TEST_REDISS_URI");
            if (given != null && !given.isBlank()) {
                tls = given.strip();
            } else {
                RedisServerProcess server = RedisServerProcess.startTlsOnFreePort(certificates());
                STARTED.add(server);
                tls = "rediss://127.0.0.1:" + server.port() + "?caCert=" + certificates().ca();
            }
        }
        return tls;
    }

    /**
     * @param uri a URI from this class
     * @return a Jedis configuration for administrative connections (flush, scan) to its server
     */
    public static JedisClientConfig adminConfig(String uri) {
        StoreUri parsed = StoreUri.parse(uri);
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder().ssl(parsed.scheme().equals("rediss"));
        parsed.options().string("caCert").ifPresent(pem -> config.sslSocketFactory(TlsCertificates.trusting(Path.of(pem))));
        parsed.user().filter(u -> !u.isEmpty()).ifPresent(config::user);
        parsed.password().ifPresent(config::password);
        return config.build();
    }

    /** @return the port of the standalone server this JVM started, for fault tests */
    public static synchronized RedisServerProcess startPrivateServer() {
        RedisServerProcess server = RedisServerProcess.startOnFreePort(false);
        STARTED.add(server);
        return server;
    }

    /** @return {@code redis://h1:p1,h2:p2,h3:p3?cluster=true} of a local 3-master cluster */
    public static synchronized String clusterUri() {
        if (cluster == null) {
            List<String> nodes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                RedisServerProcess node = RedisServerProcess.startOnFreePort(true);
                STARTED.add(node);
                nodes.add("127.0.0.1:" + node.port());
            }
            List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
            command.addAll(nodes);
            command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            try {
                Process create = new ProcessBuilder(command).redirectErrorStream(true).start();
                String output = new String(create.getInputStream().readAllBytes());
                if (create.waitFor() != 0) {
                    throw new IllegalStateException("redis-cli --cluster create failed: " + output);
                }
                waitForClusterOk(nodes);
            } catch (IOException e) {
                throw new IllegalStateException("cannot run redis-cli (apt-get install -y redis-tools): " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating the cluster", e);
            }
            cluster = "redis://" + String.join(",", nodes) + "?cluster=true";
        }
        return cluster;
    }

    private static void waitForClusterOk(List<String> nodes) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        for (String node : nodes) {
            String[] hostPort = node.split(":");
            while (true) {
                try (Jedis jedis = new Jedis(hostPort[0], Integer.parseInt(hostPort[1]))) {
                    if (jedis.clusterInfo().contains("cluster_state:ok")) {
                        break;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cluster node " + node + " did not reach cluster_state:ok in 20 s");
                }
                Thread.sleep(20);
            }
        }
    }
}
