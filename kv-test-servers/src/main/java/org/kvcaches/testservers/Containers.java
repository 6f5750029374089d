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
 * TLS-only) and LocalStack's S3, from the images {@link Docker} names. Each runs until the JVM exits
 * (Testcontainers' reaper removes it even if the JVM is killed). Loaded only once a container is
 * chosen, or by {@link Docker#available()} when Testcontainers is on the class path.
 */
final class Containers {
    private static final int REDIS_PORT = 6379;

    private Containers() {
    }

    /** @return whether a Docker engine answers Testcontainers */
    static boolean dockerAnswers() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    /** @return {@code redis://host:port} of a new Redis container */
    static String redis() {
        GenericContainer<?> redis = new GenericContainer<>(DockerImageName.parse(Docker.redisImage())).withExposedPorts(REDIS_PORT);
        start(redis);
        return "redis://" + redis.getHost() + ":" + redis.getMappedPort(REDIS_PORT);
    }

    /**
     * @param certificates the server's certificate and the CA that signed it, copied into the container
     * @return {@code rediss://host:port?caCert=<PEM file>} of a new Redis container that speaks only TLS
     */
    static String redisTls(TlsCertificates certificates) {
        // Readable by the image's unprivileged redis user: openssl writes the key owner-only.
        GenericContainer<?> redis = new GenericContainer<>(DockerImageName.parse(Docker.redisImage()))
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
        LocalStackContainer localStack = new LocalStackContainer(DockerImageName.parse(Docker.localStackImage())).withServices("s3");
        start(localStack);
        URI endpoint = localStack.getEndpoint();
        return new S3TestServers.Server(endpoint, localStack.getAccessKey(), localStack.getSecretKey(), localStack.getRegion(),
                "LocalStack (" + Docker.localStackImage() + ")");
    }

    private static void start(GenericContainer<?> container) {
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
    }
}
