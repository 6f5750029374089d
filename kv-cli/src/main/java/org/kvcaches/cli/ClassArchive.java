package org.kvcaches.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Makes {@code kv.jsa}, the class-data archive that the {@code kv} script hands to the JVM, at
 * package time: a training run of typical one-shot commands in one JVM records the classes it
 * loads, {@code -Xshare:dump} archives them (with the JDK's own) already parsed and verified, and
 * the archive is tried with {@code -Xshare:on} before it is moved into place in one rename, so a
 * half-written or unusable archive never carries the final name. A static archive, not Java 17's
 * dynamic one: picocli's classes have class-file version 49, which only the static dump keeps.
 *
 * <p>The archive is tied to the JDK that made it and to the jar's path, size and time; the JVM
 * checks both and, if they differ, starts without it. Failing to make one never fails the build:
 * it prints why, removes a stale archive and exits 0.
 */
final class ClassArchive {
    private static final String REDIS_SERVER = "redis-server";

    private ClassArchive() {
    }

    /**
     * {@code build JAR ARCHIVE} makes the archive for the jar; {@code train FOLDER [REDIS_PORT]} is
     * the training run that {@code build} starts with the class list recorder.
     *
     * @param args the mode and its arguments
     * @throws Exception when the training itself breaks (build reports and exits 0 instead)
     */
    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("train")) {
            train(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 0);
        } else if (args.length == 3 && args[0].equals("build")) {
            build(Path.of(args[1]).toAbsolutePath(), Path.of(args[2]).toAbsolutePath());
        } else {
            System.err.println("usage: ClassArchive build JAR ARCHIVE");
            System.exit(Kv.USAGE);
        }
    }

    private static void build(Path jar, Path archive) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory(archive.toAbsolutePath().getParent(), "class-archive-");
        Process redis = null;
        try {
            int redisPort = 0;
            if (onPath(REDIS_SERVER)) {
                redisPort = freePort();
                redis = new ProcessBuilder(REDIS_SERVER, "--port", String.valueOf(redisPort), "--bind", "127.0.0.1",
                        "--save", "", "--appendonly", "no").redirectErrorStream(true)
                        .redirectOutput(work.resolve("redis.log").toFile()).start();
                if (!awaitPort(redisPort, redis)) {
                    redisPort = 0;
                }
            }
            Path classList = work.resolve("kv.classlist");
            Path made = work.resolve("kv.jsa");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> train = new ArrayList<>(List.of(java, "-XX:DumpLoadedClassList=" + classList, "-cp", jar.toString(),
                    ClassArchive.class.getName(), "train", work.resolve("training").toString()));
            if (redisPort != 0) {
                train.add(String.valueOf(redisPort));
            }
            run(work, "training", train);
            run(work, "dump", List.of(java, "-Xshare:dump", "-XX:SharedClassListFile=" + classList,
                    "-XX:SharedArchiveFile=" + made, "-cp", jar.toString()));
            // -Xshare:on refuses to start with an archive it cannot map, so this proves the archive before it is used.
            run(work, "check", List.of(java, "-Xshare:on", "-XX:SharedArchiveFile=" + made, "-jar", jar.toString(), "--version"));
            Files.move(made, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            if (redisPort == 0) {
                System.out.println("kv: class-data archive " + archive + " trained without Redis: " + REDIS_SERVER
                        + " did not start from the PATH, so a redis: store starts slower");
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(archive);
            System.out.println("kv: no class-data archive, kv starts without it: " + e.getMessage());
        } finally {
            if (redis != null) {
                redis.destroy();
                redis.waitFor(10, TimeUnit.SECONDS);
            }
            delete(work);
        }
    }

    /**
     * Runs the commands a user runs most, on a file: store, mem:, a chain and, when a port is given,
     * Redis. Not {@code info} or an unknown scheme: they load every provider (Commons VFS, the AWS
     * SDK), and archiving those would make every start map a third more for commands that are rare.
     */
    private static void train(Path folder, int redisPort) throws IOException {
        Files.createDirectories(folder);
        Path value = Files.write(folder.resolve("value"), "training".getBytes(StandardCharsets.UTF_8));
        Kv.configureLogging();
        Environment.system();
        List<String> stores = new ArrayList<>(List.of("file:" + folder.resolve("store"), "mem:",
                "heap://?maxBytes=1MiB | file:" + folder.resolve("chained")));
        if (redisPort != 0) {
            stores.add("redis://127.0.0.1:" + redisPort + "/0?prefix=kv-training:");
        }
        for (String store : stores) {
            kv("--store", store, "put", "a/k", value.toString());
            kv("--store", store, "cat", "a/k");
            kv("--store", store, "get", "a/k", folder.resolve("got").toString());
            kv("--store", store, "cp", "a/k", "a/c");
            kv("--store", store, "mv", "a/c", "a/m");
            kv("--store", store, "ls", "-l");
            kv("--store", store, "cat", "missing");
            kv("--store", store, "rm", "--prefix", "a/");
        }
        kv("--help");
        kv("cat", "--help");
        kv("--version");
    }

    private static void kv(String... args) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(sink, true, StandardCharsets.UTF_8)) {
            Kv.run(new Environment(new ByteArrayInputStream(new byte[0]), out, out, Map.of(), false), args);
        }
    }

    private static void run(Path work, String step, List<String> command) throws IOException, InterruptedException {
        Path log = work.resolve(step + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(step + " did not end in 5 minutes");
        }
        if (process.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            throw new IllegalStateException(step + " (" + String.join(" ", command) + ") exited with " + process.exitValue() + ": "
                    + String.join(" / ", lines.subList(Math.max(0, lines.size() - 5), lines.size())));
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(java.io.File.pathSeparator))
                .anyMatch(folder -> !folder.isEmpty() && Files.isExecutable(Path.of(folder, program)));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean awaitPort(int port, Process server) throws InterruptedException {
        for (int attempt = 0; attempt < 100 && server.isAlive(); attempt++) {
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return true;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        return false;
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
