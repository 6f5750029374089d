package org.kvcaches.micrometer;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kvcaches.api.KeyValueStore;
import org.kvcaches.cache.CacheDecorator;

/**
 * The {@code scheme} tag of a store: the scheme of the URI its {@code toString()} shows
 * ({@code heap}, {@code file}, {@code redis}), the tiers' schemes joined by {@code |} for a chain, or
 * {@code unknown}. Few values, so safe as a tag; never the whole URI, which would be many.
 */
final class Schemes {
    private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):");

    private Schemes() {
    }

    static String of(KeyValueStore store) {
        if (store instanceof CacheDecorator chain) {
            return of(chain.cacheStore()) + "|" + of(chain.backingStore());
        }
        Matcher scheme = SCHEME.matcher(store.toString());
        return scheme.find() ? scheme.group(1).toLowerCase(Locale.ROOT) : "unknown";
    }
}
