package fi.paja;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.transport.Transport;
import org.junit.jupiter.api.Test;

class NetworkTransportTest {

  @Test
  void autoTakesTheBestTransportThatWorksHere() {
    Transport chosen = NetworkTransport.choose("auto");
    assertTrue(chosen.available(), chosen.name());
    if (Transport.EPOLL.available()) {
      assertEquals(Transport.EPOLL.name(), chosen.name());
    }
  }

  @Test
  void nioIsAlwaysThere() {
    assertEquals(Transport.NIO.name(), NetworkTransport.choose("nio").name());
  }
}
