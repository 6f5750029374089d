package org.kvcaches.redis;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisSocketFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.providers.ConnectionProvider;

/**
 * The connections of a standalone store: at most {@code size} open at once, idle ones reused most
 * recently returned first, and a caller waits at most {@code maxWait} for one to come back.
 *
 * <p>Why not Jedis's default commons-pool2 pool: at 8 threads about a third of the samples were in
 * it (a lock around its idle deque, timestamps on every borrow and return, a map lookup to find the
 * pooled wrapper) and its default wait is unbounded. Here a borrow is one semaphore permit and one
 * lock-free deque poll, a return one offer and one release. What is left out: no idle validation
 * and no eviction thread, so a connection the server closed while idle fails the one call that
 * uses it (it is then dropped, and the next call connects afresh), and idle connections stay open
 * until the store is closed, at most {@code size} of them.
 */
final class BoundedConnectionProvider implements ConnectionProvider {
    private final HostAndPort server;
    private final JedisClientConfig config;
    private final int size;
    private final long maxWaitNanos;
    private final Semaphore permits;
    private final ConcurrentLinkedDeque<PooledConnection> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    BoundedConnectionProvider(HostAndPort server, JedisClientConfig config, int size, Duration maxWait) {
        this.server = server;
        this.config = config;
        this.size = size;
        this.maxWaitNanos = maxWait.toNanos();
        this.permits = new Semaphore(size);
    }

    /** Thrown when every connection stayed busy for the whole wait. */
    static final class PoolWaitTimeoutException extends JedisConnectionException {
        private static final long serialVersionUID = 1L;

        PoolWaitTimeoutException(String message) {
            super(message);
        }
    }

    @Override
    public Connection getConnection() {
        if (!permits.tryAcquire()) {
            try {
                if (!permits.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS)) {
                    throw new PoolWaitTimeoutException("all " + size + " connections stayed busy for "
                            + Duration.ofNanos(maxWaitNanos).toMillis() + " ms");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JedisConnectionException("interrupted while waiting for a connection", e);
            }
        }
        if (closed) {
            permits.release();
            throw new JedisConnectionException("the store is closed");
        }
        PooledConnection connection = idle.pollFirst();
        if (connection == null) {
            try {
                connection = new PooledConnection(this);
            } catch (RuntimeException e) {
                permits.release();
                throw e;
            }
        }
        connection.borrowed = true;
        return connection;
    }

    /**
     * @return an idle connection, borrowed as from {@link #getConnection()}, or null when none is idle
     *     or no permit is free at once: for a call bounded by a deadline, which can neither wait for
     *     the pool nor connect inline
     */
    Connection idleConnection() {
        if (!permits.tryAcquire()) {
            return null;
        }
        PooledConnection connection = closed ? null : idle.pollFirst();
        if (connection == null) {
            permits.release();
            return null;
        }
        connection.borrowed = true;
        return connection;
    }

    @Override
    public Connection getConnection(CommandArguments args) {
        return getConnection();
    }

    private void giveBack(PooledConnection connection) {
        if (!connection.borrowed) {
            return;
        }
        connection.borrowed = false;
        if (connection.isBroken() || closed) {
            connection.disconnect();
        } else {
            idle.offerFirst(connection);
        }
        permits.release();
        if (closed) {
            disconnectIdle();
        }
    }

    private void disconnectIdle() {
        PooledConnection connection;
        while ((connection = idle.pollFirst()) != null) {
            connection.disconnect();
        }
    }

    @Override
    public void close() {
        closed = true;
        disconnectIdle();
    }

    /**
     * Completes the TLS handshake while connecting. Left to the first command, a handshake that
     * times out (a plain server, or a black hole) was retried by the protocol handshake and cost
     * two timeouts instead of one.
     */
    private static final class HandshakingSocketFactory extends DefaultJedisSocketFactory {
        HandshakingSocketFactory(HostAndPort server, JedisClientConfig config) {
            super(server, config);
        }

        @Override
        public Socket createSocket() {
            Socket socket = super.createSocket();
            if (socket instanceof SSLSocket) {
                try {
                    ((SSLSocket) socket).startHandshake();
                } catch (IOException e) {
                    try {
                        socket.close();
                    } catch (IOException closing) {
                        e.addSuppressed(closing);
                    }
                    throw new JedisConnectionException("TLS handshake with " + getHostAndPort() + " failed", e);
                }
            }
            return socket;
        }
    }

    /** A connection that goes back to its pool when closed (Jedis closes it after every command). */
    private static final class PooledConnection extends Connection {
        private final BoundedConnectionProvider pool;
        /** Set and cleared by the borrowing thread; makes a second close harmless. */
        private boolean borrowed;

        PooledConnection(BoundedConnectionProvider pool) {
            super(new HandshakingSocketFactory(pool.server, pool.config), pool.config);
            this.pool = pool;
        }

        @Override
        public void close() {
            pool.giveBack(this);
        }
    }
}
