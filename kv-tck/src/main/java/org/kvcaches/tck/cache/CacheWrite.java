package org.kvcaches.tck.cache;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.List;
import org.kvcaches.api.Capability;
import org.kvcaches.api.KeyValueStore;

/** Kinds of write, each of which must invalidate the key it changes. */
enum CacheWrite {
    PUT, PUT_STREAM, DELETE, DELETE_ALL, COPY_ONTO, MOVE_ONTO, MOVE_AWAY, COMPARE_AND_SET;

    /** @return the value the key holds after the write, or null for none */
    byte[] apply(KeyValueStore target, KeyValueStore backing, String key, byte[] old, byte[] fresh) {
        switch (this) {
            case PUT -> target.put(key, fresh);
            case PUT_STREAM -> target.put(key, new ByteArrayInputStream(fresh));
            case DELETE -> target.delete(key);
            case DELETE_ALL -> target.deleteAll(List.of(key, key + "-other"));
            case COPY_ONTO -> {
                backing.put(key + "-source", fresh);
                target.copy(key + "-source", key);
            }
            case MOVE_ONTO -> {
                backing.put(key + "-source", fresh);
                target.move(key + "-source", key);
            }
            case MOVE_AWAY -> target.move(key, key + "-moved");
            case COMPARE_AND_SET -> assertTrue(target.compareAndSet(key, old, fresh), "compareAndSet of the current value succeeds");
            default -> throw new AssertionError(this);
        }
        return this == DELETE || this == DELETE_ALL || this == MOVE_AWAY ? null : fresh;
    }

    Capability needs() {
        return this == COMPARE_AND_SET ? Capability.COMPARE_AND_SET : null;
    }
}
