package fi.paja;

import io.vertx.core.transport.Transport;

/**
 * Which network transport the server's Vert.x runs on. Fanning one event out to a thousand sockets is a thousand
 * socket writes, and Linux's epoll does them with fewer copies and allocations than the JDK's NIO: in
 * docs/BENCHMARKS.md it roughly halved scenario 1's p99. io_uring is not offered: with Netty 4.2.9
 * under Vert.x 5.0.7 it stopped delivering replies under load here (see docs/BENCHMARKS.md).
 */
public final class NetworkTransport {

  private NetworkTransport() {
  }

  /** The transport for a {@code PAJA_TRANSPORT} setting; fails if a named one is not available here. */
  public static Transport choose(String setting) {
    if ("auto".equals(setting)) {
      return Transport.EPOLL.available() ? Transport.EPOLL : Transport.NIO;
    }
    Transport named = "epoll".equals(setting) ? Transport.EPOLL : Transport.NIO;
    if (!named.available()) {
      throw new IllegalStateException("PAJA_TRANSPORT=" + setting + " is not available here: "
          + named.unavailabilityCause());
    }
    return named;
  }
}
