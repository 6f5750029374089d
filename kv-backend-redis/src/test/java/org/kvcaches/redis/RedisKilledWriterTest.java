package org.kvcaches.redis;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.tck.fault.KilledWriterContract;
import org.kvcaches.tck.fault.KilledWriterFixture;
import org.kvcaches.testservers.RedisTestServers;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * A writer JVM killed mid-put on a standalone Redis, each test under its own key prefix. The killed
 * writer's temporary upload key is crash debris: it must expire by itself (a leftover otherwise);
 * {@link #cleanUp} deletes it.
 */
class RedisKilledWriterTest implements KilledWriterContract {
    private static final int DATABASE = 3;

    @Override
    public KilledWriterFixture fixture() {
        return new Prefixes(RedisTestServers.standaloneUri());
    }

    private static final class Prefixes implements KilledWriterFixture {
        private final String server;
        private final Map<KeyValueStore, String> uris = new IdentityHashMap<>();
        private final List<String> leftovers = new ArrayList<>();
        private int count;

        Prefixes(String server) {
            this.server = server;
        }

        @Override
        public KeyValueStore newStore() {
            String uri = server + "/" + DATABASE + "?prefix=killed" + (++count) + ":";
            KeyValueStore store = KeyValueStores.open(uri);
            uris.put(store, uri);
            return store;
        }

        @Override
        public String uri(KeyValueStore store) {
            return uris.get(store);
        }

        /** Deletes the temporary keys a crash left, noting those that would never expire. */
        @Override
        public void cleanUp(KeyValueStore store) {
            uris.remove(store);
            leftovers.clear();
            try (Jedis jedis = jedis()) {
                String cursor = ScanParams.SCAN_POINTER_START;
                do {
                    ScanResult<String> page = jedis.scan(cursor, new ScanParams().match("* kv *").count(1000));
                    for (String key : page.getResult()) {
                        if (jedis.pttl(key) < 0) {
                            leftovers.add("temporary key without expiry: " + key);
                        }
                        jedis.del(key);
                    }
                    cursor = page.getCursor();
                } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            }
        }

        @Override
        public List<String> leftovers() {
            return List.copyOf(leftovers);
        }

        private Jedis jedis() {
            String hostPort = server.substring("redis://".length());
            int colon = hostPort.lastIndexOf(':');
            Jedis jedis = new Jedis(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
            jedis.select(DATABASE);
            return jedis;
        }

        @Override
        public String toString() {
            return server + "/" + DATABASE + "?prefix=killed<N>:";
        }
    }
}
