package org.kvcaches.cache;

import java.time.Duration;
import java.util.List;

/**
 * What a cache tier promises about stale reads, for every process that uses the same chain, as
 * {@link CacheDecorator#staleness()} states it and {@code kv info} prints it. In every case this
 * process reads its own writes. Other processes' writes made through the same chain string reach
 * this tier as {@link #propagation()} says; and whatever single fault happens (a lost message, a
 * partition, a crashed writer, a restarted Redis), no entry is served longer than
 * {@link #maxStaleness()} after it was filled, so a value that a write replaced is not served later
 * than {@code maxStaleness} plus the lease time of a fill in flight after that write.
 *
 * @param propagation how other processes' writes reach this tier
 * @param maxStaleness the hard age bound of every entry of this tier
 * @param notificationDelay the delays measured so far between another process's announcement and
 *     its arrival here (only for {@link Propagation#NOTIFIED})
 * @param coveredFaults the faults under which the age bound is proven by the tests
 * @param notCovered what the contract does not cover
 */
public record StalenessContract(Propagation propagation, Duration maxStaleness, NotificationDelay notificationDelay,
                                List<String> coveredFaults, List<String> notCovered) {

    /** How other processes' writes reach a cache tier. */
    public enum Propagation {
        /**
         * The tier is private to this process and listens to a shared tier's announcements: another
         * process's write drops the key here within the notification delay while the link is up; while
         * it is down the tier is flushed and bypassed.
         */
        NOTIFIED,
        /**
         * The tier is shared by every process: every write invalidates it directly, and fills are
         * arbitrated across processes by leases.
         */
        SHARED,
        /**
         * Nothing tells this tier about other processes' writes (it is private with no notifying tier
         * below, or shared without leases): they become visible when the entry's age reaches the bound.
         */
        AGE_BOUNDED
    }

    /**
     * Measured notification delays, in milliseconds, over the most recent announcements.
     *
     * @param count announcements received
     * @param p50Millis the median delay
     * @param p99Millis the 99th percentile
     * @param maxMillis the largest
     */
    public record NotificationDelay(long count, long p50Millis, long p99Millis, long maxMillis) {
        /** No announcement received yet. */
        public static final NotificationDelay NONE = new NotificationDelay(0, 0, 0, 0);

        @Override
        public String toString() {
            return count == 0 ? "none received yet" : "p50 " + p50Millis + " ms, p99 " + p99Millis + " ms, max " + maxMillis
                    + " ms over " + count;
        }
    }

    static final List<String> COVERED = List.of("a lost or delayed notification", "a partition between a process and the shared tier",
            "a writer that crashes before repairing a failed invalidation", "a shared tier restarted empty",
            "a failed invalidation of a shared tier");
    static final List<String> NOT_COVERED = List.of("writes that bypass the chain (made to the store directly, or through a"
            + " chain without this tier's notifying tier)", "clocks: ages are measured by each process's own clock");

    /** @return one line for people: what holds and the bound */
    @Override
    public String toString() {
        String others = switch (propagation) {
            case NOTIFIED -> "other processes' writes are dropped here within the notification delay (" + notificationDelay + ")";
            case SHARED -> "other processes' writes invalidate this shared tier directly; fills are arbitrated by leases";
            case AGE_BOUNDED -> "other processes' writes are seen when entries expire";
        };
        return "read-your-writes in this process; " + others + "; no entry outlives " + maxStaleness + " under any single fault";
    }
}
