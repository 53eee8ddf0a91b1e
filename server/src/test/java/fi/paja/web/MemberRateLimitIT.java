package fi.paja.web;

import static fi.paja.support.Api.addNote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.support.Api;
import fi.paja.support.RawBridge;
import fi.paja.support.ServerTestBase;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The command rate limit counts a member, not a socket: one person with ten sockets (or sockets and REST) gets what
 * one socket gets, not ten times as much.
 */
class MemberRateLimitIT extends ServerTestBase {

  /** Commands answered {@code rec} among {@code replies} on a socket; the rest must be {@code rate_limited}. */
  private static int accepted(RawBridge socket, List<String> replies) throws Exception {
    int ok = 0;
    for (String address : replies) {
      JsonObject reply = socket.awaitFrame(f -> address.equals(f.getString("address")), 15_000);
      if ("rec".equals(reply.getString("type"))) {
        ok++;
      } else {
        assertEquals("rate_limited", reply.getString("message"), reply.encode());
        assertEquals(429, reply.getInteger("failureCode"));
      }
    }
    return ok;
  }

  @Test
  void tenSocketsOfOneMemberShareOneBudget() throws Exception {
    JsonObject workshop = api.createWorkshop(api.login(), "Kymmenen pistoketta");
    String workshopId = workshop.getString("id");
    JsonObject aino = api.join(workshop.getString("joinCode"), "Aino");
    JsonObject token = new JsonObject().put("token", aino.getString("token"));
    String cmd = "workshop." + workshopId + ".cmd";
    List<RawBridge> sockets = new ArrayList<>();
    try {
      for (int s = 0; s < 10; s++) {
        sockets.add(RawBridge.connect(vertx, server.port()));
      }
      // 30 commands on each of ten sockets, all at once: under the bridge's 64 pending replies per socket and
      // under the burst of 40 that one socket alone may send.
      long start = System.nanoTime();
      List<List<String>> replies = new ArrayList<>();
      for (RawBridge socket : sockets) {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
          mine.add(socket.send(cmd, addNote("tulva " + i, i, 0), token));
        }
        replies.add(mine);
      }
      int ok = 0;
      for (int s = 0; s < sockets.size(); s++) {
        ok += accepted(sockets.get(s), replies.get(s));
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      // One member's budget: a burst of 40 and 20 a second after it.
      long allowed = 40 + Math.round(20 * seconds) + 5;
      System.out.printf("MemberRateLimitIT: 300 commands on 10 sockets of one member in %.1f s: %d accepted%n",
          seconds, ok);
      assertTrue(ok <= allowed, ok + " accepted in " + seconds + " s; one member may send " + allowed);
      assertTrue(ok >= 40, "the burst is accepted: " + ok);
    } finally {
      for (RawBridge socket : sockets) {
        socket.close();
      }
    }
  }

  @Test
  void socketsAndRestShareOneBudget() throws Exception {
    JsonObject workshop = api.createWorkshop(api.login(), "Pistoke ja REST");
    String workshopId = workshop.getString("id");
    JsonObject bertil = api.join(workshop.getString("joinCode"), "Bertil");
    String cmd = "workshop." + workshopId + ".cmd";
    try (RawBridge socket = RawBridge.connect(vertx, server.port())) {
      List<String> replies = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        replies.add(socket.send(cmd, addNote("pistoke " + i, i, 0),
            new JsonObject().put("token", bertil.getString("token"))));
      }
      assertEquals(40, accepted(socket, replies), "the socket's burst");
      // The burst is spent: REST, the same person, is limited at once (a few tokens may have come back meanwhile).
      int limited = 0;
      for (int i = 0; i < 20; i++) {
        Api.Reply r = api.command(workshopId, bertil.getString("token"), addNote("rest " + i, i, 10));
        if (r.status() == 429) {
          assertEquals("rate_limited", r.errorCode());
          limited++;
        }
      }
      assertTrue(limited >= 5, "REST after the socket's burst: " + limited + " of 20 limited");
    }
  }
}
