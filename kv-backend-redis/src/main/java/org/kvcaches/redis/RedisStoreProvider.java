package org.kvcaches.redis;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.StoreUriException;
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
 * only). Options: {@code prefix} (namespace of the store's keys), {@code timeout} (connect and read,
 * default 2s), {@code pool} (most connections, default 16), {@code clientName}, {@code cluster},
 * {@code maxValueSize} (default 512MiB, Redis's own limit).
 */
public final class RedisStoreProvider implements StoreProvider {

    @Override
    public Set<String> schemes() {
        return Set.of("redis", "rediss");
    }

    @Override
    public Set<String> options(String scheme) {
        return Set.of("prefix", "timeout", "pool", "clientName", "cluster", "maxValueSize");
    }

    @Override
    public KeyValueStore open(StoreUri uri) {
        boolean cluster = uri.options().flag("cluster", uri.hosts().size() > 1);
        int database = database(uri);
        if (cluster && database != 0) {
            throw new StoreUriException("store URI '" + uri + "' names database " + database + ", but a Redis Cluster has database 0 only");
        }
        Duration timeout = uri.options().duration("timeout", Duration.ofSeconds(2));
        int pool = uri.options().integer("pool", 16);
        if (pool < 1) {
            throw new StoreUriException("option 'pool' of store URI '" + uri + "' must be at least 1");
        }
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .timeoutMillis((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .database(database)
                .ssl(uri.scheme().equals("rediss"));
        uri.user().filter(u -> !u.isEmpty()).ifPresent(config::user);
        uri.password().ifPresent(config::password);
        uri.options().string("clientName").ifPresent(config::clientName);
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
        return new RedisStoreBuilder()
                .client(client, cluster)
                .closeClient(true)
                .prefix(uri.options().string("prefix", ""))
                .maxValueSize(uri.options().size("maxValueSize", 512L << 20))
                .description(uri.toString(), server)
                .changeAnnouncements(nodes.iterator().next(), clientConfig, database)
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
