/**
 * Fault injection for tests, and the contracts that must hold under faults.
 *
 * <p>The machinery: {@link org.kvcaches.tck.fault.FaultyStore} wraps a store and makes its calls
 * fail, slow down, get lost or break midway; {@link org.kvcaches.tck.fault.FaultProxy} sits between
 * a client and a server and black-holes, slows or resets the connections; {@link
 * org.kvcaches.tck.fault.ChildJvm} runs another JVM (another process of a deployment, a writer to
 * kill) and talks to it line by line.
 *
 * <p>The contracts: {@link org.kvcaches.tck.fault.FaultyCacheTierContract} (a chain whose cache tier
 * fails serves every read, and never a stale one after a failed invalidation), with a {@link
 * org.kvcaches.tck.fault.ChainFixture}; {@link org.kvcaches.tck.fault.KilledWriterContract} (a
 * writer killed with SIGKILL mid-put leaves the old value whole and nothing listed), with a {@link
 * org.kvcaches.tck.fault.KilledWriterFixture}. Both run through the TCK like the store contracts:
 * implement the interface in a test class and return the fixture.
 */
package org.kvcaches.tck.fault;
