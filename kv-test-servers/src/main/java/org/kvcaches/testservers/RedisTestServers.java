package org.kvcaches.testservers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.kvcaches.api.spi.StoreUri;
import org.kvcaches.testservers.ServerSelection.Choice;
import org.kvcaches.testservers.ServerSelection.Kind;
import org.kvcaches.testservers.ServerSelection.Source;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;

/**
 * The Redis servers of a test run, shared by every test class in the JVM and started on first use: a
 * standalone server, a TLS-only server and a 3-master cluster. Each comes from the first place that
 * {@link ServerSelection} finds: the address in {@code KV_TEST_REDIS_URI}, {@code KV_TEST_REDISS_URI} or
 * {@code KV_TEST_REDIS_CLUSTER_URI}; {@code redis-server} from the {@code PATH} on a free loopback port
 * (with certificates made for this run by {@code openssl}); a Redis container when a Docker engine
 * answers (not for the cluster). Without any, the test that asks is skipped and says what to install
 * or set. Servers this JVM started stop when it exits.
 */
public final class RedisTestServers {
    private static final Kind STANDALONE = new Kind("Redis", "KV_TEST_REDIS_URI", "redis-server from the PATH",
            "apt-get install -y redis-server", "a " + Docker.redisImage() + " container");
    private static final Kind TLS = new Kind("Redis over TLS", "KV_TEST_REDISS_URI", "redis-server and openssl from the PATH",
            "apt-get install -y redis-server openssl", "a TLS-only " + Docker.redisImage() + " container");
    private static final Kind CLUSTER = new Kind("Redis cluster", "KV_TEST_REDIS_CLUSTER_URI",
            "3 redis-server masters joined by redis-cli from the PATH", "apt-get install -y redis-server", null);
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
            Choice choice = ServerSelection.chooseOrAbort(STANDALONE, ServerSelection.onPath("redis-server"));
            if (choice.source() == Source.ENVIRONMENT) {
                standalone = choice.address();
            } else if (choice.source() == Source.CONTAINER) {
                standalone = Containers.redis();
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
            Choice choice = ServerSelection.chooseOrAbort(TLS, ServerSelection.onPath("redis-server") && ServerSelection.onPath("openssl"));
            if (choice.source() == Source.ENVIRONMENT) {
                tls = choice.address();
            } else if (choice.source() == Source.CONTAINER) {
                tls = Containers.redisTls(certificates());
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

    /**
     * A server of the test's own, which it may stop and restart; only a local {@code redis-server} will
     * do, so without one the test is skipped.
     *
     * @return the server, stopped when the JVM exits
     */
    public static synchronized RedisServerProcess startPrivateServer() {
        RedisServerProcess server = RedisServerProcess.startOnFreePort(false);
        STARTED.add(server);
        return server;
    }

    /**
     * @return {@code redis://h1:p1,h2:p2,h3:p3?cluster=true} of a 3-master cluster: {@code KV_TEST_REDIS_CLUSTER_URI}
     *     (in that form), or one started here
     */
    public static synchronized String clusterUri() {
        if (cluster == null) {
            Choice choice = ServerSelection.chooseOrAbort(CLUSTER, ServerSelection.onPath("redis-server") && ServerSelection.onPath("redis-cli"));
            if (choice.source() == Source.ENVIRONMENT) {
                cluster = choice.address();
                return cluster;
            }
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
