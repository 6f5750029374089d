package org.kvcaches.tck.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A TCP proxy on a free loopback port in front of one target (a Redis server, an S3 endpoint), whose
 * network a test can break and repair while clients use it: pass through, add latency to every chunk,
 * black-hole, reset, heal.
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", redisPort))) {
 *     KeyValueStore cache = KeyValueStores.open("redis://127.0.0.1:" + proxy.port() + "/0?timeout=200ms");
 *     cache.put("k", value);          // passes through
 *     proxy.blackHole();              // a partition: calls time out, nothing reaches Redis
 *     ...
 *     proxy.reset();                  // every connection gets an RST, new ones too
 *     ...
 *     proxy.heal();                   // back to normal; clients reconnect
 * }
 * }</pre>
 *
 * <p>Faults act on connections that are already open and on new ones alike:
 * <ul>
 *   <li>{@linkplain #latency(Duration) latency} delays each chunk (what one {@code read} returned,
 *       at most 16 KiB) by the same amount, in both directions, so a request-reply round trip costs
 *       at least twice the latency;</li>
 *   <li>{@linkplain #blackHole() black hole} accepts connections and holds them: no byte, no FIN and
 *       no new connection reaches the other side, in either direction, and this proxy stops reading,
 *       so senders block once their socket buffers fill, as in a partition. What was sent meanwhile
 *       is delivered after {@link #heal()}, as TCP retransmission would after a partition heals
 *       (unless the client gave up and closed the connection first);</li>
 *   <li>{@linkplain #reset() reset} closes every connection with an RST (linger 0) on both sides and
 *       answers every new connection with an RST, until {@link #heal()};
 *       {@link #dropConnections()} sends the RSTs once and keeps accepting.</li>
 * </ul>
 *
 * <p>Each connection uses two threads, which block on their sockets or wait for the proxy's state to
 * change (no polling); at most {@code maxConnections} are open at once (64 by default) and further
 * ones are refused with an RST, so the proxy's threads stay bounded (an acceptor and two per open
 * connection). {@link #close()} ends them all. Safe for concurrent use.
 */
public final class FaultProxy implements AutoCloseable {
    /** What the proxy does with traffic. */
    public enum Mode {
        /** Forwards everything (after the configured latency). */
        PASS,
        /** Accepts connections and holds them: forwards nothing, in either direction. */
        BLACK_HOLE,
        /** Resets every connection, open and new. */
        RESET
    }

    /**
     * One open connection through the proxy.
     *
     * @param id the connection's number, from 1, in the order they were accepted
     * @param clientPort the client's local port, which tells whose connection it is
     * @param bytesToTarget the bytes handed on from the client to the target so far
     * @param bytesToClient the bytes handed on from the target to the client so far
     */
    public record Connection(long id, int clientPort, long bytesToTarget, long bytesToClient) {
    }

    /** Open connections beyond which new ones are refused. */
    public static final int DEFAULT_MAX_CONNECTIONS = 64;
    private static final int CHUNK = 16 << 10;
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final InetSocketAddress target;
    private final int maxConnections;
    private final ServerSocket server;
    private final Thread acceptor;

    /** Guards everything below; {@link #changed} is signalled on every change of it. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<Long, Link> links = new LinkedHashMap<>();
    private Mode mode = Mode.PASS;
    private long latencyNanos;
    private long accepted;
    private long refused;
    private boolean closed;

    private FaultProxy(InetSocketAddress target, int maxConnections) throws IOException {
        this.target = target;
        this.maxConnections = maxConnections;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.acceptor = new Thread(this::acceptLoop, "fault-proxy-" + server.getLocalPort() + "-accept");
        acceptor.setDaemon(true);
    }

    /**
     * Starts a proxy on a free loopback port, passing everything through.
     *
     * @param target where connections go
     * @return the running proxy; the caller closes it
     * @throws UncheckedIOException when no loopback port can be bound
     */
    public static FaultProxy start(InetSocketAddress target) {
        return start(target, DEFAULT_MAX_CONNECTIONS);
    }

    /**
     * Starts a proxy on a free loopback port, passing everything through.
     *
     * @param target where connections go
     * @param maxConnections the most connections open at once; more are refused with an RST
     * @return the running proxy; the caller closes it
     * @throws UncheckedIOException when no loopback port can be bound
     */
    public static FaultProxy start(InetSocketAddress target, int maxConnections) {
        Objects.requireNonNull(target, "target");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, got " + maxConnections);
        }
        try {
            FaultProxy proxy = new FaultProxy(target, maxConnections);
            proxy.acceptor.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a fault proxy to a loopback port: " + e.getMessage(), e);
        }
    }

    /** @return the port clients connect to, on {@link #host()} */
    public int port() {
        return server.getLocalPort();
    }

    /** @return {@code 127.0.0.1} (the loopback address the proxy listens on) */
    public String host() {
        return server.getInetAddress().getHostAddress();
    }

    /** @return where the proxy forwards to */
    public InetSocketAddress target() {
        return target;
    }

    /** @return what the proxy does now */
    public Mode mode() {
        lock.lock();
        try {
            return mode;
        } finally {
            lock.unlock();
        }
    }

    /** @return the delay added to each chunk */
    public Duration latency() {
        lock.lock();
        try {
            return Duration.ofNanos(latencyNanos);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Delays every chunk forwarded from now on, in both directions and on open connections too; a
     * chunk already waiting waits for the new delay counted from when it arrived.
     *
     * @param delay the delay per chunk; zero for none
     */
    public void latency(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a latency must not be negative, got " + delay);
        }
        change(() -> latencyNanos = delay.toNanos());
    }

    /** Holds every connection, open and new: nothing is forwarded until {@link #heal()}. */
    public void blackHole() {
        change(() -> mode = Mode.BLACK_HOLE);
    }

    /** Resets every open connection (RST to both ends) and every new one, until {@link #heal()}. */
    public void reset() {
        change(() -> {
            mode = Mode.RESET;
            abortAll(true);
        });
    }

    /** Resets every open connection (RST to both ends) once; new connections are accepted as usual. */
    public void dropConnections() {
        change(() -> abortAll(true));
    }

    /** Ends every fault: passes everything through without delay; held data is delivered. */
    public void heal() {
        change(() -> {
            mode = Mode.PASS;
            latencyNanos = 0;
        });
    }

    /** @return the connections open through the proxy now, oldest first */
    public List<Connection> connections() {
        lock.lock();
        try {
            List<Connection> open = new ArrayList<>();
            links.values().forEach(link -> open.add(link.snapshot()));
            return open;
        } finally {
            lock.unlock();
        }
    }

    /** @return how many connections are open through the proxy now */
    public int openConnections() {
        lock.lock();
        try {
            return links.size();
        } finally {
            lock.unlock();
        }
    }

    /** @return how many connections the proxy has accepted since it started (refused ones not counted) */
    public long acceptedConnections() {
        lock.lock();
        try {
            return accepted;
        } finally {
            lock.unlock();
        }
    }

    /** @return how many connections the proxy refused with an RST (in {@link Mode#RESET} or over the limit) */
    public long refusedConnections() {
        lock.lock();
        try {
            return refused;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until exactly {@code count} connections are open (connections close asynchronously, after
     * both of their directions ended).
     *
     * @param count the number of open connections to wait for
     * @param timeout the longest wait
     * @return whether the count was reached
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitOpenConnections(int count, Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (links.size() != count) {
                if (left <= 0) {
                    return false;
                }
                left = changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Stops accepting, closes every connection and ends every thread of the proxy; idempotent. */
    @Override
    public void close() {
        List<Thread> threads = new ArrayList<>();
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            links.values().forEach(link -> threads.addAll(link.threads));
            abortAll(false);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        closeQuietly(server);
        threads.add(acceptor);
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public String toString() {
        return "FaultProxy(" + host() + ":" + port() + " -> " + target.getHostString() + ":" + target.getPort() + ", " + mode() + ")";
    }

    // ---- internals -----------------------------------------------------------------------------

    private void change(Runnable update) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException(this + " is closed");
            }
            update.run();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Called with the lock held. */
    private void abortAll(boolean rst) {
        for (Link link : new ArrayList<>(links.values())) {
            link.abort(rst);
        }
    }

    private void acceptLoop() {
        while (true) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            Link link = null;
            lock.lock();
            try {
                if (closed || mode == Mode.RESET || links.size() >= maxConnections) {
                    refused++;
                    changed.signalAll();
                } else {
                    link = new Link(++accepted, client);
                    links.put(link.id, link);
                    changed.signalAll();
                }
            } finally {
                lock.unlock();
            }
            if (link == null) {
                reset(client);
            } else {
                link.start();
            }
        }
    }

    /**
     * Waits while the proxy black-holes traffic.
     *
     * @return whether the link may forward (false once it or the proxy is closed)
     */
    private boolean awaitForwarding(Link link) throws InterruptedException {
        lock.lock();
        try {
            while (!closed && !link.aborted && mode == Mode.BLACK_HOLE) {
                changed.await();
            }
            return !closed && !link.aborted;
        } finally {
            lock.unlock();
        }
    }

    /** Waits out the latency for a chunk that arrived at {@code arrival}, re-reading it when it changes. */
    private void delay(Link link, long arrival) throws InterruptedException {
        lock.lock();
        try {
            long left;
            while (!closed && !link.aborted && (left = arrival + latencyNanos - System.nanoTime()) > 0) {
                changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException e) {
            // already closed: nothing to reset
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing to end a connection: a failure leaves nothing to do
        }
    }

    /** One client connection and its connection to the target; two pump threads. */
    private final class Link {
        final long id;
        final Socket client;
        final Socket upstream = new Socket();
        final AtomicLong toTarget = new AtomicLong();
        final AtomicLong toClient = new AtomicLong();
        final List<Thread> threads = new ArrayList<>(2);
        /** Guarded by the proxy's lock. */
        boolean aborted;
        /** Guarded by the proxy's lock: directions that have ended, and whether the second one started. */
        int ended;
        boolean downStarted;

        Link(long id, Socket client) {
            this.id = id;
            this.client = client;
            String name = "fault-proxy-" + server.getLocalPort() + "-" + id;
            threads.add(thread(this::runUp, name + "-up"));
            threads.add(thread(() -> pump(upstream, client, toClient), name + "-down"));
        }

        private Thread thread(Runnable body, String name) {
            Thread thread = new Thread(body, name);
            thread.setDaemon(true);
            return thread;
        }

        Connection snapshot() {
            return new Connection(id, client.getPort(), toTarget.get(), toClient.get());
        }

        void start() {
            threads.get(0).start();
        }

        /** Connects to the target (once traffic may flow: a black hole lets no SYN through), then pumps up. */
        private void runUp() {
            try {
                if (!awaitForwarding(this)) {
                    finish();
                    return;
                }
                upstream.connect(target, CONNECT_TIMEOUT_MILLIS);
            } catch (IOException e) {
                // The target refused or is gone: the client sees what it would see without the proxy.
                lock.lock();
                try {
                    abort(true);
                } finally {
                    lock.unlock();
                }
                finish();
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                finish();
                return;
            }
            lock.lock();
            try {
                downStarted = true;
            } finally {
                lock.unlock();
            }
            threads.get(1).start();
            pump(client, upstream, toTarget);
        }

        private void pump(Socket from, Socket to, AtomicLong counter) {
            byte[] buffer = new byte[CHUNK];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                while (true) {
                    if (!awaitForwarding(this)) {
                        return;
                    }
                    int n = in.read(buffer);
                    long arrival = System.nanoTime();
                    if (!awaitForwarding(this)) {
                        return;
                    }
                    delay(this, arrival);
                    if (!awaitForwarding(this)) {
                        return;
                    }
                    if (n < 0) {
                        to.shutdownOutput();
                        return;
                    }
                    // Counted before the write, so a peer that has read the bytes sees them counted.
                    counter.addAndGet(n);
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                lock.lock();
                try {
                    abort(false);
                } finally {
                    lock.unlock();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                finish();
            }
        }

        /** One direction ended; when both have (or the link was aborted), the link is gone. */
        private void finish() {
            lock.lock();
            try {
                ended++;
                if (aborted || ended >= (downStarted ? 2 : 1)) {
                    closeQuietly(client);
                    closeQuietly(upstream);
                    links.remove(id);
                    changed.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }

        /** Called with the proxy's lock held: closes both sockets, with an RST when asked. */
        void abort(boolean rst) {
            aborted = true;
            if (rst) {
                reset(client);
                reset(upstream);
            } else {
                closeQuietly(client);
                closeQuietly(upstream);
            }
            links.remove(id);
            changed.signalAll();
        }
    }
}
