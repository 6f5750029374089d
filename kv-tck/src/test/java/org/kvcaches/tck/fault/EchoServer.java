package org.kvcaches.tck.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A TCP server on a free loopback port that writes back what it reads, and counts what it saw. */
final class EchoServer implements AutoCloseable {
    private final ServerSocket server;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger ended = new AtomicInteger();
    private final AtomicLong received = new AtomicLong();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    EchoServer() {
        try {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "echo-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    /** @return connections the server accepted */
    int accepted() {
        return accepted.get();
    }

    /** @return connections whose client side ended (EOF or reset) */
    int ended() {
        return ended.get();
    }

    /** @return bytes received over all connections */
    long received() {
        return received.get();
    }

    /** Sends text, unasked, to every connection the server accepted. */
    void push(String text) throws IOException {
        for (Socket socket : sockets) {
            socket.getOutputStream().write(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        }
    }

    private void accept() {
        while (true) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                return;
            }
            accepted.incrementAndGet();
            sockets.add(socket);
            Thread echo = new Thread(() -> echo(socket), "echo-" + socket.getPort());
            echo.setDaemon(true);
            echo.start();
        }
    }

    private void echo(Socket socket) {
        byte[] buffer = new byte[4096];
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                received.addAndGet(n);
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // a reset ends the connection like an EOF
        } finally {
            ended.incrementAndGet();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
