/**
 * Fault injection for tests of stores and chains: {@link org.kvcaches.tck.fault.FaultyStore} plants
 * failures, delays, lost writes and broken streams in a store; {@link org.kvcaches.tck.fault.FaultProxy}
 * breaks and repairs the network in front of a server; {@link org.kvcaches.tck.fault.ChildJvm} runs
 * another process of a multi-process test.
 */
package org.kvcaches.tck.fault;
