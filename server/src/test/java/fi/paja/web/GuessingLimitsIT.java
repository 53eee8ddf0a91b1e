package fi.paja.web;

import static fi.paja.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.support.Api;
import fi.paja.support.ServerTestBase;
import fi.paja.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Guessing limits hold when the guesses come all at once (each attempt is reserved before it is checked), and a
 * guesser on one address does not lock the facilitator out on another. Behind a trusted proxy, so that requests can
 * come from several addresses.
 */
class GuessingLimitsIT extends ServerTestBase {

  private WebClient client;

  @Override
  protected Map<String, String> settings() {
    return Map.of("PAJA_TRUSTED_PROXIES", "127.0.0.1");
  }

  @BeforeAll
  void setUp() throws Exception {
    client = WebClient.create(vertx, new WebClientOptions(), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(200));
  }

  @AfterAll
  void closeClient() throws Exception {
    client.close();
  }

  /** {@code count} POSTs sent together from one forwarded address; their status codes. */
  private List<Integer> parallel(String path, String from, int count, java.util.function.IntFunction<JsonObject> body)
      throws Exception {
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      sent.add(client.post(server.port(), "127.0.0.1", path).putHeader("X-Forwarded-For", from)
          .sendJsonObject(body.apply(i)));
    }
    List<Integer> statuses = new ArrayList<>();
    for (Future<HttpResponse<Buffer>> f : sent) {
      statuses.add(await(f).statusCode());
    }
    return statuses;
  }

  private static long count(List<Integer> statuses, int status) {
    return statuses.stream().filter(s -> s == status).count();
  }

  @Test
  void fortyParallelLoginsCheckAtMostTenPasswordsAndTheFacilitatorStillLogsInElsewhere() throws Exception {
    List<Integer> statuses = parallel("/api/login", "198.51.100.40", 40, i -> new JsonObject()
        .put("username", TestServer.ADMIN).put("password", "wrong-password-" + i));
    assertEquals(40, count(statuses, 401) + count(statuses, 429), statuses.toString());
    assertTrue(count(statuses, 401) <= 10, "passwords checked: " + count(statuses, 401) + " " + statuses);

    // The guesser's address is locked ...
    Api.Reply fromGuesser = api.postForwarded("/api/login", "198.51.100.40", new JsonObject()
        .put("username", TestServer.ADMIN).put("password", TestServer.ADMIN_PASSWORD));
    assertEquals(429, fromGuesser.status());
    // ... the facilitator at her own desk is not.
    Api.Reply fromOffice = api.postForwarded("/api/login", "192.0.2.10", new JsonObject()
        .put("username", TestServer.ADMIN).put("password", TestServer.ADMIN_PASSWORD));
    assertEquals(200, fromOffice.status(), fromOffice.body().encode());
  }

  @Test
  void aHundredAndTenParallelWrongCodesCheckAtMostTen() throws Exception {
    List<Integer> statuses = parallel("/api/join", "198.51.100.110", 110, i -> new JsonObject()
        .put("code", "ZZZ" + String.format("%03d", i).replace('0', 'A').replace('1', 'B')).put("name", "Arvaaja"));
    assertEquals(110, count(statuses, 404) + count(statuses, 429), statuses.toString());
    assertTrue(count(statuses, 404) <= 10, "codes checked: " + count(statuses, 404));
  }

  @Test
  void aRightCodeDoesNotUseUpTheWrongCodeAllowance() throws Exception {
    JsonObject workshop = api.createWorkshop(api.login(), "Oikea koodi");
    for (int i = 0; i < 15; i++) {
      Api.Reply r = api.postForwarded("/api/join", "198.51.100.15",
          new JsonObject().put("code", workshop.getString("joinCode")).put("name", "Nimi " + i));
      assertEquals(200, r.status(), r.body().encode());
    }
  }
}
