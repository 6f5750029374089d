package org.kvcaches.tck;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.kvcaches.api.Capability;

/**
 * Runs a contract test only when the store claims every listed capability (and the fixture does not
 * narrow it); otherwise the test is reported as skipped with the reason.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Requires {
    /** @return the capabilities the test needs */
    Capability[] value();
}
