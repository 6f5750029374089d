package org.kvcaches.redis;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.kvcaches.api.KvException;
import org.kvcaches.api.spi.ChangeNotifier;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.UnifiedJedis;

/**
 * Change announcements over Redis pub/sub, one channel per namespace ({@code kv:changes:<db>:<prefix>};
 * pub/sub ignores databases, so the database is in the name). An announcement is one PUBLISH of
 * {@code <origin> <epoch millis>} followed by one key per line; a listener skips its own origin.
 *
 * <p>A listener has a connection of its own. Since a subscribed connection is silent while nobody
 * writes, a watchdog pings it every quarter of the link timeout and closes it when nothing (a
 * message, a subscription, a pong) has been heard for a whole link timeout, so that a black-holed
 * link is noticed within about that time; the listener is then told {@code linkLost} and the
 * connection is made again with back-off.
 */
final class RedisChangeNotifier implements ChangeNotifier {
    private static final System.Logger LOG = System.getLogger(RedisChangeNotifier.class.getName());
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(1);

    private final UnifiedJedis publisher;
    private final HostAndPort endpoint;
    private final JedisClientConfig config;
    private final String channel;
    private final Duration linkTimeout;
    private final String origin = HexFormat.of().formatHex(new SecureRandom().generateSeed(8));

    /**
     * @param publisher the store's client, for PUBLISH
     * @param endpoint the server (for a cluster, any node: PUBLISH reaches every node)
     * @param config the store's client configuration (credentials, TLS, database, timeouts)
     * @param database the database the store uses
     * @param prefix the store's key prefix
     * @param linkTimeout how long a silent link is trusted
     */
    RedisChangeNotifier(UnifiedJedis publisher, HostAndPort endpoint, JedisClientConfig config, int database, String prefix,
                        Duration linkTimeout) {
        this.publisher = publisher;
        this.endpoint = endpoint;
        this.config = resp2(config);
        this.channel = "kv:changes:" + database + ":" + prefix;
        this.linkTimeout = linkTimeout;
    }

    /**
     * The listening connection speaks RESP2: Jedis's subscriber loop reads a PING's answer in
     * subscribed mode as a push message, which only RESP2 sends (RESP3 answers a plain PONG).
     */
    private static JedisClientConfig resp2(JedisClientConfig c) {
        DefaultJedisClientConfig.Builder b = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(c.getConnectionTimeoutMillis())
                .socketTimeoutMillis(c.getSocketTimeoutMillis())
                .database(c.getDatabase())
                .clientName(c.getClientName())
                .ssl(c.isSsl())
                .sslSocketFactory(c.getSslSocketFactory())
                .sslParameters(c.getSslParameters())
                .sslOptions(c.getSslOptions())
                .hostnameVerifier(c.getHostnameVerifier())
                .protocol(RedisProtocol.RESP2);
        if (c.getCredentialsProvider() != null) {
            b.credentialsProvider(c.getCredentialsProvider());
        } else {
            b.user(c.getUser()).password(c.getPassword());
        }
        return b.build();
    }

    /** @return the channel, for tests that count announcements on the server */
    String channel() {
        return channel;
    }

    @Override
    public void announce(Collection<String> keys) {
        StringBuilder message = new StringBuilder(origin).append(' ').append(System.currentTimeMillis());
        keys.forEach(key -> message.append('\n').append(key));
        try {
            publisher.publish(channel, message.toString());
        } catch (RuntimeException e) {
            throw new KvException("cannot announce a change of " + keys.size() + " key(s) on Redis at " + endpoint + ": " + e.getMessage(), e);
        }
    }

    @Override
    public AutoCloseable listen(Listener listener) {
        Listening listening = new Listening(listener);
        listening.start();
        return listening;
    }

    /** One listener's thread, connection and watchdog. */
    private final class Listening implements AutoCloseable {
        private final Listener listener;
        private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kv-redis-changes-watchdog " + channel);
            t.setDaemon(true);
            return t;
        });
        private final Thread reader;
        private final AtomicReference<Connection> connection = new AtomicReference<>();
        private volatile JedisPubSub subscription;
        private volatile long lastHeardNanos = System.nanoTime();
        private volatile boolean closed;
        private ScheduledFuture<?> pings;

        Listening(Listener listener) {
            this.listener = listener;
            this.reader = new Thread(this::run, "kv-redis-changes " + channel);
            reader.setDaemon(true);
        }

        void start() {
            long period = Math.max(10, linkTimeout.toMillis() / 4);
            pings = watchdog.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
            reader.start();
        }

        private void heard() {
            lastHeardNanos = System.nanoTime();
        }

        /** Pings a subscribed link, and cuts one that has been silent for a whole link timeout. */
        private void check() {
            JedisPubSub current = subscription;
            if (current == null) {
                return;
            }
            if (System.nanoTime() - lastHeardNanos > linkTimeout.toNanos()) {
                Connection c = connection.get();
                if (c != null) {
                    c.disconnect();
                }
                return;
            }
            try {
                current.ping();
            } catch (RuntimeException e) {
                // Not subscribed (any more): the reader thread sees the failure and reconnects.
            }
        }

        private void run() {
            long backoffMillis = 50;
            while (!closed) {
                Exception cause = null;
                try (Connection c = new Connection(endpoint, config)) {
                    connection.set(c);
                    if (closed) {
                        break;
                    }
                    JedisPubSub pubSub = new JedisPubSub() {
                        @Override
                        public void onSubscribe(String ch, int count) {
                            heard();
                            subscription = this;
                            listener.linkUp();
                        }

                        @Override
                        public void onMessage(String ch, String message) {
                            heard();
                            deliver(message);
                        }

                        @Override
                        public void onPong(String pattern) {
                            heard();
                        }
                    };
                    heard();
                    pubSub.proceed(c, channel);
                    backoffMillis = 50;
                } catch (RuntimeException e) {
                    cause = e;
                } finally {
                    subscription = null;
                    connection.set(null);
                }
                if (closed) {
                    break;
                }
                listener.linkLost(cause != null ? cause : new KvException("the subscription to " + channel + " ended"));
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException e) {
                    break;
                }
                backoffMillis = Math.min(MAX_BACKOFF.toMillis(), backoffMillis * 2);
            }
        }

        private void deliver(String message) {
            int firstLine = message.indexOf('\n');
            String header = firstLine < 0 ? message : message.substring(0, firstLine);
            int space = header.indexOf(' ');
            if (space < 0 || header.substring(0, space).equals(origin) || firstLine < 0) {
                return;
            }
            long sentAt;
            try {
                sentAt = Long.parseLong(header.substring(space + 1));
            } catch (NumberFormatException e) {
                LOG.log(System.Logger.Level.WARNING, "ignoring a malformed change announcement on " + channel);
                return;
            }
            for (String key : message.substring(firstLine + 1).split("\n")) {
                if (!key.isEmpty()) {
                    listener.changed(key, sentAt);
                }
            }
        }

        @Override
        public void close() {
            closed = true;
            pings.cancel(false);
            watchdog.shutdownNow();
            JedisPubSub current = subscription;
            if (current != null) {
                try {
                    current.unsubscribe();
                } catch (RuntimeException e) {
                    // Closing the connection below ends the subscription anyway.
                }
            }
            Connection c = connection.get();
            if (c != null) {
                c.disconnect();
            }
            reader.interrupt();
        }
    }
}
