package org.kvcaches.redis;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.kvcaches.api.StoreUriException;
import redis.clients.jedis.HostAndPort;

/** TLS for {@code rediss:}: trusting a given CA, checking host names, and telling TLS and plain ports apart. */
final class RedisTls {
    private RedisTls() {
    }

    /** Parameters that make the handshake check that the certificate names the host (off by default in Jedis). */
    static SSLParameters verifyingHostName() {
        SSLParameters parameters = new SSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        return parameters;
    }

    /**
     * @param pem a file of one or more PEM certificates (option {@code caCert})
     * @param option the option's name and URI, for messages
     * @return sockets that trust exactly those certificates
     */
    static SSLSocketFactory trusting(Path pem, String option) {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(pem)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new StoreUriException(option + " names '" + pem + "', which cannot be read (" + e + ")", e);
        } catch (CertificateException e) {
            throw new StoreUriException(option + " names '" + pem + "', which is not a PEM certificate file (" + e.getMessage() + ")", e);
        }
        if (certificates.isEmpty()) {
            throw new StoreUriException(option + " names '" + pem + "', which holds no certificate");
        }
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int index = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("ca" + index++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the JDK cannot build a trust store from " + pem + ": " + e, e);
        }
    }

    /** @return whether the failure is a certificate the client did not trust (or that names another host) */
    static boolean untrusted(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CertificateException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a TLS server answers at the address: the handshake completes, or fails on the
     * certificate, which the server only sends when it speaks TLS. Only called after a failure.
     */
    static boolean speaksTls(HostAndPort server, Duration timeout) {
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(server.getHost(), server.getPort()), millis);
            plain.setSoTimeout(millis);
            try (SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                    .createSocket(plain, server.getHost(), server.getPort(), false)) {
                tls.startHandshake();
                return true;
            }
        } catch (IOException e) {
            return untrusted(e);
        }
    }

    /** Whether a plain Redis server answers at the address: PING gets a RESP reply. Only called after a failure. */
    static boolean speaksPlainRedis(HostAndPort server, Duration timeout) {
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), millis);
            socket.setSoTimeout(millis);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            int first = socket.getInputStream().read();
            return first == '+' || first == '-';
        } catch (IOException e) {
            return false;
        }
    }
}
