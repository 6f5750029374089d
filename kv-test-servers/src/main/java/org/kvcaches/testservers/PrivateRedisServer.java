package org.kvcaches.testservers;

import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@code redis-server} of one test class's own, on a free loopback port: started before the
 * class's first test and stopped after its last, for tests that stop, slow or fill their server.
 * Register it in a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PrivateRedisServer REDIS = new PrivateRedisServer();
 * ... "redis://127.0.0.1:" + REDIS.port() + "/0" ...
 * }</pre>
 *
 * <p>Without {@code redis-server} on the path, the class's tests are aborted (reported as skipped,
 * with the reason), not failed, and not broken by an error in a static initializer.
 */
public final class PrivateRedisServer implements BeforeAllCallback, AfterAllCallback {
    private final String[] arguments;
    private volatile RedisServerProcess server;

    /** @param arguments more {@code redis-server} arguments, e.g. {@code "--requirepass", "secret"} */
    public PrivateRedisServer(String... arguments) {
        this.arguments = arguments.clone();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = RedisServerProcess.startOnFreePort(false, arguments);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        RedisServerProcess running = server;
        server = null;
        if (running != null) {
            running.close();
        }
    }

    /** @return the server's port */
    public int port() {
        return process().port();
    }

    /** @return the server process, to stop and start it again */
    public RedisServerProcess process() {
        return Objects.requireNonNull(server, "the server runs from the class's first test to its last; register this as a static @RegisterExtension");
    }
}
