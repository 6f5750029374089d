package org.kvcaches.tck;

/**
 * The whole contract. A backend certifies itself with one class:
 *
 * <pre>{@code
 * class MyStoreTckTest implements KeyValueStoreContract {
 *     public StoreFixture fixture() {
 *         return new MyStoreFixture();
 *     }
 * }
 * }</pre>
 *
 * Each area can also be implemented on its own ({@link BasicContract}, {@link KeyContract},
 * {@link BinaryValueContract}, {@link StreamingContract}, {@link ListingContract},
 * {@link PrefixesContract}, {@link MetadataContract}, {@link CopyMoveContract}, {@link TtlContract},
 * {@link ConditionalWriteContract}, {@link UrlContract}, {@link UnsupportedCapabilityContract},
 * {@link AtomicityContract}, {@link ConcurrencyContract}, {@link CloseContract}, {@link ErrorContract}).
 */
public interface KeyValueStoreContract extends BasicContract, KeyContract, BinaryValueContract, StreamingContract,
        ListingContract, PrefixesContract, MetadataContract, CopyMoveContract, TtlContract, ConditionalWriteContract, UrlContract,
        UnsupportedCapabilityContract, AtomicityContract, ConcurrencyContract, CloseContract, ErrorContract {
}
