package fi.paja.board;

import static fi.paja.board.FacilitationFixture.COFAC;
import static fi.paja.board.FacilitationFixture.OBS;
import static fi.paja.board.FacilitationFixture.OWNER;
import static fi.paja.board.FacilitationFixture.PAT;
import static fi.paja.board.FacilitationFixture.PIA;
import static fi.paja.board.FacilitationFixture.WORKSHOP;
import static fi.paja.board.FacilitationFixture.cast;
import static fi.paja.board.FacilitationFixture.retract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** docs/PROTOCOL.md, "What each member sees": private mode, anonymity and votes, per recipient. */
class VisibilityTest {

  private static final List<String> EVERYONE = List.of(OWNER, COFAC, PAT, PIA, OBS);
  private static final String SECRET_TEXT = "my secret idea";

  private FacilitationFixture f;

  @BeforeEach
  void seat() {
    f = new FacilitationFixture();
  }

  private Event only(Board.Outcome outcome) {
    assertEquals(1, outcome.events().size(), () -> "events: " + outcome.events());
    return outcome.events().get(0);
  }

  private Event addHidden(String author) {
    f.settings("{\"privateMode\":true}");
    return only(f.handle(FacilitationFixture.addCmd(SECRET_TEXT), author));
  }

  /** The notes whose positions a group move carries. */
  private static Set<String> positionIds(JsonObject groupMove) {
    Set<String> ids = new java.util.HashSet<>();
    groupMove.getJsonArray("positions").forEach(p -> ids.add(((JsonObject) p).getString("id")));
    return ids;
  }

  private static JsonObject noop(Event e) {
    return new JsonObject().put("type", "noop").put("seq", e.seq()).put("workshopId", WORKSHOP)
        .put("at", e.at().toString());
  }

  private JsonObject noteInSnapshot(String viewer, String noteId) {
    return f.snapshotFor(viewer).getJsonArray("notes").stream().map(o -> (JsonObject) o)
        .filter(n -> n.getString("id").equals(noteId)).findFirst().orElse(null);
  }

  // --- private mode on the board ------------------------------------------------------------------------------

  @Nested
  class PrivateModeOnTheBoard {

    @Test
    void notesAddedWhilePrivateModeIsOnAreHiddenAndOthersAreNot() {
      String before = f.addNote(PAT, "before");
      String during = addHidden(PAT).toJson().getJsonObject("note").getString("id");
      f.settings("{\"privateMode\":false}");
      String after = f.addNote(PAT, "after");

      assertFalse(f.note(before).hidden());
      assertTrue(f.note(during).hidden());
      assertFalse(f.note(after).hidden());
      assertTrue(f.note(during).hidden(), "turning private mode off does not reveal");
    }

    @Test
    void anotherParticipantCannotUpdateMoveOrDeleteAHiddenNote() {
      String id = addHidden(PAT).toJson().getJsonObject("note").getString("id");

      assertEquals(ErrorCode.NOTE_NOT_FOUND,
          f.refusal(new Command.UpdateNote(id, Optional.of("mine now"), Optional.empty()), PIA));
      assertEquals(ErrorCode.NOTE_NOT_FOUND, f.refusal(new Command.MoveNote(id, 1, 1), PIA));
      assertEquals(ErrorCode.NOTE_NOT_FOUND, f.refusal(new Command.DeleteNote(id), PIA));
      assertEquals(SECRET_TEXT, f.note(id).text());
    }

    @Test
    void anotherParticipantCannotClusterAHiddenNote() {
      String hidden = addHidden(PAT).toJson().getJsonObject("note").getString("id");
      f.settings("{\"privateMode\":false}");
      String visible = f.addNote(PIA, "visible");
      String cluster = f.cluster(PIA, "Pia's", visible);

      assertEquals(ErrorCode.NOTE_NOT_FOUND,
          f.refusal(new Command.CreateCluster(Optional.empty(), "", List.of(visible, hidden)), PIA));
      assertEquals(ErrorCode.NOTE_NOT_FOUND, f.refusal(new Command.AddToCluster(cluster, hidden), PIA));
      assertEquals(ErrorCode.NOTE_NOT_FOUND, f.refusal(new Command.Ungroup(hidden), PIA));
    }

    @Test
    void anotherParticipantCannotVoteOnAHiddenNote() {
      String id = addHidden(PAT).toJson().getJsonObject("note").getString("id");
      f.openVote("notes", 3, 3, false);

      assertEquals(ErrorCode.INVALID_VOTE_TARGET, f.refusal(cast(id), PIA));
    }

    @Test
    void theAuthorCanWorkWithTheirHiddenNote() {
      String id = addHidden(PAT).toJson().getJsonObject("note").getString("id");

      assertEquals(1, f.handle(new Command.MoveNote(id, 5, 5), PAT).events().size());
      assertEquals(1, f.handle(new Command.UpdateNote(id, Optional.of("edited"), Optional.empty()), PAT)
          .events().size());
      assertTrue(f.note(id).hidden());
    }

    @Test
    void anotherParticipantsSnapshotLeavesHiddenNotesOut() {
      String id = addHidden(PAT).toJson().getJsonObject("note").getString("id");

      assertNull(noteInSnapshot(PIA, id));
      assertNull(noteInSnapshot(OBS, id));
      assertFalse(f.snapshotFor(PIA).encode().contains(SECRET_TEXT));
    }

    @Test
    void theAuthorsSnapshotIncludesTheirHiddenNoteMarkedHiddenAndMine() {
      String id = addHidden(PAT).toJson().getJsonObject("note").getString("id");

      JsonObject note = noteInSnapshot(PAT, id);

      assertNotNull(note);
      assertEquals(SECRET_TEXT, note.getString("text"));
      assertEquals(true, note.getBoolean("hidden"));
      assertEquals(true, note.getBoolean("mine"));
    }

    @Test
    void facilitatorsSeeHiddenNotesWhenFacilitatorsSeePrivateIsOn() {
      String id = addHidden(PAT).toJson().getJsonObject("note").getString("id");

      assertNotNull(noteInSnapshot(OWNER, id));
      assertNotNull(noteInSnapshot(COFAC, id));
      assertEquals(1, f.handle(new Command.MoveNote(id, 3, 3), COFAC).events().size());
    }

    @Test
    void facilitatorsDoNotSeeHiddenNotesWhenFacilitatorsSeePrivateIsOff() {
      f.settings("{\"facilitatorsSeePrivate\":false}");
      String id = addHidden(PAT).toJson().getJsonObject("note").getString("id");

      assertNull(noteInSnapshot(OWNER, id));
      assertNull(noteInSnapshot(COFAC, id));
      assertEquals(ErrorCode.NOTE_NOT_FOUND, f.refusal(new Command.MoveNote(id, 3, 3), OWNER));
    }

    @Test
    void aFacilitatorsOwnHiddenNoteIsVisibleToThemEvenWhenFacilitatorsSeePrivateIsOff() {
      f.settings("{\"facilitatorsSeePrivate\":false}");
      String id = addHidden(COFAC).toJson().getJsonObject("note").getString("id");

      assertNotNull(noteInSnapshot(COFAC, id));
      assertNull(noteInSnapshot(OWNER, id));
    }

    @Test
    void revealEmitsNotesRevealedListingEveryHiddenNoteNowVisible() {
      String visible = f.addNote(PIA, "visible");
      String h1 = addHidden(PAT).toJson().getJsonObject("note").getString("id");
      String h2 = only(f.handle(FacilitationFixture.addCmd("second"), PIA)).toJson().getJsonObject("note")
          .getString("id");

      Board.Outcome outcome = f.handle(new Command.RevealNotes(), OWNER);

      Event e = only(outcome);
      assertEquals("notes.revealed", e.type());
      JsonArray notes = e.toJson().getJsonArray("notes");
      assertEquals(List.of(h1, h2), notes.stream().map(n -> ((JsonObject) n).getString("id")).toList());
      notes.forEach(n -> assertEquals(false, ((JsonObject) n).getBoolean("hidden")));
      assertFalse(notes.encode().contains(visible));
      assertEquals(2, outcome.reply().getInteger("revealed"));
    }

    @Test
    void afterRevealEveryoneSeesTheNotesInSnapshotsAndCanWorkWithThem() {
      String id = addHidden(PAT).toJson().getJsonObject("note").getString("id");
      f.handle(new Command.RevealNotes(), OWNER);

      assertFalse(f.note(id).hidden());
      for (String who : EVERYONE) {
        JsonObject note = noteInSnapshot(who, id);
        assertNotNull(note, who);
        assertEquals(SECRET_TEXT, note.getString("text"), who);
        assertEquals(false, note.getBoolean("hidden"), who);
      }
      assertEquals(1, f.handle(new Command.MoveNote(id, 7, 7), PIA).events().size());
    }

    @Test
    void notesAddedWhileStillInPrivateModeAfterARevealAreHiddenAgain() {
      addHidden(PAT);
      f.handle(new Command.RevealNotes(), OWNER);

      String later = f.addNote(PAT, "later");

      assertTrue(f.note(later).hidden());
      assertNull(noteInSnapshot(PIA, later));
    }

    @Test
    void theRevealEventIsWholeForOtherParticipants() {
      addHidden(PAT);
      Event e = only(f.handle(new Command.RevealNotes(), OWNER));

      JsonObject seen = f.seenBy(e, PIA);

      assertEquals("notes.revealed", seen.getString("type"));
      assertEquals(SECRET_TEXT, seen.getJsonArray("notes").getJsonObject(0).getString("text"));
    }
  }

  // --- events of hidden notes ---------------------------------------------------------------------------------

  @Nested
  class HiddenNoteEvents {

    @Test
    void noteAddedOfAHiddenNoteIsExactlyANoopForAnotherParticipant() {
      Event e = addHidden(PAT);
      String id = e.toJson().getJsonObject("note").getString("id");

      JsonObject seen = f.seenBy(e, PIA);

      assertEquals(noop(e), seen);
      String encoded = seen.encode();
      assertFalse(encoded.contains(SECRET_TEXT), encoded);
      assertFalse(encoded.contains(id), encoded);
      assertFalse(encoded.contains(PAT), encoded);
    }

    @Test
    void noteAddedOfAHiddenNoteIsANoopForAnObserver() {
      Event e = addHidden(PAT);

      assertEquals(noop(e), f.seenBy(e, OBS));
    }

    @Test
    void noteAddedOfAHiddenNoteIsWholeForItsAuthor() {
      Event e = addHidden(PAT);

      JsonObject seen = f.seenBy(e, PAT);

      JsonObject expected = e.toJson();
      expected.remove(Visibility.FIELD);
      expected.getJsonObject("note").put("mine", true);
      assertEquals(expected, seen);
      assertEquals(SECRET_TEXT, seen.getJsonObject("note").getString("text"));
    }

    @Test
    void noteAddedOfAHiddenNoteIsWholeForFacilitatorsWhoSeePrivate() {
      Event e = addHidden(PAT);

      assertEquals(SECRET_TEXT, f.seenBy(e, OWNER).getJsonObject("note").getString("text"));
      assertEquals(SECRET_TEXT, f.seenBy(e, COFAC).getJsonObject("note").getString("text"));
    }

    @Test
    void noteAddedOfAHiddenNoteIsANoopForFacilitatorsWhenFacilitatorsSeePrivateIsOff() {
      f.settings("{\"facilitatorsSeePrivate\":false}");
      Event e = addHidden(PAT);

      assertEquals(noop(e), f.seenBy(e, OWNER));
      assertEquals(noop(e), f.seenBy(e, COFAC));
    }

    @Test
    void noteUpdatedMovedAndDeletedOfAHiddenNoteAreNoopsForOthers() {
      String id = addHidden(PAT).toJson().getJsonObject("note").getString("id");
      List<Event> events = new ArrayList<>();
      events.add(only(f.handle(new Command.UpdateNote(id, Optional.of("edited"), Optional.empty()), PAT)));
      events.add(only(f.handle(new Command.MoveNote(id, 40, 50), PAT)));
      events.add(only(f.handle(new Command.DeleteNote(id), PAT)));

      for (Event e : events) {
        assertEquals(noop(e), f.seenBy(e, PIA), e.type());
        assertEquals(noop(e), f.seenBy(e, OBS), e.type());
        assertEquals(e.type(), f.seenBy(e, PAT).getString("type"));
        assertEquals(e.type(), f.seenBy(e, OWNER).getString("type"));
      }
    }

    @Test
    void clusteringAHiddenNoteShowsOthersTheClusterButNoopsForTheNote() {
      String id = addHidden(PAT).toJson().getJsonObject("note").getString("id");
      Board.Outcome outcome = f.handle(new Command.CreateCluster(Optional.empty(), "Mine", List.of(id)), PAT);
      String cluster = outcome.reply().getString("clusterId");

      assertEquals("cluster.changed", f.seenBy(outcome.events().get(0), PIA).getString("type"));
      assertEquals(noop(outcome.events().get(1)), f.seenBy(outcome.events().get(1), PIA));

      Board.Outcome moved = f.handle(new Command.MoveCluster(cluster, 10, 10), PAT);
      Event groupMove = only(moved);
      assertEquals("cluster.moved", f.seenBy(groupMove, PIA).getString("type"));
      assertEquals(new JsonArray(), f.seenBy(groupMove, PIA).getJsonArray("positions"), "not the hidden note");
      assertEquals(1, f.seenBy(groupMove, OWNER).getJsonArray("positions").size(), "facilitators see private notes");
      assertEquals(1, f.seenBy(groupMove, PAT).getJsonArray("positions").size(), "its author's own");
    }

    @Test
    void aGroupMoveShowsEachViewerOnlyThePositionsOfNotesSheMaySee() {
      String open = f.addNote(PIA, "open");
      String pats = addHidden(PAT).toJson().getJsonObject("note").getString("id");
      String pias = addHidden(PIA).toJson().getJsonObject("note").getString("id");
      String cluster = f.cluster(PAT, "Mixed", open, pats);
      f.handle(new Command.AddToCluster(cluster, pias), PIA);

      Event moved = only(f.handle(new Command.MoveCluster(cluster, 1, 1), COFAC));

      assertEquals(Set.of(open, pats), positionIds(f.seenBy(moved, PAT)));
      assertEquals(Set.of(open, pias), positionIds(f.seenBy(moved, PIA)));
      assertEquals(Set.of(open), positionIds(f.seenBy(moved, OBS)));
      assertEquals(Set.of(open, pats, pias), positionIds(f.seenBy(moved, COFAC)), "facilitators see private notes");
      assertFalse(f.seenBy(moved, OBS).encode().contains(pats));
      assertFalse(f.seenBy(moved, OBS).containsKey(Visibility.FIELD));
      assertTrue(Visibility.personalTo(moved.toJson()).containsAll(Set.of(PAT, PIA)), "their own positions");

      f.settings("{\"facilitatorsSeePrivate\":false}");
      Event again = only(f.handle(new Command.MoveCluster(cluster, 1, 1), COFAC));
      assertEquals(Set.of(open), positionIds(f.seenBy(again, OWNER)));
      assertEquals(Set.of(open, pats), positionIds(f.seenBy(again, PAT)));
    }

    @Test
    void aGroupMoveHidesWhoMovedItWhereANoteInItWasWrittenAnonymously() {
      String plain = f.addNote(PIA, "plain");
      f.settings("{\"anonymous\":true}");
      String anon = f.addNote(PAT, "anonymous");
      f.settings("{\"anonymous\":false}");
      String cluster = f.cluster(PIA, "Mixed", plain, anon);

      Event moved = only(f.handle(new Command.MoveCluster(cluster, 1, 1), PIA));

      assertNull(f.seenBy(moved, PAT).getString("by"));
      assertEquals(PIA, f.seenBy(moved, PIA).getString("by"));
      assertEquals(PIA, f.seenBy(moved, OWNER).getString("by"),
          "facilitators see authors of participant-anonymous notes");
    }

    @Test
    void afterARevealEventsOfTheNoteAreWholeForEveryone() {
      String id = addHidden(PAT).toJson().getJsonObject("note").getString("id");
      f.handle(new Command.RevealNotes(), OWNER);

      Event moved = only(f.handle(new Command.MoveNote(id, 1, 2), PAT));

      assertEquals("note.moved", f.seenBy(moved, PIA).getString("type"));
      assertEquals(id, f.seenBy(moved, PIA).getString("id"));
    }

    @Test
    void aHiddenNoteCannotBeVotedOnSoItsIdNeverAppearsInALiveTally() {
      String id = addHidden(PAT).toJson().getJsonObject("note").getString("id");
      f.openVote("notes", 3, 3, false);

      PajaException e = assertThrows(PajaException.class, () -> f.handle(cast(id), PAT));

      assertEquals(ErrorCode.INVALID_VOTE_TARGET, e.code());
    }
  }

  // --- anonymous mode -----------------------------------------------------------------------------------------

  @Nested
  class Anonymous {

    private Event patAdds() {
      f.settings("{\"anonymous\":true}");
      return only(f.handle(FacilitationFixture.addCmd("who wrote this?"), PAT));
    }

    @Test
    void noteAddedCarriesNoAuthorIdAndNoByForOtherParticipants() {
      Event e = patAdds();

      for (String other : List.of(PIA, OBS)) {
        JsonObject seen = f.seenBy(e, other);
        assertFalse(seen.containsKey("by"), other);
        assertFalse(seen.getJsonObject("note").containsKey("authorId"), other);
        assertFalse(seen.getJsonObject("note").containsKey("mine"), other);
        assertFalse(seen.encode().contains(PAT), other + ": " + seen.encode());
        assertEquals("who wrote this?", seen.getJsonObject("note").getString("text"));
      }
    }

    @Test
    void theAuthorGetsMineTrue() {
      Event e = patAdds();

      JsonObject seen = f.seenBy(e, PAT);

      assertEquals(true, seen.getJsonObject("note").getBoolean("mine"));
      assertEquals(PAT, seen.getString("by"));
    }

    @Test
    void facilitatorsSeeAuthorsInAnonymousMode() {
      Event e = patAdds();

      for (String fac : List.of(OWNER, COFAC)) {
        JsonObject seen = f.seenBy(e, fac);
        assertEquals(PAT, seen.getString("by"), fac);
        assertEquals(PAT, seen.getJsonObject("note").getString("authorId"), fac);
      }
    }

    @Test
    void facilitatorsDoNotSeeAuthorsWhenAnonymousToFacilitators() {
      f.settings("{\"anonymousToFacilitators\":true}");
      Event e = patAdds();

      for (String fac : List.of(OWNER, COFAC)) {
        JsonObject seen = f.seenBy(e, fac);
        assertFalse(seen.containsKey("by"), fac);
        assertFalse(seen.getJsonObject("note").containsKey("authorId"), fac);
      }
    }

    @Test
    void anonymousToFacilitatorsAloneDoesNotHideAuthors() {
      f.settings("{\"anonymousToFacilitators\":true}");
      Event e = only(f.handle(FacilitationFixture.addCmd("signed"), PAT));

      assertEquals(PAT, f.seenBy(e, PIA).getString("by"));
      assertEquals(PAT, f.seenBy(e, PIA).getJsonObject("note").getString("authorId"));
    }

    @Test
    void noteUpdatedAndMovedCarryNoByForOtherParticipants() {
      String id = patAdds().toJson().getJsonObject("note").getString("id");

      Event updated = only(f.handle(new Command.UpdateNote(id, Optional.empty(), Optional.of("pink")), PAT));
      Event moved = only(f.handle(new Command.MoveNote(id, 3, 4), PAT));

      JsonObject u = f.seenBy(updated, PIA);
      assertFalse(u.containsKey("by"));
      assertFalse(u.getJsonObject("note").containsKey("authorId"));
      assertFalse(f.seenBy(moved, PIA).containsKey("by"));
      assertEquals(PAT, f.seenBy(moved, OWNER).getString("by"));
    }

    @Test
    void theSnapshotHidesAuthorsFromOthersAndMarksTheAuthorsOwn() {
      String id = patAdds().toJson().getJsonObject("note").getString("id");

      assertFalse(noteInSnapshot(PIA, id).containsKey("authorId"));
      assertEquals(true, noteInSnapshot(PAT, id).getBoolean("mine"));
      assertEquals(PAT, noteInSnapshot(OWNER, id).getString("authorId"));
      f.settings("{\"anonymousToFacilitators\":true}");
      assertFalse(noteInSnapshot(OWNER, id).containsKey("authorId"));
    }

    @Test
    void revealedNotesCarryNoAuthorIdForOthersInAnonymousMode() {
      f.settings("{\"anonymous\":true,\"privateMode\":true}");
      f.addNote(PAT, SECRET_TEXT);
      Event e = only(f.handle(new Command.RevealNotes(), OWNER));

      JsonObject note = f.seenBy(e, PIA).getJsonArray("notes").getJsonObject(0);
      assertFalse(note.containsKey("authorId"));
      assertEquals(true, f.seenBy(e, PAT).getJsonArray("notes").getJsonObject(0).getBoolean("mine"));
    }

    @Test
    void outsideAnonymousModeEveryoneSeesAuthors() {
      Event e = only(f.handle(FacilitationFixture.addCmd("signed"), PAT));

      JsonObject seen = f.seenBy(e, PIA);
      assertEquals(PAT, seen.getString("by"));
      assertEquals(PAT, seen.getJsonObject("note").getString("authorId"));
      assertFalse(seen.getJsonObject("note").containsKey("mine"));
    }
  }

  // --- votes --------------------------------------------------------------------------------------------------

  @Nested
  class Votes {

    private String a;
    private String b;

    @BeforeEach
    void notes() {
      a = f.addNote(OWNER, "A");
      b = f.addNote(OWNER, "B");
    }

    @Test
    void voteCastAndRetractedNeverCarryByOrVoterForAnyone() {
      for (boolean secret : List.of(true, false)) {
        f.openVote("notes", 3, 3, secret);
        Event casted = only(f.handle(cast(a), PAT));
        Event retracted = only(f.handle(retract(a), PAT));
        for (Event e : List.of(casted, retracted)) {
          for (String who : EVERYONE) {
            JsonObject seen = f.seenBy(e, who);
            assertFalse(seen.containsKey("by"), e.type() + " for " + who);
            assertFalse(seen.containsKey("voter"), e.type() + " for " + who);
            assertFalse(seen.encode().contains(PAT), e.type() + " for " + who + ": " + seen.encode());
          }
        }
      }
    }

    @Test
    void voteOpenedAndClosedNeverCarryByForAnyone() {
      Board.Outcome opened = f.handle(new Command.OpenVote("notes", 3, 3, true, Optional.empty()), OWNER);
      Board.Outcome closed = f.handle(new Command.CloseVote(), COFAC);

      for (Event e : List.of(opened.events().get(0), closed.events().get(0))) {
        for (String who : EVERYONE) {
          assertFalse(f.seenBy(e, who).containsKey("by"), e.type() + " for " + who);
        }
      }
    }

    @Test
    void inASecretVoteOthersGetOnlyTheNumberOfDotsCast() {
      String voteId = f.openVote("notes", 3, 3, true);
      f.handle(cast(b), PIA);
      Event e = only(f.handle(cast(a), PAT));

      for (String other : List.of(PIA, OBS, OWNER, COFAC)) {
        JsonObject seen = f.seenBy(e, other);
        assertEquals(Set.of("type", "seq", "workshopId", "at", "voteId", "cast"), seen.fieldNames(), other);
        assertEquals(2, seen.getInteger("cast"));
        assertEquals(voteId, seen.getString("voteId"));
        assertFalse(seen.encode().contains(a), other);
      }
    }

    @Test
    void inASecretVoteTheVoterGetsTheirOwnTargetButNoTally() {
      f.openVote("notes", 3, 3, true);
      Event e = only(f.handle(cast(a), PAT));

      JsonObject seen = f.seenBy(e, PAT);

      assertEquals(a, seen.getString("targetId"));
      assertFalse(seen.containsKey("tally"));
      assertEquals(1, seen.getInteger("cast"));
    }

    @Test
    void inASecretVoteARetractionIsCutTheSameWay() {
      f.openVote("notes", 3, 3, true);
      f.handle(cast(a), PAT);
      Event e = only(f.handle(retract(a), PAT));

      assertEquals(Set.of("type", "seq", "workshopId", "at", "voteId", "cast"), f.seenBy(e, PIA).fieldNames());
      assertEquals(0, f.seenBy(e, PIA).getInteger("cast"));
      assertEquals(a, f.seenBy(e, PAT).getString("targetId"));
      assertFalse(f.seenBy(e, PAT).containsKey("tally"));
    }

    @Test
    void aLiveVoteGivesTheTallyAndTargetToEveryone() {
      f.openVote("notes", 3, 3, false);
      f.handle(cast(b), PIA);
      Event e = only(f.handle(cast(a), PAT));

      for (String who : EVERYONE) {
        JsonObject seen = f.seenBy(e, who);
        assertEquals(a, seen.getString("targetId"), who);
        assertEquals(new JsonObject().put(b, 1).put(a, 1), seen.getJsonObject("tally"), who);
        assertEquals(2, seen.getInteger("cast"), who);
      }
    }

    @Test
    void voteClosedCarriesTheResultsToEveryone() {
      f.openVote("notes", 3, 3, true);
      f.handle(cast(a), PAT);
      Event e = only(f.handle(new Command.CloseVote(), OWNER));

      for (String who : EVERYONE) {
        JsonArray results = f.seenBy(e, who).getJsonObject("vote").getJsonArray("results");
        assertEquals(1, results.size(), who);
        assertEquals(a, results.getJsonObject(0).getString("targetId"), who);
      }
    }
  }

  // --- the _v field -------------------------------------------------------------------------------------------

  @Nested
  class TheVisibilityField {

    /** A session that produces every kind of event, in every mode. */
    private List<Event> aSession() {
      List<Event> log = new ArrayList<>();
      log.addAll(f.handle(new Command.UpdateSettings(new JsonObject().put("privateMode", true).put("anonymous", true)),
          OWNER).events());
      Board.Outcome added = f.handle(FacilitationFixture.addCmd("hidden"), PAT);
      log.addAll(added.events());
      String hidden = added.reply().getString("noteId");
      log.addAll(f.handle(new Command.MoveNote(hidden, 1, 1), PAT).events());
      log.addAll(f.handle(new Command.RevealNotes(), OWNER).events());
      log.addAll(f.handle(new Command.SetRole(PIA, Participant.COFACILITATOR), OWNER).events());
      log.addAll(f.handle(new Command.AddPhase("P", ""), OWNER).events());
      log.addAll(f.handle(new Command.TimerCommand("start", 10), OWNER).events());
      log.addAll(f.handle(new Command.Follow(0, 0, 1), OWNER).events());
      Board.Outcome clustered = f.handle(new Command.CreateCluster(Optional.empty(), "C", List.of(hidden)), PAT);
      log.addAll(clustered.events());
      log.addAll(f.handle(new Command.OpenVote("both", 3, 3, true, Optional.empty()), OWNER).events());
      log.addAll(f.handle(cast(hidden), PAT).events());
      log.addAll(f.handle(retract(hidden), PAT).events());
      log.addAll(f.handle(new Command.CloseVote(), OWNER).events());
      log.addAll(f.handle(new Command.DissolveCluster(clustered.reply().getString("clusterId")), PAT).events());
      log.addAll(f.handle(new Command.DeleteNote(hidden), PAT).events());
      log.addAll(f.handle(new Command.RemoveParticipant(OBS), OWNER).events());
      return log;
    }

    @Test
    void everyBoardEventCarriesAVisibilityField() {
      for (Event e : aSession()) {
        assertNotNull(e.visibility(), e.type());
        assertTrue(e.toJson().containsKey(Visibility.FIELD), e.type());
      }
    }

    @Test
    void theVisibilityFieldNeverSurvivesFiltering() {
      List<Event> log = aSession();
      for (Event e : log) {
        for (String who : EVERYONE) {
          JsonObject seen = Visibility.filter(e.toJson(), new Visibility.Viewer(who, FacilitationFixture
              .isFacilitatorId(who)));
          assertFalse(seen.containsKey(Visibility.FIELD), e.type() + " for " + who);
          assertFalse(seen.encode().contains("\"" + Visibility.FIELD + "\""), e.type() + " for " + who);
        }
      }
    }

    @Test
    void filteringDoesNotChangeTheEventItIsGiven() {
      Event e = addHidden(PAT);
      JsonObject json = e.toJson();
      JsonObject copy = json.copy();

      JsonObject seen = Visibility.filter(json, f.viewer(PIA));

      assertEquals(copy, json);
      assertNotEquals(json, seen);
    }

    @Test
    void anEventWithoutAVisibilityFieldPassesUnchanged() {
      JsonObject json = new Event(1, WORKSHOP, FacilitationFixture.T0, PAT,
          new Event.NoteMoved("note-00001", 1, 2)).toJson();

      assertEquals(json, Visibility.filter(json, f.viewer(PIA)));
    }
  }
}
