package fi.paja.board;

import static fi.paja.board.FacilitationFixture.OWNER;
import static fi.paja.board.FacilitationFixture.PAT;
import static fi.paja.board.FacilitationFixture.PIA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.error.ErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** docs/PROTOCOL.md, "Facilitation commands": cluster.* and note.ungroup. */
class ClusterTest {

  private FacilitationFixture f;
  private String a;
  private String b;
  private String c;

  @BeforeEach
  void notes() {
    f = new FacilitationFixture();
    a = f.addNoteAt(PAT, "A", 10, 20);
    b = f.addNoteAt(PIA, "B", -30, 40);
    c = f.addNoteAt(OWNER, "C", 0, 0);
  }

  private List<String> types(Board.Outcome outcome) {
    return outcome.events().stream().map(Event::type).toList();
  }

  private boolean exists(String clusterId) {
    return f.board.clusters().stream().anyMatch(x -> x.id().equals(clusterId));
  }

  @Test
  void createWithNotesSetsTheirClusterIdAndRepliesWithTheClusterId() {
    Board.Outcome outcome = f.handle(new Command.CreateCluster(Optional.empty(), "Themes", List.of(a, b)), PAT);

    String id = outcome.reply().getString("clusterId");
    assertNotNull(id);
    assertEquals(id, f.note(a).clusterId());
    assertEquals(id, f.note(b).clusterId());
    assertNull(f.note(c).clusterId());
    assertEquals(List.of(new Cluster(id, "Themes")), List.copyOf(f.board.clusters()));
  }

  @Test
  void createEmitsClusterChangedThenNoteUpdatedForEachNote() {
    Board.Outcome outcome = f.handle(new Command.CreateCluster(Optional.empty(), "Themes", List.of(a, b)), PAT);

    assertEquals(List.of("cluster.changed", "note.updated", "note.updated"), types(outcome));
    String id = outcome.reply().getString("clusterId");
    JsonObject first = outcome.events().get(0).toJson();
    assertEquals(new JsonObject().put("id", id).put("title", "Themes"), first.getJsonObject("cluster"));
    JsonObject noteA = outcome.events().get(1).toJson().getJsonObject("note");
    JsonObject noteB = outcome.events().get(2).toJson().getJsonObject("note");
    assertEquals(a, noteA.getString("id"));
    assertEquals(b, noteB.getString("id"));
    assertEquals(id, noteA.getString("clusterId"));
    assertEquals(id, noteB.getString("clusterId"));
    long seq = outcome.events().get(0).seq();
    assertEquals(List.of(seq, seq + 1, seq + 2), outcome.events().stream().map(Event::seq).toList());
  }

  @Test
  void createWithAClientChosenIdUsesIt() {
    String id = f.handle(new Command.CreateCluster(Optional.of("my-cluster-1"), "", List.of(a)), PAT).reply()
        .getString("clusterId");

    assertEquals("my-cluster-1", id);
    assertEquals("my-cluster-1", f.note(a).clusterId());
  }

  @Test
  void createWithAnIdThatANoteHasIsNoteIdTaken() {
    assertEquals(ErrorCode.NOTE_ID_TAKEN, f.refusal(new Command.CreateCluster(Optional.of(b), "", List.of(a)), PAT));
  }

  @Test
  void createWithAnUnknownNoteIsNoteNotFoundAndChangesNothing() {
    assertEquals(ErrorCode.NOTE_NOT_FOUND,
        f.refusal(new Command.CreateCluster(Optional.empty(), "", List.of(a, "no-such-note")), PAT));
    assertTrue(f.board.clusters().isEmpty());
    assertNull(f.note(a).clusterId());
  }

  @Test
  void createTakingTheLastMemberOfAnotherClusterRemovesThatCluster() {
    String first = f.cluster(PAT, "First", a);

    Board.Outcome outcome = f.handle(new Command.CreateCluster(Optional.empty(), "Second", List.of(a, b)), PAT);

    assertEquals(List.of("cluster.changed", "note.updated", "note.updated", "cluster.removed"), types(outcome));
    assertEquals(first, outcome.events().get(3).toJson().getString("id"));
    assertFalse(exists(first));
  }

  @Test
  void renameEmitsClusterChangedWithTheNewTitle() {
    String id = f.cluster(PAT, "Old", a);

    Event e = f.handle(new Command.RenameCluster(id, "New"), PIA).events().get(0);

    assertEquals("cluster.changed", e.type());
    assertEquals(new JsonObject().put("id", id).put("title", "New"), e.toJson().getJsonObject("cluster"));
    assertEquals(List.of(new Cluster(id, "New")), List.copyOf(f.board.clusters()));
  }

  @Test
  void addPutsANoteInTheClusterWithOneNoteUpdated() {
    String id = f.cluster(PAT, "Group", a);

    Board.Outcome outcome = f.handle(new Command.AddToCluster(id, b), PAT);

    assertEquals(List.of("note.updated"), types(outcome));
    assertEquals(id, outcome.events().get(0).toJson().getJsonObject("note").getString("clusterId"));
    assertEquals(id, f.note(b).clusterId());
  }

  @Test
  void addingTheLastMemberToAnotherClusterRemovesTheEmptiedOne() {
    String first = f.cluster(PAT, "First", a);
    String second = f.cluster(PAT, "Second", b);

    Board.Outcome outcome = f.handle(new Command.AddToCluster(second, a), PAT);

    assertEquals(List.of("note.updated", "cluster.removed"), types(outcome));
    assertEquals(first, outcome.events().get(1).toJson().getString("id"));
    assertFalse(exists(first));
    assertTrue(exists(second));
  }

  @Test
  void ungroupClearsTheNotesClusterIdAndKeepsANonEmptyCluster() {
    String id = f.cluster(PAT, "Group", a, b);

    Board.Outcome outcome = f.handle(new Command.Ungroup(a), PAT);

    assertEquals(List.of("note.updated"), types(outcome));
    JsonObject note = outcome.events().get(0).toJson().getJsonObject("note");
    assertTrue(note.containsKey("clusterId"));
    assertNull(note.getValue("clusterId"));
    assertNull(f.note(a).clusterId());
    assertTrue(exists(id));
  }

  @Test
  void ungroupingTheLastMemberRemovesTheCluster() {
    String id = f.cluster(PAT, "Group", a);

    Board.Outcome outcome = f.handle(new Command.Ungroup(a), PAT);

    assertEquals(List.of("note.updated", "cluster.removed"), types(outcome));
    assertEquals(id, outcome.events().get(1).toJson().getString("id"));
    assertFalse(exists(id));
  }

  @Test
  void deletingTheLastMemberRemovesTheCluster() {
    String id = f.cluster(PAT, "Group", a);

    Board.Outcome outcome = f.handle(new Command.DeleteNote(a), PAT);

    assertEquals(List.of("note.deleted", "cluster.removed"), types(outcome));
    assertFalse(exists(id));
  }

  @Test
  void dissolveClearsEveryMemberThenEmitsClusterRemoved() {
    String id = f.cluster(PAT, "Group", a, b);

    Board.Outcome outcome = f.handle(new Command.DissolveCluster(id), PIA);

    assertEquals(List.of("note.updated", "note.updated", "cluster.removed"), types(outcome));
    assertEquals(id, outcome.events().get(2).toJson().getString("id"));
    assertNull(f.note(a).clusterId());
    assertNull(f.note(b).clusterId());
    assertFalse(exists(id));
    assertNotNull(f.note(a));
    assertNotNull(f.note(b));
  }

  @Test
  void moveMovesEveryMemberByDxDyInOneClusterMovedEvent() {
    String id = f.cluster(PAT, "Group", a, b);

    Board.Outcome outcome = f.handle(new Command.MoveCluster(id, 5.5, -100), PAT);

    assertEquals(List.of("cluster.moved"), types(outcome));
    JsonObject moved = outcome.events().get(0).toJson();
    assertEquals(id, moved.getString("clusterId"));
    assertEquals(2, moved.getJsonArray("positions").size());
    JsonObject movedA = moved.getJsonArray("positions").getJsonObject(0);
    assertEquals(a, movedA.getString("id"));
    assertEquals(15.5, movedA.getDouble("x"));
    assertEquals(-80.0, movedA.getDouble("y"));
    assertEquals(15.5, f.note(a).x());
    assertEquals(-24.5, f.note(b).x());
    assertEquals(-60.0, f.note(b).y());
    assertEquals(0.0, f.note(c).x(), "a note outside the cluster stays");
    assertEquals(0.0, f.note(c).y());
  }

  @Test
  void aGroupOfAThousandNotesMovesInOneEventThatReplaysToTheSameBoard() {
    List<String> members = new java.util.ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      members.add(f.addNoteAt(PAT, "n" + i, i, -i));
    }
    String id = f.cluster(PAT, "Big", members.subList(0, 100).toArray(new String[0]));
    for (String n : members.subList(100, 1_000)) {
      f.handle(new Command.AddToCluster(id, n), PAT);
    }
    long before = f.board.seq();

    Board.Outcome outcome = f.handle(new Command.MoveCluster(id, 7, 3), PIA);

    assertEquals(1, outcome.events().size());
    assertEquals(before + 1, f.board.seq());
    Event event = Event.fromJson(outcome.events().get(0).toJson());
    assertEquals(1_000, ((Event.ClusterMoved) event.change()).positions().size());
    assertEquals(999.0 + 7, f.note(members.get(999)).x());
    assertEquals(-999.0 + 3, f.note(members.get(999)).y());
  }

  @Test
  void anEmptyGroupMovesWithoutAnEvent() {
    String id = f.cluster(PAT, "Group", a);
    f.board.restore(f.board.seq(), List.of(f.note(a).inCluster(null, FacilitationFixture.T0)), List.of());
    long before = f.board.seq();

    assertTrue(f.handle(new Command.MoveCluster(id, 1, 1), PAT).events().isEmpty());
    assertEquals(before, f.board.seq());
  }

  @Test
  void moveClampsEachMemberAtTheCoordinateLimit() {
    String far = f.addNoteAt(PAT, "far", 99_990, -99_990);
    String id = f.cluster(PAT, "Group", a, far);

    f.handle(new Command.MoveCluster(id, 100_000, -100_000), PAT);

    assertEquals(100_000.0, f.note(far).x());
    assertEquals(-100_000.0, f.note(far).y());
    assertEquals(100_000.0, f.note(a).x());
    assertEquals(-99_980.0, f.note(a).y());
  }

  @Test
  void everyClusterCommandOnAnUnknownClusterIsClusterNotFound() {
    String unknown = "no-such-cluster";

    assertEquals(ErrorCode.CLUSTER_NOT_FOUND, f.refusal(new Command.RenameCluster(unknown, "X"), PAT));
    assertEquals(ErrorCode.CLUSTER_NOT_FOUND, f.refusal(new Command.AddToCluster(unknown, a), PAT));
    assertEquals(ErrorCode.CLUSTER_NOT_FOUND, f.refusal(new Command.DissolveCluster(unknown), PAT));
    assertEquals(ErrorCode.CLUSTER_NOT_FOUND, f.refusal(new Command.MoveCluster(unknown, 1, 1), PAT));
  }

  @Test
  void aRemovedClusterIsClusterNotFoundAfterwards() {
    String id = f.cluster(PAT, "Group", a);
    f.handle(new Command.DissolveCluster(id), PAT);

    assertEquals(ErrorCode.CLUSTER_NOT_FOUND, f.refusal(new Command.RenameCluster(id, "Back?"), PAT));
  }

  @Test
  void addingAnUnknownNoteToAClusterIsNoteNotFound() {
    String id = f.cluster(PAT, "Group", a);

    assertEquals(ErrorCode.NOTE_NOT_FOUND, f.refusal(new Command.AddToCluster(id, "no-such-note"), PAT));
  }

  @Test
  void theSnapshotListsClustersAndTheMembersClusterIds() {
    String id = f.cluster(PAT, "Group", a);

    JsonObject snapshot = f.snapshotFor(PIA);

    assertEquals(new JsonArray().add(new JsonObject().put("id", id).put("title", "Group")),
        snapshot.getJsonArray("clusters"));
    JsonObject noteA = snapshot.getJsonArray("notes").stream().map(o -> (JsonObject) o)
        .filter(n -> n.getString("id").equals(a)).findFirst().orElseThrow();
    assertEquals(id, noteA.getString("clusterId"));
  }
}
