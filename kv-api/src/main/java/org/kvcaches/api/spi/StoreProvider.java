package org.kvcaches.api.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.kvcaches.api.KeyValueStore;

/**
 * What a backend implements so that {@link org.kvcaches.api.KeyValueStores#open(String)} can open its
 * stores. Register the class in {@code META-INF/services/org.kvcaches.api.spi.StoreProvider} (and with
 * {@code provides} in a {@code module-info}); it needs a public no-argument constructor. One provider
 * serves one or more schemes; two providers claiming one scheme is an error reported to the user.
 * Providers are loaded once per class loader and shared by every thread, so they must be thread-safe;
 * a provider that fails to load (a missing dependency, a throwing constructor) is reported in the
 * messages of the opens that needed it, and every other provider keeps working.
 */
public interface StoreProvider {

    /**
     * @return the URI schemes this provider serves, in lower case
     */
    Set<String> schemes();

    /**
     * Schemes this provider would serve if an optional library were on the class path, such as
     * {@code sftp:} without an SSH library. Opening one gives a message saying what to add.
     *
     * @return each such scheme, in lower case, with what to add (for example
     *     {@code "com.github.mwiede:jsch"}); empty by default
     */
    default Map<String, String> unavailableSchemes() {
        return Map.of();
    }

    /**
     * The query options this provider accepts for a scheme, in the order a listing shows them.
     * {@link org.kvcaches.api.KeyValueStores} rejects options outside this list, and values a
     * descriptor does not allow, with a message naming the option, before {@link #open(StoreUri)}.
     *
     * @param scheme one of {@link #schemes()}
     * @return the accepted options, each named once; empty by default
     */
    default List<StoreOption<?>> options(String scheme) {
        return List.of();
    }

    /**
     * @return the Maven coordinates of the jar that holds this provider ({@code group:artifact}),
     *     shown by tools and in messages about the provider; empty when unknown (the default)
     */
    default Optional<String> artifact() {
        return Optional.empty();
    }

    /**
     * Whether every open of this URI gives a new store that nothing else sees (such as {@code mem:}
     * or {@code heap:}), so that a tier chain may name it twice. A chain that names any other store
     * twice is refused, since a tier over itself would read its own cache entries as values.
     *
     * @param uri a URI with one of {@link #schemes()}
     * @return {@code false} by default
     */
    default boolean opensPrivateStore(StoreUri uri) {
        return false;
    }

    /**
     * Opens a store. Every option has been checked against {@link #options(String)}; read values
     * with {@link StoreOptions#get(StoreOption)}. In a tier chain the URI may also carry options
     * prefixed {@value TierComposer#OPTION_PREFIX}; they belong to the {@link TierComposer}, and a
     * provider ignores them.
     *
     * @param uri the parsed URI, with a scheme from {@link #schemes()}
     * @return the open store, which the caller closes
     * @throws org.kvcaches.api.StoreUriException when the URI is wrong for this scheme
     * @throws org.kvcaches.api.KvException when the store cannot be reached or opened
     */
    KeyValueStore open(StoreUri uri);

    /**
     * Opens a store as a cache tier of a chain. A chain must open while a cache tier's server is down
     * (it then reads from the tiers below until the tier answers), so a provider whose
     * {@link #open} proves that the server answers skips that proof here: the store opens, and its
     * calls fail until the server is reachable. Bad URIs and options are still refused.
     *
     * @param uri the parsed URI, with a scheme from {@link #schemes()}
     * @return the open store, which the caller closes
     * @throws org.kvcaches.api.StoreUriException when the URI is wrong for this scheme
     */
    default KeyValueStore openCacheTier(StoreUri uri) {
        return open(uri);
    }
}
