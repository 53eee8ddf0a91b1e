package fi.paja.board;

import static fi.paja.board.FacilitationFixture.COFAC;
import static fi.paja.board.FacilitationFixture.OBS;
import static fi.paja.board.FacilitationFixture.OWNER;
import static fi.paja.board.FacilitationFixture.PAT;
import static fi.paja.board.FacilitationFixture.PIA;
import static fi.paja.board.FacilitationFixture.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The served snapshot (notes encoded once per seq and kind of viewer, the viewer's own added for her) is exactly the
 * reference {@link Board#snapshotFor}, for every member, through private mode, anonymity and their changes; and a
 * change re-encodes only what it changed.
 */
class SnapshotNotesTest {

  private static final List<String> EVERYONE = List.of(OWNER, COFAC, PAT, PIA, OBS);

  private final FacilitationFixture f = new FacilitationFixture();
  private final SnapshotNotes.Encoding[] last = new SnapshotNotes.Encoding[2];

  /** Every member's served snapshot equals her reference snapshot, encodings reused from the previous check. */
  private void everyoneSeesTheReference() {
    SnapshotNotes.Encoding[] now = new SnapshotNotes.Encoding[2];
    for (int kind = 0; kind < 2; kind++) {
      now[kind] = SnapshotNotes.Encoding.build(f.board.seq(), f.board.settings(), kind == 1,
          f.board.notes().toArray(new Note[0]), last[kind]);
    }
    for (String id : EVERYONE) {
      Visibility.Viewer viewer = f.viewer(id);
      long at = T0.toEpochMilli();
      JsonObject served = new JsonObject(SnapshotNotes.assemble(now[viewer.facilitator() ? 1 : 0], viewer,
          f.board.snapshotWithoutNotes(viewer, at)));
      assertEquals(f.board.snapshotFor(viewer, at), served, () -> "snapshot of " + id + " at seq " + f.board.seq());
    }
    System.arraycopy(now, 0, last, 0, 2);
  }

  @Test
  void theServedSnapshotIsTheReferenceForEveryMemberThroughASession() {
    everyoneSeesTheReference();
    String open = f.addNote(PAT, "open idea");
    f.addNote(OWNER, "the facilitator's");
    everyoneSeesTheReference();
    f.settings("{\"privateMode\":true}");
    String hidden = f.addNote(PIA, "pia's hidden idea");
    f.addNote(PAT, "pat's hidden idea");
    everyoneSeesTheReference();
    f.settings("{\"facilitatorsSeePrivate\":false}");
    everyoneSeesTheReference();
    f.settings("{\"privateMode\":false,\"anonymous\":true}");
    f.addNote(PIA, "anonymous by pia");
    everyoneSeesTheReference();
    f.settings("{\"anonymousToFacilitators\":true}");
    f.addNote(PAT, "anonymous to everyone");
    f.handle(new Command.UpdateNote(open, Optional.of("open idea, edited"), Optional.empty()), PIA);
    everyoneSeesTheReference();
    f.handle(new Command.RevealNotes(), OWNER);
    f.settings("{\"anonymous\":false}");
    f.handle(new Command.MoveNote(hidden, 5, 5), PIA);
    everyoneSeesTheReference();
    f.handle(new Command.DeleteNote(hidden), PIA);
    everyoneSeesTheReference();
  }

  @Test
  void anEmptyBoardAndOneWithOnlyYourNotesAreWellFormed() {
    everyoneSeesTheReference();
    f.settings("{\"privateMode\":true,\"facilitatorsSeePrivate\":false}");
    f.addNote(PAT, "only pat sees this");
    everyoneSeesTheReference();
  }

  @Test
  void aChangeReencodesOnlyTheNotesItChanged() {
    String a = f.addNote(PAT, "a");
    String b = f.addNote(PIA, "b");
    SnapshotNotes.Encoding first = SnapshotNotes.Encoding.build(f.board.seq(), f.board.settings(), false,
        f.board.notes().toArray(new Note[0]), null);
    f.handle(new Command.MoveNote(b, 40, 40), PIA);
    SnapshotNotes.Encoding second = SnapshotNotes.Encoding.build(f.board.seq(), f.board.settings(), false,
        f.board.notes().toArray(new Note[0]), first);
    assertSame(first.encoded()[0], second.encoded()[0], "note " + a + " was not changed");
    assertNotSame(first.encoded()[1], second.encoded()[1], "note " + b + " moved");

    f.settings("{\"anonymous\":true}");
    SnapshotNotes.Encoding third = SnapshotNotes.Encoding.build(f.board.seq(), f.board.settings(), false,
        f.board.notes().toArray(new Note[0]), second);
    assertNotSame(second.encoded()[0], third.encoded()[0], "other settings: everything encoded anew");
  }
}
