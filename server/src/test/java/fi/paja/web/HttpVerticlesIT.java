package fi.paja.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fi.paja.support.ServerTestBase;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bridge's deliveries are spread over one HTTP verticle per core. Vert.x balances connections only among
 * servers listening on the same port; asked for port 0, each would get a port of its own and all but the first
 * would serve nobody (the bench's in-process server did exactly that until session 4).
 */
class HttpVerticlesIT extends ServerTestBase {

  @Test
  void everyHttpVerticleListensOnThePortPickedForPortZero() {
    List<Integer> ports = server.httpPorts();
    assertEquals(Math.max(1, Runtime.getRuntime().availableProcessors()), ports.size());
    assertEquals(List.of(server.port()), ports.stream().distinct().toList());
    assertEquals(Collections.nCopies(ports.size(), server.port()), ports);
  }
}
