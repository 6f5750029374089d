package org.kvcaches.testservers;

import java.net.URI;
import java.util.List;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The servers Testcontainers starts when {@link ServerSelection} chooses a container: Redis (plain or
 * TLS-only) and LocalStack's S3. Each runs until the JVM exits (Testcontainers' reaper removes it even
 * if the JVM is killed). The images can be replaced with {@code KV_TEST_REDIS_IMAGE} and
 * {@code KV_TEST_LOCALSTACK_IMAGE}, for a registry mirror for example.
 */
final class Containers {
    private static final int REDIS_PORT = 6379;
    private static Boolean docker;

    private Containers() {
    }

    /** @return the Redis image: {@code KV_TEST_REDIS_IMAGE}, or the 7.2 line the local tests run against */
    static String redisImage() {
        return image("KV_TEST_REDIS_IMAGE", "redis:7.2-alpine");
    }

    /** @return the LocalStack image: {@code KV_TEST_LOCALSTACK_IMAGE}, or a pinned release that needs no account */
    static String localStackImage() {
        return image("KV_TEST_LOCALSTACK_IMAGE", "localstack/localstack:4.4");
    }

    private static String image(String variable, String otherwise) {
        String given = System.getenv(variable);
        return given == null || given.isBlank() ? otherwise : given.strip();
    }

    /**
     * Asks Testcontainers once per JVM; without an engine that takes about half a second and logs the
     * strategies it tried.
     *
     * @return whether a Docker engine answers
     */
    static synchronized boolean dockerAvailable() {
        if (docker == null) {
            docker = DockerClientFactory.instance().isDockerAvailable();
        }
        return docker;
    }

    /** @return {@code redis://host:port} of a new Redis container */
    static String redis() {
        GenericContainer<?> redis = new GenericContainer<>(DockerImageName.parse(redisImage())).withExposedPorts(REDIS_PORT);
        start(redis);
        return "redis://" + redis.getHost() + ":" + redis.getMappedPort(REDIS_PORT);
    }

    /**
     * @param certificates the server's certificate and the CA that signed it, copied into the container
     * @return {@code rediss://host:port?caCert=<PEM file>} of a new Redis container that speaks only TLS
     */
    static String redisTls(TlsCertificates certificates) {
        // Readable by the image's unprivileged redis user: openssl writes the key owner-only.
        GenericContainer<?> redis = new GenericContainer<>(DockerImageName.parse(redisImage()))
                .withCopyFileToContainer(MountableFile.forHostPath(certificates.ca(), 0644), "/tls/ca.crt")
                .withCopyFileToContainer(MountableFile.forHostPath(certificates.serverCertificate(), 0644), "/tls/server.crt")
                .withCopyFileToContainer(MountableFile.forHostPath(certificates.serverKey(), 0644), "/tls/server.key")
                .withCommand(List.of("redis-server", "--port", "0", "--tls-port", Integer.toString(REDIS_PORT),
                        "--tls-cert-file", "/tls/server.crt", "--tls-key-file", "/tls/server.key",
                        "--tls-ca-cert-file", "/tls/ca.crt", "--tls-auth-clients", "no").toArray(String[]::new))
                .withExposedPorts(REDIS_PORT);
        start(redis);
        return "rediss://" + redis.getHost() + ":" + redis.getMappedPort(REDIS_PORT) + "?caCert=" + certificates.ca();
    }

    /** @return a new LocalStack container's S3 */
    static S3TestServers.Server localStack() {
        LocalStackContainer localStack = new LocalStackContainer(DockerImageName.parse(localStackImage())).withServices("s3");
        start(localStack);
        URI endpoint = localStack.getEndpoint();
        return new S3TestServers.Server(endpoint, localStack.getAccessKey(), localStack.getSecretKey(), localStack.getRegion(),
                "LocalStack (" + localStackImage() + ")");
    }

    private static void start(GenericContainer<?> container) {
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
    }
}
