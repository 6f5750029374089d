package org.kvcaches.api.spi;

import java.util.Set;
import org.kvcaches.api.KeyValueStore;

/**
 * What a backend implements so that {@link org.kvcaches.api.KeyValueStores#open(String)} can open its
 * stores. Register the class in {@code META-INF/services/org.kvcaches.api.spi.StoreProvider} (and with
 * {@code provides} in a {@code module-info}); it needs a public no-argument constructor. One provider
 * serves one or more schemes; two providers claiming one scheme is an error reported to the user.
 */
public interface StoreProvider {

    /**
     * @return the URI schemes this provider serves, in lower case
     */
    Set<String> schemes();

    /**
     * The query options this provider accepts for a scheme. Options outside this set are rejected
     * with a message listing these, before {@link #open(StoreUri)} is called.
     *
     * @param scheme one of {@link #schemes()}
     * @return the accepted option names
     */
    default Set<String> options(String scheme) {
        return Set.of();
    }

    /**
     * Opens a store. Options have been checked against {@link #options(String)}; their types are
     * checked when read through {@link StoreUri#options()}.
     *
     * @param uri the parsed URI, with a scheme from {@link #schemes()}
     * @return the open store, which the caller closes
     * @throws org.kvcaches.api.StoreUriException when the URI is wrong for this scheme
     * @throws org.kvcaches.api.KvException when the store cannot be reached or opened
     */
    KeyValueStore open(StoreUri uri);
}
