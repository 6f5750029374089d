package org.kvcaches.testservers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Assumptions;

/**
 * Certificates made with {@code openssl} for one test run: a CA, a server certificate it signed for
 * {@code 127.0.0.1} and {@code localhost}, and a second CA that signed nothing (to be distrusted).
 */
public final class TlsCertificates implements AutoCloseable {
    private final Path dir;

    private TlsCertificates(Path dir) {
        this.dir = dir;
    }

    /**
     * @return fresh certificates in a temp folder
     * @throws org.opentest4j.TestAbortedException if {@code openssl} is not on the {@code PATH}
     */
    public static TlsCertificates generate() {
        if (!ServerSelection.onPath("openssl")) {
            Assumptions.abort("these tests make TLS certificates with openssl, which is not on the PATH: apt-get install -y openssl");
        }
        try {
            Path dir = Files.createTempDirectory("kv-redis-tls");
            TlsCertificates certificates = new TlsCertificates(dir);
            Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
            certificates.openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
                    "-days", "2", "-subj", "/CN=kv-caches test CA");
            certificates.openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other-ca.key", "-out", "other-ca.crt",
                    "-days", "2", "-subj", "/CN=kv-caches other CA");
            certificates.openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                    "-subj", "/CN=localhost");
            certificates.openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                    "-out", "server.crt", "-days", "2", "-extfile", "server.ext");
            return certificates;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make test certificates with openssl (apt-get install -y openssl): " + e.getMessage(), e);
        }
    }

    private void openssl(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (process.waitFor() != 0) {
                throw new IOException("openssl " + String.join(" ", args) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running openssl", e);
        }
    }

    /** @return the PEM file of the CA that signed the server certificate */
    public Path ca() {
        return dir.resolve("ca.crt");
    }

    /** @return the PEM file of a CA that signed nothing the server has */
    public Path otherCa() {
        return dir.resolve("other-ca.crt");
    }

    /** @return the server certificate (PEM) */
    public Path serverCertificate() {
        return dir.resolve("server.crt");
    }

    /** @return the server's private key (PEM) */
    public Path serverKey() {
        return dir.resolve("server.key");
    }

    /**
     * @param pem a file of PEM certificates, such as {@link #ca()}
     * @return sockets that trust exactly those certificates
     */
    public static SSLSocketFactory trusting(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int index = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("ca" + index++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust the certificates of " + pem + ": " + e, e);
        }
    }

    /** Deletes the folder. */
    @Override
    public void close() {
        RedisServerProcess.deleteFolder(dir);
    }
}
