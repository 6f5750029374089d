package org.kvcaches.testservers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.kvcaches.testservers.ServerSelection.Choice;
import org.kvcaches.testservers.ServerSelection.Kind;
import org.kvcaches.testservers.ServerSelection.Source;

/**
 * <a href="https://github.com/jamhall/s3rver">s3rver</a>, an S3 emulator in Node.js written
 * independently of S3Proxy and of the AWS SDK, installed from npm ({@code npm install -g s3rver@3.7.1};
 * {@code .ci/run} does it). It stores objects as files under a folder, one per test run.
 *
 * <p>Found in this order ({@link ServerSelection}; there is no container): {@code KV_TEST_S3RVER_ENDPOINT},
 * an s3rver already running (started with {@code --allow-mismatched-signatures}: the tests sign with the
 * access key {@code S3RVER} and a secret of their own); the binary named by {@code KV_TEST_S3RVER_BIN}, or
 * {@code s3rver} on the {@code PATH}, started on a free loopback port. Without either, the tests that
 * need it are skipped and say how to install it.
 */
public final class S3rverServer {
    /** The version whose behaviour the tests and the README's compatibility table describe. */
    public static final String VERSION = "3.7.1";
    /** s3rver's built-in account. */
    private static final String KEY = "S3RVER";
    /**
     * The secret we sign with: s3rver's own is {@code S3RVER}, the same as the access key id, which a
     * test for secrets in messages could not tell apart; the server is started to accept any secret.
     */
    private static final String SECRET = "s3rver-secret-" + java.util.UUID.randomUUID();

    private static final Kind KIND = new Kind("s3rver", "KV_TEST_S3RVER_ENDPOINT", "s3rver " + VERSION
            + " from KV_TEST_S3RVER_BIN or the PATH", "npm install -g s3rver@" + VERSION + "; .ci/run does", null);

    private static S3TestServers.Server server;
    private static Path directory;

    private S3rverServer() {
    }

    /** @return the s3rver of this test run, started on first use */
    public static synchronized S3TestServers.Server server() {
        if (server == null) {
            Choice choice = ServerSelection.chooseOrAbort(KIND, binary() != null);
            server = choice.source() == Source.ENVIRONMENT
                    ? new S3TestServers.Server(URI.create(choice.address()), KEY, SECRET, "us-east-1", "s3rver at " + choice.address(), false)
                    : start();
        }
        return server;
    }

    /** @return the folder where the started s3rver keeps objects, as {@code <bucket>/<key>._S3rver_object} files */
    public static synchronized Path directory() {
        server();
        if (directory == null) {
            throw new IllegalStateException("s3rver runs elsewhere (KV_TEST_S3RVER_ENDPOINT); its files cannot be reached");
        }
        return directory;
    }

    private static S3TestServers.Server start() {
        String binary = binary();
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                Path dir = Files.createTempDirectory("kv-s3rver");
                int port = freePort();
                Path log = dir.resolveSibling(dir.getFileName() + ".log");
                ProcessBuilder command = new ProcessBuilder(binary, "-d", dir.toString(), "-a", "127.0.0.1", "-p", Integer.toString(port), "-s",
                        "--allow-mismatched-signatures")
                        .redirectErrorStream(true).redirectOutput(log.toFile());
                // s3rver makes listing continuation tokens with a cipher that OpenSSL 3 keeps in its legacy provider.
                command.environment().put("NODE_OPTIONS", "--openssl-legacy-provider");
                Process process = command.start();
                if (awaitListening(process, port)) {
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process, dir, log)));
                    directory = dir;
                    return new S3TestServers.Server(URI.create("http://127.0.0.1:" + port), KEY, SECRET, "us-east-1",
                            "s3rver " + VERSION + " (" + binary + ")", false);
                }
                String output = Files.readString(log);
                stop(process, dir, log);
                last = new IOException("s3rver did not listen on port " + port + ": " + output);
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IllegalStateException("cannot start s3rver from " + binary + " (" + last.getMessage() + ")", last);
    }

    /** @return {@code KV_TEST_S3RVER_BIN}, or {@code s3rver} from the {@code PATH}, or {@code null} */
    private static String binary() {
        String given = System.getenv("KV_TEST_S3RVER_BIN");
        if (given != null && !given.isBlank()) {
            return given.strip();
        }
        return ServerSelection.onPath("s3rver") ? "s3rver" : null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Node starts in a few hundred milliseconds; a slow, loaded machine gets 30 s. */
    private static boolean awaitListening(Process process, int port) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }

    private static void stop(Process process, Path dir, Path log) {
        process.destroy();
        try {
            process.waitFor();
            for (Path path : List.of(dir, log)) {
                if (Files.exists(path)) {
                    try (Stream<Path> files = Files.walk(path)) {
                        files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            System.err.println("s3rver's folder " + dir + " was not removed: " + e);
        }
    }
}
