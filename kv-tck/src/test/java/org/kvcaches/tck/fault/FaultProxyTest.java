package org.kvcaches.tck.fault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link FaultProxy} in front of an echo server: each fault, on open and on new connections. */
@Timeout(60)
class FaultProxyTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** How long a read waits before the test concludes that nothing arrives. */
    private static final int QUIET_MILLIS = 300;

    private EchoServer echo;
    private FaultProxy proxy;
    private final List<Socket> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        echo = new EchoServer();
        proxy = FaultProxy.start(echo.address());
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket client : clients) {
            client.close();
        }
        proxy.close();
        echo.close();
    }

    private Socket connect(FaultProxy through) throws IOException {
        Socket socket = new Socket(through.host(), through.port());
        socket.setSoTimeout((int) WAIT.toMillis());
        clients.add(socket);
        return socket;
    }

    private static byte[] roundTrip(Socket socket, String text) throws IOException {
        byte[] sent = text.getBytes(StandardCharsets.US_ASCII);
        socket.getOutputStream().write(sent);
        socket.getOutputStream().flush();
        return socket.getInputStream().readNBytes(sent.length);
    }

    private static void assertQuiet(Socket socket) throws IOException {
        socket.setSoTimeout(QUIET_MILLIS);
        assertThrows(SocketTimeoutException.class, () -> socket.getInputStream().read(), "nothing arrives");
        socket.setSoTimeout((int) WAIT.toMillis());
    }

    private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.sleep(5);
        }
    }

    /** A reset connection either fails the read with "connection reset" or, once the RST is processed, ends it. */
    private static void assertReset(Socket socket) {
        try {
            int read = socket.getInputStream().read();
            assertEquals(-1, read, "a reset connection delivers no data");
        } catch (SocketException e) {
            // the RST arrived as such: "Connection reset"
        } catch (IOException e) {
            throw new AssertionError("expected a reset, got " + e, e);
        }
        assertThrows(IOException.class, () -> {
            for (int i = 0; i < 100; i++) {
                socket.getOutputStream().write(new byte[1024]);
                socket.getOutputStream().flush();
            }
        }, "writing to a reset connection fails");
    }

    @Test
    void passesBytesThroughInBothDirectionsAndCountsThem() throws IOException {
        Socket client = connect(proxy);
        assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), roundTrip(client, "hello"));
        List<FaultProxy.Connection> connections = proxy.connections();
        assertEquals(1, connections.size());
        assertEquals(client.getLocalPort(), connections.get(0).clientPort());
        assertEquals(5, connections.get(0).bytesToTarget());
        assertEquals(5, connections.get(0).bytesToClient());
        assertEquals(FaultProxy.Mode.PASS, proxy.mode());
    }

    @Test
    void countsOpenAndAcceptedConnections() throws IOException, InterruptedException {
        List<Socket> three = List.of(connect(proxy), connect(proxy), connect(proxy));
        for (Socket client : three) {
            roundTrip(client, "x");
        }
        assertEquals(3, proxy.openConnections());
        assertEquals(3, proxy.acceptedConnections());
        three.get(0).close();
        assertTrue(proxy.awaitOpenConnections(2, WAIT), "a closed connection is no longer counted: " + proxy.connections());
        assertEquals(3, proxy.acceptedConnections());
        eventually(() -> echo.ended() == 1, "the target saw the client's close");
    }

    @Test
    void aBlackHoleForwardsNothingOnAnOpenConnectionAndDeliversItAfterHealing() throws IOException {
        Socket client = connect(proxy);
        roundTrip(client, "before");
        proxy.blackHole();
        client.getOutputStream().write("held".getBytes(StandardCharsets.US_ASCII));
        client.getOutputStream().flush();
        assertQuiet(client);
        assertEquals(6, echo.received(), "the target received nothing during the black hole");
        proxy.heal();
        assertArrayEquals("held".getBytes(StandardCharsets.US_ASCII), client.getInputStream().readNBytes(4));
    }

    @Test
    void aBlackHoleHoldsANewConnectionWithoutReachingTheTarget() throws IOException, InterruptedException {
        proxy.blackHole();
        Socket client = connect(proxy);
        client.getOutputStream().write("new".getBytes(StandardCharsets.US_ASCII));
        client.getOutputStream().flush();
        assertQuiet(client);
        eventually(() -> proxy.acceptedConnections() == 1, "the proxy accepted the connection");
        assertEquals(0, echo.accepted(), "no connection reached the target during the black hole");
        proxy.heal();
        assertArrayEquals("new".getBytes(StandardCharsets.US_ASCII), client.getInputStream().readNBytes(3));
        assertEquals(1, echo.accepted());
    }

    @Test
    void aBlackHoleHoldsWhatTheTargetSendsToo() throws IOException {
        Socket client = connect(proxy);
        roundTrip(client, "x");
        proxy.blackHole();
        echo.push("pushed");
        assertQuiet(client);
        proxy.heal();
        assertArrayEquals("pushed".getBytes(StandardCharsets.US_ASCII), client.getInputStream().readNBytes(6));
    }

    @Test
    void resetSendsAnRstToOpenConnectionsOnBothSides() throws IOException, InterruptedException {
        Socket client = connect(proxy);
        roundTrip(client, "x");
        proxy.reset();
        assertReset(client);
        eventually(() -> echo.ended() == 1, "the target saw its connection end");
        assertTrue(proxy.awaitOpenConnections(0, WAIT));
        assertEquals(FaultProxy.Mode.RESET, proxy.mode());
    }

    @Test
    void resetRefusesNewConnectionsUntilHealed() throws IOException {
        proxy.reset();
        Socket refused = connect(proxy);
        assertReset(refused);
        assertEquals(1, proxy.refusedConnections());
        assertEquals(0, proxy.acceptedConnections());
        assertEquals(0, echo.accepted());
        proxy.heal();
        assertArrayEquals("ok".getBytes(StandardCharsets.US_ASCII), roundTrip(connect(proxy), "ok"));
    }

    @Test
    void dropConnectionsResetsOpenConnectionsOnceAndKeepsAccepting() throws IOException {
        Socket old = connect(proxy);
        roundTrip(old, "x");
        proxy.dropConnections();
        assertReset(old);
        assertEquals(FaultProxy.Mode.PASS, proxy.mode());
        assertArrayEquals("y".getBytes(StandardCharsets.US_ASCII), roundTrip(connect(proxy), "y"));
    }

    @Test
    void latencyDelaysEveryChunkInBothDirections() throws IOException {
        Socket client = connect(proxy);
        roundTrip(client, "warm");
        proxy.latency(Duration.ofMillis(100));
        assertEquals(Duration.ofMillis(100), proxy.latency());
        long start = System.nanoTime();
        roundTrip(client, "slow");
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        // A lower bound only: a loaded machine can make the trip slower, never faster.
        assertTrue(elapsedMillis >= 200, "a round trip took " + elapsedMillis + " ms, less than twice the 100 ms latency");
        proxy.heal();
        assertEquals(Duration.ZERO, proxy.latency());
        assertArrayEquals("fast".getBytes(StandardCharsets.US_ASCII), roundTrip(client, "fast"));
    }

    @Test
    void aConnectionOverTheLimitIsRefused() throws IOException {
        try (FaultProxy small = FaultProxy.start(echo.address(), 2)) {
            roundTrip(connect(small), "1");
            roundTrip(connect(small), "2");
            Socket third = connect(small);
            assertReset(third);
            assertEquals(1, small.refusedConnections());
            assertEquals(2, small.openConnections());
        }
    }

    @Test
    void aTargetThatIsDownResetsTheClient() throws IOException, InterruptedException {
        InetSocketAddress nothing;
        try (ServerSocket unused = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nothing = new InetSocketAddress(unused.getInetAddress(), unused.getLocalPort());
        }
        try (FaultProxy toNothing = FaultProxy.start(nothing)) {
            Socket client = connect(toNothing);
            assertReset(client);
            assertTrue(toNothing.awaitOpenConnections(0, WAIT));
        }
    }

    @Test
    void closeEndsEveryConnectionAndThread() throws IOException, InterruptedException {
        Socket client = connect(proxy);
        roundTrip(client, "x");
        proxy.blackHole();
        Socket held = connect(proxy);
        eventually(() -> proxy.acceptedConnections() == 2, "the second connection was accepted");
        String prefix = "fault-proxy-" + proxy.port() + "-";
        proxy.close();
        InputStream in = client.getInputStream();
        client.setSoTimeout((int) WAIT.toMillis());
        assertTrue(readEnds(in) && readEnds(held.getInputStream()), "both connections were closed");
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith(prefix) && t.isAlive()),
                "no thread of the proxy is left");
        assertThrows(IOException.class, () -> new Socket(proxy.host(), proxy.port()).close(), "the port no longer accepts");
        assertThrows(IllegalStateException.class, proxy::heal, "a closed proxy cannot be steered");
    }

    private static boolean readEnds(InputStream in) {
        try {
            return in.read() == -1;
        } catch (IOException e) {
            return true;
        }
    }
}
