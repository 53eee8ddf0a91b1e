package fi.paja;

import io.vertx.core.transport.Transport;
import java.util.List;

/**
 * Which network transport the server's Vert.x runs on. Fanning one event out to a thousand sockets is a thousand
 * socket writes; Linux's io_uring submits a loop's writes together and cut the fan-out's tail latency by about a
 * third against epoll in docs/BENCHMARKS.md, and epoll beats the JDK's NIO. Container runtimes often forbid
 * io_uring (seccomp) and some kernels disable it, so {@code auto} takes the best one that works here.
 */
public final class NetworkTransport {

  private NetworkTransport() {
  }

  /** The transport for a {@code PAJA_TRANSPORT} setting; fails if a named one is not available here. */
  public static Transport choose(String setting) {
    if ("auto".equals(setting)) {
      for (Transport t : List.of(Transport.IO_URING, Transport.EPOLL)) {
        if (t.available()) {
          return t;
        }
      }
      return Transport.NIO;
    }
    Transport named = switch (setting) {
      case "io_uring" -> Transport.IO_URING;
      case "epoll" -> Transport.EPOLL;
      default -> Transport.NIO;
    };
    if (!named.available()) {
      throw new IllegalStateException("PAJA_TRANSPORT=" + setting + " is not available here: "
          + named.unavailabilityCause());
    }
    return named;
  }
}
