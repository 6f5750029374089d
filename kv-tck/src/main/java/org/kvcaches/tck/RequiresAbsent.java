package org.kvcaches.tck;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.kvcaches.api.Capability;

/**
 * Runs a contract test only when the store does not claim the capability: such tests check that the
 * guarded operation throws {@link UnsupportedOperationException} without touching the store.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface RequiresAbsent {
    /** @return the capability the store must not claim */
    Capability value();
}
