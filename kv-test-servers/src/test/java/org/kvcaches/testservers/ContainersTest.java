package org.kvcaches.testservers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kvcaches.api.spi.StoreUri;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The container path of the fixtures, which the rest of the suite reaches only without a local server
 * or with {@code KV_TEST_SERVERS=containers}: run here whenever a Docker engine answers, and skipped
 * with the reason otherwise.
 */
class ContainersTest {
    private static final String NO_DOCKER = "no Docker engine answered Testcontainers (DOCKER_HOST, /var/run/docker.sock):"
            + " the fixtures' container path (" + Docker.redisImage() + ", " + Docker.localStackImage() + ") is skipped;"
            + " start Docker to run it";

    @BeforeAll
    static void sayWhyTheContainerPathIsSkipped() {
        if (!Docker.available()) {
            System.err.println("[kv-test-servers] " + NO_DOCKER);
        }
    }

    /** Per test, not per class, so that the report counts each skipped test. */
    @BeforeEach
    void aDockerEngineAnswers() {
        Assumptions.assumeTrue(Docker.available(), NO_DOCKER);
    }

    @Test
    void aRedisContainerAnswersPing() {
        StoreUri uri = StoreUri.parse(Containers.redis());
        try (Jedis jedis = new Jedis(new HostAndPort(uri.host(), uri.port()))) {
            assertEquals("PONG", jedis.ping());
        }
    }

    @Test
    void aTlsOnlyRedisContainerAnswersPingToAClientThatTrustsTheTestCa() {
        try (TlsCertificates certificates = TlsCertificates.generate()) {
            String tls = Containers.redisTls(certificates);
            StoreUri uri = StoreUri.parse(tls);
            try (Jedis jedis = new Jedis(new HostAndPort(uri.host(), uri.port()),
                    RedisTestServers.adminConfig(tls))) {
                assertEquals("PONG", jedis.ping());
            }
        }
    }

    @Test
    void localStackKeepsWhatIsPut() {
        S3TestServers.Server localStack = Containers.localStack();
        String bucket = localStack.newBucket("localstack");
        try (S3Client client = localStack.client()) {
            client.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v"));
            assertArrayEquals("v".getBytes(StandardCharsets.UTF_8), client.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asByteArray());
        } finally {
            localStack.deleteBucket(bucket);
        }
    }
}
