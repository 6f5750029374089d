package org.kvcaches.redis;

import java.time.Duration;
import java.util.Objects;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.Keys;
import org.kvcaches.api.KvException;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.UnifiedJedis;

/**
 * Builds a Redis store over a Jedis client the caller already has ({@code RedisClient},
 * {@code RedisClusterClient} or any {@link UnifiedJedis}). Most users open stores by URI instead:
 * {@code KeyValueStores.open("redis://host:6379/0?prefix=app:")}.
 *
 * <pre>{@code
 * KeyValueStore store = new RedisStoreBuilder().client(myRedisClient, false).prefix("app:").build();
 * }</pre>
 *
 * By default closing the store leaves the caller's client open.
 */
public final class RedisStoreBuilder {
    /** Redis's own limit on a value, and the default. */
    static final long DEFAULT_MAX_VALUE_SIZE = 512L << 20;

    private UnifiedJedis client;
    private boolean cluster;
    private boolean closeClient;
    private String prefix = "";
    private long maxValueSize = DEFAULT_MAX_VALUE_SIZE;
    private String description;
    private String server = "the configured Redis server";
    private HostAndPort announceEndpoint;
    private JedisClientConfig announceConfig;
    private int announceDatabase;
    private boolean verifyConnection = true;
    private BoundedConnectionProvider connections;

    /**
     * @param client the Jedis client to use
     * @param cluster whether it talks to a Redis Cluster (multi-key commands are then split by slot)
     * @return this builder
     */
    public RedisStoreBuilder client(UnifiedJedis client, boolean cluster) {
        this.client = Objects.requireNonNull(client, "client");
        this.cluster = cluster;
        return this;
    }

    /**
     * @param close whether closing the store closes the client too (default {@code false})
     * @return this builder
     */
    public RedisStoreBuilder closeClient(boolean close) {
        this.closeClient = close;
        return this;
    }

    /**
     * @param prefix prepended to every key in Redis, so that many stores share one database; printable ASCII
     * @return this builder
     */
    public RedisStoreBuilder prefix(String prefix) {
        Keys.requireValidPrefix(Objects.requireNonNull(prefix, "prefix"));
        this.prefix = prefix;
        return this;
    }

    /**
     * @param bytes the largest value the store accepts (default and Redis's own limit: 512 MiB)
     * @return this builder
     */
    public RedisStoreBuilder maxValueSize(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("maxValueSize must be positive, got " + bytes);
        }
        this.maxValueSize = bytes;
        return this;
    }

    /**
     * Makes the store carry change announcements (Redis pub/sub on a channel of its namespace), so
     * that a tier chain with a process-private cache above it keeps every process's private tier
     * coherent. Stores opened by URI always do; a store built over a caller's client needs the
     * server's address and client configuration for the listening connection.
     *
     * @param endpoint a server of the client (for a cluster, any node)
     * @param config the client configuration (credentials, TLS, timeouts); its socket timeout is the
     *     time after which a silent link is distrusted
     * @param database the database the client uses (pub/sub channels ignore databases, so it is
     *     part of the channel name)
     * @return this builder
     */
    public RedisStoreBuilder changeAnnouncements(HostAndPort endpoint, JedisClientConfig config, int database) {
        this.announceEndpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.announceConfig = Objects.requireNonNull(config, "config");
        this.announceDatabase = database;
        return this;
    }

    /**
     * @param verify whether {@link #build()} proves that the server answers (default {@code true});
     *     without, a store opens while its server is down and its calls fail until it is back
     * @return this builder
     */
    public RedisStoreBuilder verifyConnection(boolean verify) {
        this.verifyConnection = verify;
        return this;
    }

    /** The pool of the client this builder was given, which the store may borrow from for reads bounded by a deadline. */
    RedisStoreBuilder connections(BoundedConnectionProvider pool) {
        this.connections = pool;
        return this;
    }

    RedisStoreBuilder description(String description, String server) {
        this.description = description;
        this.server = server;
        return this;
    }

    /**
     * Builds the store and checks that the server answers.
     *
     * @return the store
     * @throws KvException when the server cannot be reached or refuses the credentials
     */
    public KeyValueStore build() {
        if (client == null) {
            throw new IllegalStateException("call client(...) before build()");
        }
        String shown = description != null ? description : "redis store" + (prefix.isEmpty() ? "" : " with prefix '" + prefix + "'");
        RedisStore store = new RedisStore(shown, server, client, closeClient, cluster, prefix, maxValueSize, connections);
        if (verifyConnection) {
            try {
                store.contains("kv-connection-check");
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
        }
        if (announceEndpoint == null) {
            return store;
        }
        Duration linkTimeout = Duration.ofMillis(Math.max(200, announceConfig.getSocketTimeoutMillis()));
        return new AnnouncingRedisStore(store, new RedisChangeNotifier(client, announceEndpoint, announceConfig, announceDatabase,
                prefix, linkTimeout));
    }
}
