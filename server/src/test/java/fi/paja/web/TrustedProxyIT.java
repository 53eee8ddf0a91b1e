package fi.paja.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.support.Api;
import fi.paja.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Behind a reverse proxy every request comes from the proxy. With the proxy trusted (PAJA_TRUSTED_PROXIES), the
 * per-address limits count the clients it forwards, each on its own; without, a client's own X-Forwarded-For
 * header changes nothing.
 */
@ExtendWith(VertxExtension.class)
class TrustedProxyIT {

  private static int guess(Api api, String from, int attempts) throws Exception {
    int limited = 0;
    for (int i = 0; i < attempts; i++) {
      Api.Reply r = api.postForwarded("/api/join", from,
          new JsonObject().put("code", "ZZZZZ" + "23456789".charAt(i % 8)).put("name", "Arvaaja"));
      if (r.status() == 429) {
        assertEquals("rate_limited", r.errorCode());
        limited++;
      } else {
        assertEquals(404, r.status());
      }
    }
    return limited;
  }

  @Test
  void behindATrustedProxyOneGuesserDoesNotLockOutTheOthers(Vertx vertx) throws Exception {
    try (TestServer server = TestServer.start(vertx, Map.of("PAJA_TRUSTED_PROXIES", "127.0.0.1"))) {
      Api api = new Api(vertx, server.port());
      JsonObject workshop = api.createWorkshop(api.login(), "Asiakasraati");

      assertTrue(guess(api, "203.0.113.7", 14) >= 3, "the guesser is stopped");

      assertEquals(0, guess(api, "203.0.113.8", 1), "someone else behind the same proxy is not");
      Api.Reply joined = api.postForwarded("/api/join", "203.0.113.8",
          new JsonObject().put("code", workshop.getString("joinCode")).put("name", "Aino"));
      assertEquals(200, joined.status());
      assertEquals(429, api.postForwarded("/api/join", "203.0.113.7",
          new JsonObject().put("code", workshop.getString("joinCode")).put("name", "Arvaaja")).status());
    }
  }

  @Test
  void withoutTrustedProxiesAForwardedForHeaderDoesNotEscapeTheLimit(Vertx vertx) throws Exception {
    try (TestServer server = TestServer.start(vertx)) {
      Api api = new Api(vertx, server.port());
      int limited = 0;
      for (int i = 0; i < 14; i++) {
        limited += guess(api, "203.0.113." + (i + 1), 1);
      }
      assertTrue(limited >= 3, "limited " + limited);
    }
  }
}
