package org.kvcaches.testservers;

/**
 * Whether containers can be had, and which images they run. It touches no Testcontainers class, so
 * that a user of this module may leave Testcontainers out (kv-bench does, to keep its jar small): then
 * no container is ever chosen.
 */
final class Docker {
    private static Boolean available;

    private Docker() {
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
     * Asks once per JVM; without an engine Testcontainers takes about half a second and logs the
     * strategies it tried.
     *
     * @return whether Testcontainers is on the class path and a Docker engine answers it
     */
    static synchronized boolean available() {
        if (available == null) {
            available = testcontainersPresent() && Containers.dockerAnswers();
        }
        return available;
    }

    private static boolean testcontainersPresent() {
        try {
            Class.forName("org.testcontainers.DockerClientFactory", false, Docker.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            System.err.println("[kv-test-servers] Testcontainers is not on the class path: no containers");
            return false;
        }
    }
}
