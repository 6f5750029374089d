package org.kvcaches.testservers;

/**
 * Starts the test S3 server on its own and prints a store URI for a fresh bucket, so that a measurement
 * in another JVM (such as the peak heap of a streamed put) does not count the server's memory:
 * {@code java -Dkv.test.s3.dir=/tmp/s3 -cp kv-bench/target/benchmarks.jar org.kvcaches.testservers.S3TestServerMain partSize=8MiB}.
 * It runs until killed.
 */
public final class S3TestServerMain {
    private S3TestServerMain() {
    }

    /**
     * @param args optionally the store URI's options, such as {@code partSize=8MiB}
     * @throws InterruptedException never; it waits until the process is killed
     */
    public static void main(String[] args) throws InterruptedException {
        S3TestServers.Server server = S3TestServers.server();
        System.out.println(server.uri(S3TestServers.newBucket("main"), "", args.length > 0 ? args[0] : ""));
        System.out.flush();
        Thread.currentThread().join();
    }
}
