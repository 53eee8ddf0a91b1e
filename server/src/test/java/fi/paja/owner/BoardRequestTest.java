package fi.paja.owner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fi.paja.board.Participant;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The requests a board's owner takes on {@code paja.board.<id>.internal} are a contract between nodes: a node of an
 * older build sends and reads the JSON below, written as {@code BoardClient} built it by hand before the requests
 * were typed. Every permitted kind of {@link BoardRequest} has its shape here, is read back from it, and reaches a
 * handler of its own.
 */
class BoardRequestTest {

  /** One request of each kind, and its JSON on the bus exactly (field order included). */
  static final Map<BoardRequest, String> WIRE = new LinkedHashMap<>();

  static {
    WIRE.put(new BoardRequest.Join(new Participant("p1", "Otter", Participant.PARTICIPANT)),
        "{\"op\":\"participant.join\",\"participant\":{\"id\":\"p1\",\"name\":\"Otter\",\"role\":\"participant\"}}");
    WIRE.put(new BoardRequest.Snapshot("p1"), "{\"op\":\"snapshot\",\"participantId\":\"p1\"}");
    WIRE.put(new BoardRequest.EventsSince(41, "p1"), "{\"op\":\"events.since\",\"after\":41,\"participantId\":\"p1\"}");
    WIRE.put(new BoardRequest.Public(), "{\"op\":\"public\"}");
    WIRE.put(new BoardRequest.LinkOutcome("o1", new JsonObject().put("url", "https://x/1"), null, "f1"),
        "{\"op\":\"outcome.link\",\"id\":\"o1\",\"github\":{\"url\":\"https://x/1\"},\"status\":null,"
            + "\"actorId\":\"f1\"}");
    WIRE.put(new BoardRequest.ClaimPush("o1", 40_000, "f1"),
        "{\"op\":\"outcome.push\",\"id\":\"o1\",\"holdMillis\":40000,\"participantId\":\"f1\"}");
    WIRE.put(new BoardRequest.PushFailed("o1", "upstream_timeout", "slow"),
        "{\"op\":\"outcome.push.failed\",\"id\":\"o1\",\"code\":\"upstream_timeout\",\"message\":\"slow\"}");
    WIRE.put(new BoardRequest.Whois("p1"), "{\"op\":\"whois\",\"participantId\":\"p1\"}");
    WIRE.put(new BoardRequest.PresenceConnect("p1", "s1"),
        "{\"op\":\"presence.connect\",\"participantId\":\"p1\",\"socketId\":\"s1\"}");
    WIRE.put(new BoardRequest.PresenceDisconnect("p1", "s1"),
        "{\"op\":\"presence.disconnect\",\"participantId\":\"p1\",\"socketId\":\"s1\"}");
    WIRE.put(new BoardRequest.PresenceRefresh(), "{\"op\":\"presence.refresh\"}");
    WIRE.put(new BoardRequest.LifeChanged("2024-05-01T10:00:00Z", null),
        "{\"op\":\"life.changed\",\"closedAt\":\"2024-05-01T10:00:00Z\"}");
    WIRE.put(new BoardRequest.Delete(), "{\"op\":\"life.delete\"}");
    WIRE.put(new BoardRequest.ExportPerson("f1", "p1"),
        "{\"op\":\"privacy.export\",\"participantId\":\"f1\",\"subjectId\":\"p1\"}");
    WIRE.put(new BoardRequest.Anonymise(), "{\"op\":\"privacy.anonymise\"}");
    WIRE.put(new BoardRequest.JoinCodeChanged("ABC123"), "{\"op\":\"joinCode.changed\",\"joinCode\":\"ABC123\"}");
  }

  @Test
  void everyKindOfRequestHasItsWireShapeHere() {
    assertEquals(names(Arrays.asList(BoardRequest.class.getPermittedSubclasses())),
        names(WIRE.keySet().stream().map(Object::getClass).toList()), "kinds of BoardRequest without a shape here");
  }

  @Test
  void eachRequestIsWrittenAsBeforeAndReadBack() {
    WIRE.forEach((request, json) -> {
      assertEquals(json, request.toJson().encode(), request.op());
      assertEquals(request, BoardRequest.fromJson(new JsonObject(json)), request.op());
    });
  }

  @Test
  void wireNamesAreUniqueAndAllRead() {
    List<String> ops = WIRE.keySet().stream().map(BoardRequest::op).toList();
    assertEquals(ops.size(), Set.copyOf(ops).size(), "two kinds share a wire name: " + ops);
    assertEquals(new TreeSet<>(ops), new TreeSet<>(BoardRequest.READERS.keySet()));
  }

  @Test
  void lifeChangedLeavesOutWhatIsAbsent() {
    assertEquals("{\"op\":\"life.changed\"}", new BoardRequest.LifeChanged(null, null).toJson().encode());
    assertEquals("{\"op\":\"life.changed\",\"archivedAt\":\"a\"}",
        new BoardRequest.LifeChanged(null, "a").toJson().encode());
  }

  @Test
  void aPushClaimWithoutItsHoldGetsTheDefault() {
    BoardRequest read = BoardRequest.fromJson(new JsonObject("{\"op\":\"outcome.push\",\"id\":\"o1\"}"));
    assertEquals(new BoardRequest.ClaimPush("o1", 30_000, null), read);
  }

  @Test
  void anUnknownOpIsRefused() {
    PajaException e = assertThrows(PajaException.class,
        () -> BoardRequest.fromJson(new JsonObject().put("op", "board.explode")));
    assertEquals(ErrorCode.UNKNOWN_OP, e.code());
    assertEquals(ErrorCode.UNKNOWN_OP,
        assertThrows(PajaException.class, () -> BoardRequest.fromJson(new JsonObject())).code());
  }

  /** Each kind reaches the handler method made for it, and no two kinds share one. */
  @Test
  void eachKindReachesItsOwnHandler() {
    Map<String, String> handledBy = new LinkedHashMap<>();
    String[] called = new String[1];
    BoardRequest.Handlers recorder = (BoardRequest.Handlers) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {BoardRequest.Handlers.class}, (proxy, method, args) -> {
          assertEquals(method.getParameterTypes()[0], args[0].getClass(), method.getName());
          called[0] = method.getName();
          return null;
        });
    for (BoardRequest request : WIRE.keySet()) {
      called[0] = null;
      request.handledBy(recorder, null);
      handledBy.put(request.op(), called[0]);
    }
    assertEquals(WIRE.size(), Set.copyOf(handledBy.values()).size(), "handlers: " + handledBy);
    assertEquals(BoardRequest.Handlers.class.getDeclaredMethods().length, WIRE.size());
  }

  private static Set<String> names(List<? extends Class<?>> classes) {
    return classes.stream().map(Class::getSimpleName).collect(Collectors.toCollection(TreeSet::new));
  }
}
