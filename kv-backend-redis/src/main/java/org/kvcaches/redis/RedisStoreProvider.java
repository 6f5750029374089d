package org.kvcaches.redis;

import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KvException;
import org.kvcaches.api.StoreUriException;
import org.kvcaches.api.spi.StoreOption;
import org.kvcaches.api.spi.StoreProvider;
import org.kvcaches.api.spi.StoreUri;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Serves {@code redis:} and {@code rediss:} (TLS).
 *
 * <p>{@code redis://[user:password@]host[:port][/db][?options]} opens a standalone server (port 6379,
 * database 0 by default). {@code redis://host1:7000,host2:7001,host3:7002?cluster=true} opens a Redis
 * Cluster from its seed nodes (several hosts imply {@code cluster=true}; a cluster has database 0
 * only). Options: see {@link #options(String)}; {@code timeout} bounds connecting, every reply and
 * the wait for a pooled connection; {@code caCert} (rediss: only) names a PEM file of the CA
 * certificates to trust instead of the JVM's trust store. TLS connections check that the server's
 * certificate names the host.
 */
public final class RedisStoreProvider implements StoreProvider {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    static final int DEFAULT_POOL = 16;
    /**
     * The longest a probe for plain Redis behind a failed TLS handshake may take: a plain server
     * answers PING at once, and a dead one should not cost a second full timeout.
     */
    private static final Duration PROBE = Duration.ofSeconds(1);

    static final StoreOption<String> PREFIX = StoreOption.string("prefix",
            "namespace: prepended to every key, so many stores share one database");
    /** At most 24 days: Jedis takes the timeout as an int of milliseconds. */
    static final StoreOption<Duration> TIMEOUT = StoreOption.duration("timeout",
            "bounds connecting, every reply and the wait for a pooled connection")
            .range(Duration.ofMillis(1), Duration.ofDays(24)).withDefault(DEFAULT_TIMEOUT);
    static final StoreOption<Integer> POOL = StoreOption.integer("pool", 1, 10_000,
            "most pooled connections (per node on a cluster)").withDefault(DEFAULT_POOL);
    static final StoreOption<String> CLIENT_NAME = StoreOption.string("clientName", "CLIENT SETNAME of the connections");
    static final StoreOption<Boolean> CLUSTER = StoreOption.flag("cluster", "talk to a Redis Cluster")
            .withDefaultText("true with several hosts");
    static final StoreOption<Long> MAX_VALUE_SIZE = StoreOption.size("maxValueSize", "largest value accepted (Redis's own limit is 512 MB)")
            .withDefault(RedisStoreBuilder.DEFAULT_MAX_VALUE_SIZE);
    static final StoreOption<String> CA_CERT = StoreOption.string("caCert",
            "rediss: only: a PEM file of the CA certificates to trust instead of the JVM's trust store");

    @Override
    public Set<String> schemes() {
        return Set.of("redis", "rediss");
    }

    @Override
    public List<StoreOption<?>> options(String scheme) {
        return List.of(PREFIX, TIMEOUT, POOL, CLIENT_NAME, CLUSTER, MAX_VALUE_SIZE, CA_CERT);
    }

    @Override
    public Optional<String> artifact() {
        return Optional.of("org.kvcaches:kv-backend-redis");
    }

    @Override
    public KeyValueStore open(StoreUri uri) {
        return open(uri, true);
    }

    /** A cache tier opens without the round trip that proves the server answers: a chain opens while Redis is down. */
    @Override
    public KeyValueStore openCacheTier(StoreUri uri) {
        return open(uri, false);
    }

    private KeyValueStore open(StoreUri uri, boolean verify) {
        boolean cluster = uri.options().get(CLUSTER).orElse(uri.hosts().size() > 1);
        boolean tls = uri.scheme().equals("rediss");
        int database = database(uri);
        if (cluster && database != 0) {
            throw new StoreUriException("store URI '" + uri + "' names database " + database + ", but a Redis Cluster has database 0 only");
        }
        RedisStoreBuilder builder = new RedisStoreBuilder();
        try {
            uri.options().get(PREFIX).ifPresent(builder::prefix);
        } catch (IllegalArgumentException e) {
            throw new StoreUriException("option 'prefix' of store URI '" + uri + "': " + e.getMessage(), e);
        }
        uri.options().get(MAX_VALUE_SIZE).ifPresent(builder::maxValueSize);
        Duration timeout = uri.options().getOrDefault(TIMEOUT);
        int pool = uri.options().getOrDefault(POOL);
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .timeoutMillis((int) timeout.toMillis())
                .database(database)
                .ssl(tls);
        if (tls) {
            config.sslParameters(RedisTls.verifyingHostName());
            uri.options().get(CA_CERT).ifPresent(pem -> config.sslSocketFactory(
                    RedisTls.trusting(Path.of(pem), "option 'caCert' of store URI '" + uri + "'")));
        } else if (uri.options().get(CA_CERT).isPresent()) {
            throw new StoreUriException("option 'caCert' of store URI '" + uri + "' applies to rediss: (TLS) only");
        }
        uri.user().filter(u -> !u.isEmpty()).ifPresent(config::user);
        uri.password().ifPresent(config::password);
        uri.options().get(CLIENT_NAME).ifPresent(config::clientName);
        JedisClientConfig clientConfig = config.build();
        Set<HostAndPort> nodes = new LinkedHashSet<>();
        if (uri.hosts().isEmpty()) {
            nodes.add(new HostAndPort("localhost", 6379));
        }
        for (StoreUri.Host host : uri.hosts()) {
            nodes.add(new HostAndPort(host.name(), host.port() < 0 ? 6379 : host.port()));
        }
        String server = String.join(",", nodes.stream().map(HostAndPort::toString).toList());
        HostAndPort first = nodes.iterator().next();
        BoundedConnectionProvider connections = cluster ? null : new BoundedConnectionProvider(first, clientConfig, pool, timeout);
        UnifiedJedis client = null;
        try {
            if (connections != null && verify) {
                // Connect once up front: Jedis's client constructor borrows a connection to learn the
                // protocol and ignores a failure, so a dead server would otherwise cost two timeouts.
                connections.getConnection().close();
            }
            client = cluster
                    ? RedisClusterClient.builder().nodes(nodes).clientConfig(clientConfig).poolConfig(clusterPool(pool, timeout)).build()
                    : RedisClient.builder().hostAndPort(first).clientConfig(clientConfig).connectionProvider(connections).build();
            return builder.client(client, cluster).closeClient(true).connections(connections).description(uri.toString(), server)
                    .changeAnnouncements(first, clientConfig, database)
                    .verifyConnection(verify)
                    .build();
        } catch (KvException | JedisException e) {
            if (client == null && connections != null) {
                connections.close();
            }
            throw openFailure(uri, server, first, clientConfig, cluster, tls, timeout, e);
        }
    }

    /** Per-node pools of a cluster client: the wait for a connection is bounded by the timeout too. */
    private static ConnectionPoolConfig clusterPool(int pool, Duration timeout) {
        ConnectionPoolConfig config = new ConnectionPoolConfig();
        config.setMaxTotal(pool);
        config.setMaxIdle(pool);
        config.setMaxWait(timeout);
        config.setJmxEnabled(false);
        return config;
    }
    /**
     * Turns a failed open into a message that says what is wrong. Connection failures that are not
     * timeouts are checked against the usual mistakes (TLS on one side only; cluster=true on a
     * standalone server) with one quick probe each; a timeout is not probed, so a dead server costs
     * one timeout.
     */
    private static KvException openFailure(StoreUri uri, String server, HostAndPort first, JedisClientConfig config,
                                           boolean cluster, boolean tls, Duration timeout, RuntimeException e) {
        String prefix = "cannot open Redis store " + uri + ": ";
        JedisConnectionException connection = cause(e, JedisConnectionException.class);
        boolean timedOut = cause(e, SocketTimeoutException.class) != null;
        boolean untrusted = RedisTls.untrusted(e);
        if (tls && connection != null && !untrusted && RedisTls.speaksPlainRedis(first, timeout.compareTo(PROBE) < 0 ? timeout : PROBE)) {
            return new KvException(prefix + "the server at " + first + " answers plain Redis, not TLS; use redis: instead of rediss:,"
                    + " or the port where the server listens for TLS (its tls-port)", e);
        }
        if (!tls && connection != null && !timedOut && RedisTls.speaksTls(first, timeout)) {
            return new KvException(prefix + "the server at " + first + " speaks TLS; use rediss: instead of redis:"
                    + " (with option caCert=<PEM file> if a private CA signed its certificate)", e);
        }
        if (cluster && !timedOut && !clusterEnabled(first, config)) {
            return new KvException(prefix + "cluster=true, but the server at " + first + " is a standalone server (cluster support"
                    + " disabled); remove cluster=true (several hosts imply it) or give the addresses of cluster nodes", e);
        }
        if (e instanceof KvException) {
            return (KvException) e;
        }
        if (connection != null) {
            return new KvException(prefix + RedisStore.unreachable(connection, server), e);
        }
        return new KvException(prefix + "Redis at " + server + " failed (" + StoreUri.redact(String.valueOf(e.getMessage()))
                + "); check that the server runs and the address and port are right", e);
    }

    /** @return false only when the node answers and says cluster support is disabled */
    private static boolean clusterEnabled(HostAndPort node, JedisClientConfig config) {
        try (Jedis jedis = new Jedis(node, config)) {
            return !jedis.info("cluster").contains("cluster_enabled:0");
        } catch (JedisException e) {
            return true;
        }
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (type.isInstance(suppressed)) {
                    return type.cast(suppressed);
                }
            }
        }
        return null;
    }

    private static int database(StoreUri uri) {
        String path = uri.path();
        if (path.isEmpty() || path.equals("/")) {
            return 0;
        }
        try {
            int database = Integer.parseInt(path.substring(1));
            if (database < 0 || !path.startsWith("/")) {
                throw new NumberFormatException(path);
            }
            return database;
        } catch (NumberFormatException e) {
            throw new StoreUriException("store URI '" + uri + "' has path '" + path + "'; a Redis URI's path is the database number, e.g. /0");
        }
    }
}
