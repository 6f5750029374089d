package org.kvcaches.api.spi;

import org.kvcaches.api.KvException;

/**
 * A read that did not answer within the deadline its caller gave ({@link CacheTierReads}). The
 * caller reads elsewhere; whether the store is merely slow or down, it does not say. Thrown often
 * while a cache tier is slow and always caught, so it carries no stack trace.
 */
public class ReadDeadlineException extends KvException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what did not answer, and within which deadline; must not contain secrets
     * @param cause the underlying timeout, may be {@code null}
     */
    public ReadDeadlineException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A deadline miss is routine for a slow tier, and always caught: a stack trace would cost more than the miss. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
