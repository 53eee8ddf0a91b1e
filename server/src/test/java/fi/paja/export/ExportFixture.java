package fi.paja.export;

import fi.paja.board.Board;
import fi.paja.board.Command;
import fi.paja.board.Participant;
import fi.paja.board.Visibility;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A small, fixed workshop with every kind of content, for export tests. */
final class ExportFixture {

  static final String OWNER = "owner-00000001";
  static final String AINO = "aino-00000002";
  static final String BERTIL = "bertil-0000003";
  static final Instant T = Instant.parse("2026-11-25T10:00:00Z");

  private ExportFixture() {
  }

  /** The owner's snapshot of the fixture workshop; {@code anonymous} sets the workshop's anonymous mode. */
  static JsonObject snapshot(boolean anonymous) {
    AtomicInteger ids = new AtomicInteger();
    Board board = new Board("2b0c3c6e-6c55-4d8a-9d4e-0b8e8d1f0a11",
        () -> String.format("id-%08d", ids.incrementAndGet()));
    board.restore(0, List.of(), List.of(new Participant(OWNER, "Fasilitaattori", Participant.FACILITATOR),
        new Participant(AINO, "Aino Åkerlund", Participant.PARTICIPANT),
        new Participant(BERTIL, "Bertil \"Berra\" Ek", Participant.PARTICIPANT)));
    run(board, OWNER, new Command.UpdateSettings(new JsonObject().put("anonymous", anonymous)));
    run(board, OWNER, new Command.AddPhase("Ideointi", "Kirjoita yksi ajatus yhteen lappuun."));
    String a = note(board, AINO, "Jonot ovat pitkiä, ja \"takaisinsoitto\" ei toimi", 0, 0);
    String b = note(board, BERTIL, "=SUM(A1:A9) ei ole idea, vaan kaava", 220, 0);
    String c = note(board, AINO, "Rivi yksi\nRivi två, med komma", 0, 200);
    String d = note(board, BERTIL, "+358 40 123 — soita minulle", 220, 200);
    String e = note(board, AINO, "@kaikki: *tähdet* ja <b>tagit</b> | putki", 440, 0);
    String cluster = ((JsonObject) run(board, AINO, new Command.CreateCluster(Optional.empty(), "Puhelinpalvelu",
        List.of(a, b)))).getString("clusterId");
    run(board, OWNER, new Command.OpenVote("both", 3, 2, true, Optional.empty()));
    run(board, AINO, new Command.CastVote(a, 1));
    run(board, AINO, new Command.CastVote(a, 1));
    run(board, BERTIL, new Command.CastVote(cluster, 1));
    run(board, BERTIL, new Command.CastVote(d, 1));
    run(board, OWNER, new Command.CloseVote());
    String action = ((JsonObject) run(board, OWNER, new Command.CreateOutcome("action", Optional.empty(),
        "Selvitetään takaisinsoiton toimivuus.", "Palvelupäällikkö Öberg", "2026-12-31", Optional.of(a),
        Optional.empty(), true, null))).getString("outcomeId");
    run(board, OWNER, new Command.UpdateOutcome(action, new JsonObject().put("status", "in_progress")
        .put("explanation", "Työ on aloitettu, valmista tammikuussa.")));
    run(board, OWNER, new Command.CreateOutcome("decision", Optional.of("-Päätös: chat avataan arkisin"), null,
        null, null, Optional.empty(), Optional.empty(), false, null));
    run(board, OWNER, new Command.CreateJourney("Palvelupolku nyt", "current", List.of("Tarpeen huomaaminen",
        "Yhteydenotto"),
        List.of(new Command.LaneSpec("Kanavat", "channel"), new Command.LaneSpec("Tunteet", "emotion"))));
    JsonObject snapshot = board.snapshotFor(new Visibility.Viewer(OWNER, true), T.toEpochMilli());
    return snapshot.put("id", board.workshopId()).put("title", "Asiakasraati: puhelinpalvelu & chat")
        .put("template", "client-panel").put("createdAt", T.toString()).put("joinCode", "K7M3QX")
        .put("you", new JsonObject().put("participantId", OWNER).put("role", "facilitator"));
  }

  private static String note(Board board, String who, String text, double x, double y) {
    return ((JsonObject) run(board, who, new Command.AddNote(Optional.empty(), text, x, y, "yellow")))
        .getString("noteId");
  }

  private static Object run(Board board, String who, Command command) {
    return board.handle(command, who, T).reply();
  }
}
