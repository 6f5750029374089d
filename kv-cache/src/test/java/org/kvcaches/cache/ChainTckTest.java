package org.kvcaches.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;
import org.kvcaches.redis.RedisFixture;
import org.kvcaches.redis.RedisTestServers;
import org.kvcaches.tck.KeyValueStoreContract;
import org.kvcaches.tck.StoreFixture;

/** The whole contract on cache chains, each opened from its chain URI. */
class ChainTckTest {

    /** The heap store on its own. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Heap implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return () -> KeyValueStores.open("heap://?maxBytes=1GiB");
        }
    }

    /** mem | mem. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class MemOverMem implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return new StoreFixture() {
                @Override
                public KeyValueStore newStore() {
                    return KeyValueStores.open("mem: | mem:");
                }

                @Override
                public String toString() {
                    return "mem: | mem:";
                }
            };
        }
    }

    /** heap | file. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class HeapOverFile implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            return new StoreFixture() {
                private final Path base = temp();
                private int count;

                @Override
                public KeyValueStore newStore() {
                    return KeyValueStores.open("heap://?maxBytes=256MiB | " + base.resolve("s" + (++count)).toUri());
                }

                @Override
                public void close() {
                    delete(base);
                }

                @Override
                public String toString() {
                    return "heap | file";
                }
            };
        }
    }

    /** heap | redis (prefixed namespaces). */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class HeapOverRedis implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            RedisFixture redis = new RedisFixture(RedisTestServers.standaloneUri(), 4, true);
            return new StoreFixture() {
                @Override
                public KeyValueStore newStore() {
                    KeyValueStore below = redis.newStore();
                    return CacheDecorator.builder(KeyValueStores.open("heap://?maxBytes=256MiB"), below).build();
                }

                @Override
                public java.util.List<String> leftovers() {
                    return redis.leftovers();
                }

                @Override
                public String toString() {
                    return "heap | redis";
                }
            };
        }
    }

    /** redis | file: the cache tier is a shared Redis, so fills go through leases. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class RedisOverFile implements KeyValueStoreContract {
        @Override
        public StoreFixture fixture() {
            RedisFixture redis = new RedisFixture(RedisTestServers.standaloneUri(), 5, true);
            return new StoreFixture() {
                private final Path base = temp();
                private int count;

                @Override
                public KeyValueStore newStore() {
                    return CacheDecorator.builder(redis.newStore(), KeyValueStores.open(base.resolve("s" + (++count)).toUri().toString()))
                            .build();
                }

                @Override
                public void close() {
                    delete(base);
                }

                @Override
                public String toString() {
                    return "redis | file";
                }
            };
        }
    }

    static Path temp() {
        try {
            return Files.createTempDirectory("kv-chain");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path base) {
        try (Stream<Path> files = Files.walk(base)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
