package org.kvcaches.redis;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.StoreUriException;
import org.kvcaches.api.spi.StoreOption;
import org.kvcaches.api.spi.StoreProvider;
import org.kvcaches.api.spi.StoreUri;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * Serves {@code redis:} and {@code rediss:} (TLS).
 *
 * <p>{@code redis://[user:password@]host[:port][/db][?options]} opens a standalone server (port 6379,
 * database 0 by default). {@code redis://host1:7000,host2:7001,host3:7002?cluster=true} opens a Redis
 * Cluster from its seed nodes (several hosts imply {@code cluster=true}; a cluster has database 0
 * only). Options: see {@link #options(String)}.
 */
public final class RedisStoreProvider implements StoreProvider {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    static final int DEFAULT_POOL = 16;

    static final StoreOption<String> PREFIX = StoreOption.string("prefix",
            "namespace: prepended to every key, so many stores share one database");
    /** At most 24 days: Jedis takes the timeout as an int of milliseconds. */
    static final StoreOption<Duration> TIMEOUT = StoreOption.duration("timeout", "connect and read timeout")
            .range(Duration.ofMillis(1), Duration.ofDays(24)).withDefault(DEFAULT_TIMEOUT);
    static final StoreOption<Integer> POOL = StoreOption.integer("pool", 1, 10_000,
            "most pooled connections (per node on a cluster)").withDefault(DEFAULT_POOL);
    static final StoreOption<String> CLIENT_NAME = StoreOption.string("clientName", "CLIENT SETNAME of the connections");
    static final StoreOption<Boolean> CLUSTER = StoreOption.flag("cluster", "talk to a Redis Cluster")
            .withDefaultText("true with several hosts");
    static final StoreOption<Long> MAX_VALUE_SIZE = StoreOption.size("maxValueSize", "largest value accepted (Redis's own limit is 512 MB)")
            .withDefault(RedisStoreBuilder.DEFAULT_MAX_VALUE_SIZE);

    @Override
    public Set<String> schemes() {
        return Set.of("redis", "rediss");
    }

    @Override
    public List<StoreOption<?>> options(String scheme) {
        return List.of(PREFIX, TIMEOUT, POOL, CLIENT_NAME, CLUSTER, MAX_VALUE_SIZE);
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
                .ssl(uri.scheme().equals("rediss"));
        uri.user().filter(u -> !u.isEmpty()).ifPresent(config::user);
        uri.password().ifPresent(config::password);
        uri.options().get(CLIENT_NAME).ifPresent(config::clientName);
        JedisClientConfig clientConfig = config.build();
        ConnectionPoolConfig poolConfig = new ConnectionPoolConfig();
        poolConfig.setMaxTotal(pool);
        poolConfig.setMaxIdle(pool);
        Set<HostAndPort> nodes = new LinkedHashSet<>();
        if (uri.hosts().isEmpty()) {
            nodes.add(new HostAndPort("localhost", 6379));
        }
        for (StoreUri.Host host : uri.hosts()) {
            nodes.add(new HostAndPort(host.name(), host.port() < 0 ? 6379 : host.port()));
        }
        String server = String.join(",", nodes.stream().map(HostAndPort::toString).toList());
        UnifiedJedis client;
        try {
            client = cluster
                    ? RedisClusterClient.builder().nodes(nodes).clientConfig(clientConfig).poolConfig(poolConfig).build()
                    : RedisClient.builder().hostAndPort(nodes.iterator().next()).clientConfig(clientConfig).poolConfig(poolConfig).build();
        } catch (RuntimeException e) {
            throw new org.kvcaches.api.KvException("cannot open Redis store " + uri + ": cannot reach Redis at " + server
                    + " (" + StoreUri.redact(String.valueOf(e.getMessage())) + "); check that the server runs and the address is right", e);
        }
        return builder.client(client, cluster).closeClient(true).description(uri.toString(), server)
                .changeAnnouncements(nodes.iterator().next(), clientConfig, database)
                .verifyConnection(verify)
                .build();
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
