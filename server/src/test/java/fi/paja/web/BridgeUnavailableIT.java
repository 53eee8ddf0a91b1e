package fi.paja.web;

import static fi.paja.support.Api.addNote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import fi.paja.board.Addresses;
import fi.paja.error.ErrorCode;
import fi.paja.support.RawBridge;
import fi.paja.support.ServerTestBase;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A bridge frame whose check fails for a moment (the database or the board does not answer) is checked again, and
 * one that still cannot be checked is answered {@code unavailable} (503, try again), never {@code rejected}, which
 * means "not allowed". Faults are injected on the server's event bus: a board's activation or its {@code whois}
 * answered as a board whose database did not answer. Over xhr-polling, where it was seen under load.
 */
class BridgeUnavailableIT extends ServerTestBase {

  private String workshopId;
  private JsonObject aino;
  private JsonObject bertil;
  private final List<RawBridge> bridges = new ArrayList<>();
  private Handler<DeliveryContext<Object>> fault;

  @BeforeEach
  void freshWorkshop() throws Exception {
    JsonObject workshop = api.createWorkshop(api.facilitator(), "Asiakasraati");
    workshopId = workshop.getString("id");
    aino = api.join(workshop.getString("joinCode"), "Aino");
    bertil = api.join(workshop.getString("joinCode"), "Bertil");
  }

  @AfterEach
  void clear() throws Exception {
    healed();
    for (RawBridge b : bridges) {
      b.close();
    }
    bridges.clear();
  }

  @Test
  void aRegistrationSucceedsWhenTheBoardFailsToActivateOnce() throws Exception {
    member(aino);
    failing(activations(), 1);
    RawBridge b = member(bertil);
    assertFalse(b.receives(err(), 200), "no err frame");
  }

  @Test
  void aRegistrationSucceedsWhenTheBoardFailsToSayWhoTheMemberIsOnce() throws Exception {
    failing(whois(), 1);
    RawBridge b = member(bertil);
    assertFalse(b.receives(err(), 200), "no err frame");
  }

  @Test
  void aRegistrationThatCannotBeCheckedIsAnsweredUnavailableNotRejected() throws Exception {
    failing(activations(), Integer.MAX_VALUE);
    RawBridge b = bridge();
    b.register(events(), bertil.getString("token"));
    JsonObject err = b.awaitFrame(err(), 15_000);
    assertEquals(events(), err.getString("address"), err.encode());
    assertEquals(BridgeGuard.UNAVAILABLE, err.getString("message"), err.encode());
    assertEquals(503, err.getInteger("failureCode"), err.encode());
    // Retryable: once the board answers again the same socket registers as usual.
    healed();
    b.register(presence(), bertil.getString("token"));
    b.register(events(), bertil.getString("token"));
    awaitOnline(b, bertil);
    assertFalse(b.receives(f -> "rejected".equals(f.getString("body")), 200), "nothing rejected");
  }

  @Test
  void aCommandSentWhileTheBoardFailsToActivateOnceIsApplied() throws Exception {
    RawBridge a = member(aino);
    failing(activations(), 1);
    JsonObject reply = a.request(cmd(), addNote("still there", 0, 0), aino.getString("token"));
    assertEquals("rec", reply.getString("type"), reply.encode());
  }

  @Test
  void aCommandThatCannotBeCheckedGetsUnavailableOnItsReplyAddress() throws Exception {
    RawBridge a = member(aino);
    long before = seq();
    failing(activations(), Integer.MAX_VALUE);
    String replyAddress = a.send(cmd(), addNote("x", 0, 0), new JsonObject().put("token", aino.getString("token")));
    JsonObject reply = a.awaitFrame(f -> replyAddress.equals(f.getString("address")), 15_000);
    assertEquals("err", reply.getString("type"), reply.encode());
    assertEquals(503, reply.getInteger("failureCode"), reply.encode());
    assertEquals(BridgeGuard.UNAVAILABLE, reply.getString("message"), reply.encode());
    healed();
    assertEquals(before, seq());
    assertFalse(a.receives(f -> "rejected".equals(f.getString("body")), 200), "nothing rejected");
  }

  /** Registers for presence and events and waits until the member shows as online. */
  private RawBridge member(JsonObject who) throws Exception {
    RawBridge b = bridge();
    b.register(presence(), who.getString("token"));
    b.register(events(), who.getString("token"));
    awaitOnline(b, who);
    return b;
  }

  private void awaitOnline(RawBridge b, JsonObject who) throws Exception {
    b.awaitFrame(f -> presence().equals(f.getString("address")) && "rec".equals(f.getString("type"))
        && f.getJsonObject("body").getJsonArray("online").contains(who.getString("participantId")), 10_000);
  }

  /**
   * The next {@code times} messages matching {@code which} are answered as a board whose database did not answer
   * ({@code storage_unavailable}, 503) instead of reaching it.
   */
  private void failing(Predicate<Message<Object>> which, int times) {
    healed();
    AtomicInteger left = new AtomicInteger(times);
    fault = ctx -> {
      if (which.test(ctx.message()) && left.getAndDecrement() > 0) {
        ctx.message().fail(503, ErrorCode.STORAGE_UNAVAILABLE.code());
        return;
      }
      ctx.next();
    };
    vertx.eventBus().addInboundInterceptor(fault);
  }

  private void healed() {
    if (fault != null) {
      vertx.eventBus().removeInboundInterceptor(fault);
      fault = null;
    }
  }

  private Predicate<Message<Object>> activations() {
    return m -> Addresses.ACTIVATE.equals(m.address()) && m.body() instanceof JsonObject body
        && workshopId.equals(body.getString("workshopId"));
  }

  private Predicate<Message<Object>> whois() {
    return m -> Addresses.internal(workshopId).equals(m.address()) && m.body() instanceof JsonObject body
        && "whois".equals(body.getString("op"));
  }

  private static Predicate<JsonObject> err() {
    return f -> "err".equals(f.getString("type"));
  }

  private RawBridge bridge() throws Exception {
    RawBridge b = RawBridge.connectXhrPolling(vertx, server.port());
    bridges.add(b);
    return b;
  }

  private String events() {
    return Addresses.events(workshopId);
  }

  private String presence() {
    return Addresses.presence(workshopId);
  }

  private String cmd() {
    return Addresses.commands(workshopId);
  }

  private long seq() throws Exception {
    return api.get("/api/workshops/" + workshopId, aino.getString("token")).body().getLong("seq");
  }
}
