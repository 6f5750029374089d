package org.kvcaches.testservers;

import java.util.ArrayList;
import java.util.List;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.api.spi.StoreUri;
import org.kvcaches.tck.StoreFixture;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Hands the TCK Redis stores: each test gets a fresh key prefix, or an emptied database when it runs
 * without a prefix. After each test it checks that no temp or snapshot key of a streamed write or
 * read is left.
 */
public final class RedisFixture implements StoreFixture {
    private final String baseUri;
    private final String baseOptions;
    private final JedisClientConfig admin;
    private final int database;
    private final boolean prefixed;
    private final List<HostAndPort> nodes = new ArrayList<>();
    private int count;

    /**
     * @param baseUri {@code redis://host:port} or {@code rediss://host:port}, with options after {@code ?}
     *     (for example {@code cluster=true} or {@code caCert=...}) but no database
     * @param database the database for standalone servers
     * @param prefixed whether each test gets its own key prefix (otherwise the database is flushed)
     */
    public RedisFixture(String baseUri, int database, boolean prefixed) {
        int query = baseUri.indexOf('?');
        this.baseUri = query < 0 ? baseUri : baseUri.substring(0, query);
        this.baseOptions = query < 0 ? "" : baseUri.substring(query + 1);
        this.admin = RedisTestServers.adminConfig(baseUri);
        this.database = database;
        this.prefixed = prefixed;
        StoreUri parsed = StoreUri.parse(baseUri);
        parsed.hosts().forEach(h -> nodes.add(new HostAndPort(h.name(), h.port() < 0 ? 6379 : h.port())));
        flush();
    }

    private boolean cluster() {
        return baseOptions.contains("cluster=true");
    }

    private String uri(String options) {
        String base = cluster() ? baseUri : baseUri + "/" + database;
        String all = baseOptions.isEmpty() || options.isEmpty() ? baseOptions + options : baseOptions + "&" + options;
        return all.isEmpty() ? base : base + "?" + all;
    }

    @Override
    public KeyValueStore newStore() {
        count++;
        return KeyValueStores.open(uri(prefixed ? "prefix=tck" + count + ":" : ""));
    }

    @Override
    public void cleanUp(KeyValueStore store) {
        if (!prefixed) {
            flush();
        }
    }

    private void flush() {
        for (HostAndPort node : nodes) {
            try (Jedis jedis = new Jedis(node, admin)) {
                if (!cluster()) {
                    jedis.select(database);
                    jedis.flushDB();
                } else if (jedis.info("replication").contains("role:master")) {
                    jedis.flushAll();
                }
            }
        }
    }

    @Override
    public List<String> leftovers() {
        List<String> left = new ArrayList<>();
        for (HostAndPort node : nodes) {
            try (Jedis jedis = new Jedis(node, admin)) {
                if (!cluster()) {
                    jedis.select(database);
                }
                String cursor = ScanParams.SCAN_POINTER_START;
                do {
                    ScanResult<String> page = jedis.scan(cursor, new ScanParams().match("* kv *").count(1000));
                    page.getResult().forEach(k -> left.add("temp key left on " + node + ": " + k));
                    cursor = page.getCursor();
                } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            }
        }
        return left;
    }

    @Override
    public String toString() {
        return uri(prefixed ? "prefix=tck<N>:" : "");
    }
}
