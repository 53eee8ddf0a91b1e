package fi.paja.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import fi.paja.error.PajaException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A seeded random generator of structured and malformed commands: valid commands with one thing broken, deep
 * nesting, huge numbers, wrong types, Unicode edge cases, {@code $} operators, oversized text and random JSON. Each
 * case must either be a valid command that the board handles or refuses with a stable code, or be refused by the
 * decoder with a stable code — never another exception, and never a change when refused.
 */
class CommandFuzzTest {

  private static final String[] OPS = {"note.add", "note.update", "note.move", "note.delete", "cluster.create",
      "cluster.move", "vote.open", "vote.cast", "phase.add", "timer.start", "settings.update", "journey.create",
      "journey.cell.text", "note.place", "outcome.create", "outcome.update", "presence.hand", "view.follow", "nope"};
  private static final String[] FIELDS = {"op", "id", "text", "x", "y", "color", "noteIds", "title", "budget",
      "maxPerItem", "targets", "targetId", "seconds", "locked", "stages", "lanes", "journeyId", "stageId", "laneId",
      "kind", "zoom", "dx", "dy", "raised", "$where", "$set", "status", "due", "instructions", "__proto__"};
  private static final String[] STRINGS = {"", " ", "a", "note-id-0001", "yellow", "notes", "both", "current",
      "\u0000", "\u202e", "\ud800", "\uffff", "😀".repeat(3), "ääkköset åäö", "<script>alert(1)</script>",
      "=1+1", "x".repeat(2001), "y".repeat(70_000), "1e400", "{\"$gt\":\"\"}", "../../etc", "2026-02-30",
      "2026-12-31", "action", "done", "channel", "emotion"};

  private final Random random = new Random(20261125L);

  private Object value(int depth) {
    switch (random.nextInt(depth > 6 ? 5 : 9)) {
      case 0 :
        return STRINGS[random.nextInt(STRINGS.length)];
      case 1 :
        return random.nextInt(201) - 100;
      case 2 :
        return switch (random.nextInt(6)) {
          case 0 -> Double.NaN;
          case 1 -> Double.POSITIVE_INFINITY;
          case 2 -> 1e308;
          case 3 -> -1e-320;
          case 4 -> Long.MAX_VALUE;
          default -> random.nextDouble() * 200_000 - 100_000;
        };
      case 3 :
        return random.nextBoolean();
      case 4 :
        return null;
      case 5 :
      case 6 :
        JsonObject o = new JsonObject();
        for (int i = random.nextInt(4); i > 0; i--) {
          o.put(FIELDS[random.nextInt(FIELDS.length)], value(depth + 1));
        }
        return o;
      default :
        JsonArray a = new JsonArray();
        for (int i = random.nextInt(4); i > 0; i--) {
          a.add(value(depth + 1));
        }
        return a;
    }
  }

  private String someNote(List<String> noteIds) {
    return noteIds.isEmpty() ? "note-id-0001" : noteIds.get(random.nextInt(noteIds.size()));
  }

  /** A valid command of a random kind. */
  private JsonObject valid(List<String> noteIds) {
    return switch (random.nextInt(10)) {
      case 0, 1, 2 -> new JsonObject().put("op", "note.add").put("text", STRINGS[5 + random.nextInt(3)] + "idea")
          .put("x", random.nextInt(2000)).put("y", random.nextInt(2000));
      case 3 -> new JsonObject().put("op", "note.move").put("id", someNote(noteIds)).put("x", 1).put("y", 2);
      case 4 -> new JsonObject().put("op", "note.update").put("id", someNote(noteIds)).put("text", "changed");
      case 5 -> new JsonObject().put("op", "note.delete").put("id", someNote(noteIds));
      case 6 -> new JsonObject().put("op", "cluster.create").put("title", "group")
          .put("noteIds", new JsonArray().add(someNote(noteIds)));
      case 7 -> new JsonObject().put("op", "vote.open").put("targets", "both").put("budget", 3).put("maxPerItem", 2);
      case 8 -> new JsonObject().put("op", "vote.cast").put("targetId", someNote(noteIds));
      default -> new JsonObject().put("op", "settings.update").put("locked", random.nextBoolean());
    };
  }

  /** A valid command with one thing broken, or a plausible command with random fields. */
  private Object command(List<String> noteIds) {
    if (random.nextBoolean()) {
      JsonObject c = valid(noteIds);
      switch (random.nextInt(5)) {
        case 0 -> c.put(FIELDS[random.nextInt(FIELDS.length)], value(1));
        case 1 -> c.remove(c.fieldNames().stream().skip(random.nextInt(c.size())).findFirst().orElse("op"));
        case 2 -> c.put("$set", new JsonObject().put("x", 1));
        default -> {
        }
      }
      return c;
    }
    if (random.nextInt(10) == 0) {
      return random.nextBoolean() ? value(0) : garbageText();
    }
    JsonObject c = new JsonObject().put("op", OPS[random.nextInt(OPS.length)]);
    for (int i = random.nextInt(6); i > 0; i--) {
      String field = FIELDS[random.nextInt(FIELDS.length)];
      Object v = field.endsWith("d") && !noteIds.isEmpty() && random.nextBoolean()
          ? noteIds.get(random.nextInt(noteIds.size())) : value(1);
      c.put(field, v);
    }
    if (random.nextInt(20) == 0) {
      Object deep = "bottom";
      for (int i = 0; i < 5_000; i++) {
        deep = new JsonObject().put("n", deep);
      }
      c.put("text", deep);
    }
    return c;
  }

  private String garbageText() {
    StringBuilder sb = new StringBuilder();
    for (int i = random.nextInt(60); i > 0; i--) {
      sb.append((char) random.nextInt(0x80));
    }
    return sb.toString();
  }

  @Test
  void twelveThousandRandomCommandsEndInAStableCodeOrAValidChange() {
    AtomicInteger ids = new AtomicInteger();
    Board board = new Board("2b0c3c6e-6c55-4d8a-9d4e-0b8e8d1f0a11",
        () -> String.format("gen-id-%06d", ids.incrementAndGet()));
    board.restore(0, List.of(), List.of(new Participant("owner-000001", "Owner", Participant.FACILITATOR),
        new Participant("part-0000001", "Part", Participant.PARTICIPANT)));
    List<String> noteIds = new java.util.ArrayList<>();
    int decoded = 0;
    int applied = 0;
    for (int i = 0; i < 12_000; i++) {
      Object input = command(noteIds);
      Command command;
      try {
        command = CommandDecoder.decode(input);
        decoded++;
      } catch (PajaException refused) {
        assertTrue(refused.code().status() >= 400 && refused.code().status() < 500, refused.code().code());
        continue;
      } catch (RuntimeException e) {
        fail("case " + i + " " + abbreviate(input) + " threw " + e);
        return;
      }
      String before = board.toJson().encode();
      String actor = random.nextBoolean() ? "owner-000001" : "part-0000001";
      if (command instanceof Command.SetReady || command instanceof Command.SetHand) {
        continue; // presence flags never reach the board
      }
      try {
        Board.Outcome outcome = board.handle(command, actor, Instant.parse("2026-11-25T10:00:00Z").plusSeconds(i));
        applied++;
        String noteId = outcome.reply().getString("noteId");
        if (noteId != null) {
          noteIds.add(noteId);
        }
      } catch (PajaException refused) {
        assertEquals(before, board.toJson().encode(), "a refused " + command.op() + " changed the board");
      } catch (RuntimeException e) {
        fail("case " + i + " " + command + " threw " + e);
      }
    }
    // The generator must reach the board, not only the decoder's refusals.
    assertTrue(decoded > 500, "decoded " + decoded);
    assertTrue(applied > 100, "applied " + applied);
  }

  private static String abbreviate(Object o) {
    String s = String.valueOf(o);
    return s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }
}
