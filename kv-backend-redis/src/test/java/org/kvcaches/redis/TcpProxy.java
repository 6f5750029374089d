package org.kvcaches.redis;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on a free loopback port in front of a server, for fault tests. Switched to swallowing,
 * it becomes a black hole: it still accepts connections and reads what is sent, but forwards nothing
 * either way, as a dead network path does. It counts the connections it accepted.
 */
final class TcpProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean swallowing;

    TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "tcp-proxy-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @return the port clients connect to */
    int port() {
        return listener.getLocalPort();
    }

    /** @param swallow whether traffic is dropped (new and open connections alike) instead of forwarded */
    void swallow(boolean swallow) {
        swallowing = swallow;
    }

    /** @return how many connections the proxy accepted so far */
    int accepted() {
        return accepted.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                accepted.incrementAndGet();
                sockets.add(client);
                Socket server = null;
                if (!swallowing) {
                    server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    sockets.add(server);
                    pump(server, client);
                }
                pump(client, server);
            } catch (IOException e) {
                // Closed, or the server refused: the client sees its connection dropped.
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try {
                InputStream in = from.getInputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (!swallowing && to != null) {
                        to.getOutputStream().write(buffer, 0, n);
                    }
                }
            } catch (IOException e) {
                // One side closed: close both below.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-proxy-pump");
        pump.setDaemon(true);
        pump.start();
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // Nothing left to release.
            }
        }
    }

    /** Stops accepting and closes every connection. */
    @Override
    public void close() throws IOException {
        listener.close();
        sockets.forEach(TcpProxy::closeQuietly);
    }
}
