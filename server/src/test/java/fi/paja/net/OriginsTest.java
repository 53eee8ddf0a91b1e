package fi.paja.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.net.HostAndPort;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which {@code Origin} values may use the event bus: the request's own, PAJA_PUBLIC_URL's, PAJA_ALLOWED_ORIGINS. */
class OriginsTest {

  private final Origins origins = Origins.allowing(Optional.of("https://paja.example.fi/paja"),
      List.of("https://partner.example", "http://intra.example:8080"));

  private boolean allows(String origin, boolean tls, String host, int port) {
    return origins.allows(origin, tls, HostAndPort.create(host, port));
  }

  @Test
  void theRequestsOwnOriginIsAllowed() {
    assertTrue(allows("http://127.0.0.1:8080", false, "127.0.0.1", 8080));
    assertTrue(allows("http://paja.local", false, "paja.local", -1));
    assertTrue(allows("http://paja.local:80", false, "paja.local", -1));
    assertTrue(allows("HTTP://Paja.Local", false, "PAJA.local", 80));
    assertTrue(allows("https://paja.local", true, "paja.local", -1));
    assertTrue(allows("http://[::1]:8080", false, "[::1]", 8080));
  }

  @Test
  void anotherSchemePortOrHostIsNotTheRequestsOwn() {
    assertFalse(allows("https://127.0.0.1:8080", false, "127.0.0.1", 8080));
    assertFalse(allows("http://127.0.0.1:8081", false, "127.0.0.1", 8080));
    assertFalse(allows("http://127.0.0.1", false, "127.0.0.1", 8080));
    assertFalse(allows("http://paja.local", true, "paja.local", -1));
    assertFalse(allows("http://evil.example", false, "127.0.0.1", 8080));
    assertFalse(allows("http://127.0.0.1:8080", false, "127.0.0.2", 8080));
  }

  @Test
  void withoutAHostOnlyConfiguredOriginsAreAllowed() {
    assertFalse(origins.allows("http://127.0.0.1:8080", false, null));
    assertTrue(origins.allows("https://partner.example", false, null));
  }

  @Test
  void publicUrlsOriginAndTheConfiguredOnesAreAllowedWhateverTheHost() {
    assertTrue(allows("https://paja.example.fi", false, "10.0.0.5", 8080));
    assertTrue(allows("https://paja.example.fi:443", false, "10.0.0.5", 8080));
    assertTrue(allows("https://partner.example", false, "10.0.0.5", 8080));
    assertTrue(allows("http://intra.example:8080", false, "10.0.0.5", 8080));
    assertFalse(allows("http://paja.example.fi", false, "10.0.0.5", 8080));
    assertFalse(allows("http://intra.example", false, "10.0.0.5", 8080));
    assertFalse(allows("https://partner.example.evil.example", false, "10.0.0.5", 8080));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "null", "*", "127.0.0.1:8080", "http://127.0.0.1:8080/", "http://127.0.0.1:8080/x",
      "http://u@127.0.0.1:8080", "http://127.0.0.1:8080?x", "http://127.0.0.1:8080#x", "ws://127.0.0.1:8080",
      "file://", "http://127.0.0.1:8080.evil.example", "http:// 127.0.0.1:8080", "http://127.0.0.1:8080 "})
  void anythingButASerialisedOriginIsRefused(String origin) {
    assertNull(Origins.parse(origin));
    assertFalse(allows(origin, false, "127.0.0.1", 8080));
  }

  @Test
  void configuredOriginsAreCanonical() {
    assertEquals("https://partner.example", Origins.normalize(" HTTPS://Partner.example:443/ "));
    assertEquals("http://[::1]:8080", Origins.normalize("http://[::1]:8080"));
    assertThrows(IllegalArgumentException.class, () -> Origins.normalize("*"));
    assertThrows(IllegalArgumentException.class, () -> Origins.normalize("https://partner.example/app"));
    assertThrows(IllegalArgumentException.class, () -> Origins.normalize("partner.example"));
  }
}
