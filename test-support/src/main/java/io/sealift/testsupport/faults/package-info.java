/**
 * The fault-injection kit: a TCP proxy that breaks connections on demand ({@link
 * io.sealift.testsupport.faults.FaultyProxy}, controlled per direction through {@link
 * io.sealift.testsupport.faults.Link}), and switches that SIGKILL or SIGSTOP a process at a chosen
 * point ({@link io.sealift.testsupport.faults.KillSwitch} on a {@link
 * io.sealift.testsupport.faults.Trigger}, and {@link io.sealift.testsupport.faults.ProcessSignals}).
 *
 * <p>Everything public here is for tests driving real sockets and real processes; the pumps,
 * the token bucket and the fault values stay package-private. See {@code docs/testing.md}.
 */
package io.sealift.testsupport.faults;
