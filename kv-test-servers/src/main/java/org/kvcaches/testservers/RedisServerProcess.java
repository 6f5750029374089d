package org.kvcaches.testservers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A {@code redis-server} child process on a free loopback port, persistence off, in a temp folder,
 * speaking plain Redis or only TLS. Started by tests; {@link #stop()} and {@link #start()} again keep
 * the same port (for fault tests). Without {@code redis-server} on the {@code PATH} the test that asks
 * for one is skipped, and says so.
 */
public final class RedisServerProcess implements AutoCloseable {
    private final int port;
    private final List<String> extraArgs;
    private final TlsCertificates tls;
    private final Path dir;
    private Process process;

    private RedisServerProcess(int port, List<String> extraArgs, TlsCertificates tls) throws IOException {
        this.port = port;
        this.extraArgs = extraArgs;
        this.tls = tls;
        this.dir = Files.createTempDirectory("kv-redis-" + port);
    }

    /**
     * Starts a server on a free port.
     *
     * @param cluster whether to enable cluster mode (then port + 10000 must be free too)
     * @param extraArgs more {@code redis-server} arguments
     * @return the running server
     */
    public static RedisServerProcess startOnFreePort(boolean cluster, String... extraArgs) {
        return startOnFreePort(cluster, null, extraArgs);
    }

    /**
     * Starts a server that speaks only TLS ({@code --port 0 --tls-port P}) on a free port, with the
     * given server certificate; clients need no certificate of their own.
     *
     * @param certificates the server's certificate and the CA that signed it
     * @param extraArgs more {@code redis-server} arguments
     * @return the running server; {@link #port()} is its TLS port
     */
    public static RedisServerProcess startTlsOnFreePort(TlsCertificates certificates, String... extraArgs) {
        return startOnFreePort(false, certificates, extraArgs);
    }

    private static RedisServerProcess startOnFreePort(boolean cluster, TlsCertificates tls, String... extraArgs) {
        if (!ServerSelection.onPath("redis-server")) {
            Assumptions.abort("this test starts its own redis-server, which is not on the PATH: apt-get install -y redis-server"
                    + " (a server named by KV_TEST_REDIS_URI or a container cannot stand in)");
        }
        IOException last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                int port = freePort(cluster);
                List<String> args = new ArrayList<>(List.of(extraArgs));
                if (cluster) {
                    args.addAll(List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "5000"));
                }
                RedisServerProcess server = new RedisServerProcess(port, args, tls);
                server.start();
                return server;
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IllegalStateException("could not start redis-server: " + (last == null ? "" : last.getMessage())
                + ". Install it (apt-get install -y redis-server) or set KV_TEST_REDIS_URI to a running server", last);
    }

    private static int freePort(boolean cluster) throws IOException {
        for (int i = 0; i < 50; i++) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress("127.0.0.1", 0));
                int port = socket.getLocalPort();
                if (!cluster) {
                    return port;
                }
                if (port <= 55535) {
                    try (ServerSocket bus = new ServerSocket()) {
                        bus.bind(new InetSocketAddress("127.0.0.1", port + 10000));
                        return port;
                    } catch (IOException busTaken) {
                        // try another port
                    }
                }
            }
        }
        throw new IOException("no free loopback port pair found");
    }

    /**
     * Starts (or restarts) the server and waits until it answers PING.
     *
     * @throws IOException if it cannot be run, exits at once, or does not answer within 10 s
     */
    public void start() throws IOException {
        List<String> command = new ArrayList<>(List.of("redis-server", "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", dir.toString(),
                "--logfile", dir.resolve("redis.log").toString(), "--protected-mode", "yes"));
        if (tls == null) {
            command.addAll(List.of("--port", Integer.toString(port)));
        } else {
            // Port 0 turns plain TCP off, so the server answers TLS only.
            command.addAll(List.of("--port", "0", "--tls-port", Integer.toString(port),
                    "--tls-cert-file", tls.serverCertificate().toString(), "--tls-key-file", tls.serverKey().toString(),
                    "--tls-ca-cert-file", tls.ca().toString(), "--tls-auth-clients", "no"));
        }
        command.addAll(extraArgs);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        } catch (IOException e) {
            throw new IOException("cannot run redis-server (" + e.getMessage() + ")", e);
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited at once on port " + port + ": " + log());
            }
            if (pings()) {
                return;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for redis-server", e);
            }
        }
        stop();
        throw new IOException("redis-server on port " + port + " did not answer PING within 10 s: " + log());
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("redis.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private boolean pings() {
        try (Socket plain = new Socket("127.0.0.1", port);
             Socket socket = tls == null ? plain
                     : TlsCertificates.trusting(tls.ca()).createSocket(plain, "127.0.0.1", port, true)) {
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).startsWith("+PONG") || new String(reply, StandardCharsets.US_ASCII).startsWith("-NOAUTH");
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the server (SIGTERM, then SIGKILL after 5 s). */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** @return the port */
    public int port() {
        return port;
    }

    /** Stops the server and deletes its folder; closing twice is harmless. */
    @Override
    public void close() {
        stop();
        deleteFolder(dir);
    }

    /** Deletes a folder and everything in it; a folder already gone is fine. */
    static void deleteFolder(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
