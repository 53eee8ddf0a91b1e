package fi.paja.board;

import fi.paja.config.Limits;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a facilitator's reveal and arrange put the notes (part of {@link Facilitation}): the resulting positions go
 * into the events, so replay puts every note where it was.
 */
final class NoteLayout {

  private final Board board;

  NoteLayout(Board board) {
    this.board = board;
  }

  void registerEffects(Effects.Registry effects) {
    effects.on(Event.NotesArranged.class, (arranged, event) -> {
      for (Event.Position p : arranged.positions()) {
        board.changedNotes.add(p.id());
        board.notes.computeIfPresent(p.id(), (id, n) -> n.movedTo(p.x(), p.y(), event.at()));
      }
    });
    effects.on(Event.NotesRevealed.class, (revealed, event) -> revealed.notes().forEach(n -> {
      board.changedNotes.add(n.id());
      // The event's own positions: a reveal moves notes off the ones they would cover (older logs: unmoved).
      board.notes.computeIfPresent(n.id(), (id, old) -> old.revealedAt(n.x(), n.y()));
    }));
  }

  /**
   * Reveals every private note. Notes everyone already sees stay where they are; a revealed note that would overlap
   * a visible one or one revealed before it (oldest first) moves to the nearest free spot. The resulting positions
   * are in the event.
   */
  Board.Outcome reveal(String by, Instant now) {
    FreeSpots spots = new FreeSpots();
    board.notes.values().stream().filter(n -> !n.hidden() && n.cell() == null).forEach(n -> spots.add(n.x(), n.y()));
    List<Note> hidden = board.notes.values().stream().filter(Note::hidden)
        .sorted(java.util.Comparator.comparing(Note::createdAt).thenComparing(Note::id)).toList();
    List<Note> revealed = new ArrayList<>(hidden.size());
    JsonArray moved = new JsonArray();
    for (Note n : hidden) {
      if (n.cell() != null) {
        // Shown in its journey map's cell, not on the canvas.
        revealed.add(n.revealed());
        continue;
      }
      double[] at = spots.nearestFree(n.x(), n.y());
      spots.add(at[0], at[1]);
      revealed.add(n.revealedAt(at[0], at[1]));
      if (at[0] != n.x() || at[1] != n.y()) {
        moved.add(new JsonObject().put("id", n.id()).put("x", at[0]).put("y", at[1]));
      }
    }
    return board.emit(by, now, new Event.NotesRevealed(revealed),
        new JsonObject().put("revealed", revealed.size()).put("moved", moved));
  }

  /**
   * Lays out notes everyone sees in a grid from the top-left corner of where they are now: blocks (a group's
   * notes, or one colour's) side by side, loose notes last; in a block, rows of about as many notes as it has rows,
   * in reading order (top to bottom, left to right).
   */
  Board.Outcome arrange(Command.ArrangeNotes arrange, Participant actor, Instant now) {
    List<Note> chosen = arrange.noteIds()
        .map(ids -> ids.stream().map(id -> board.referTo(id, actor, Board.Reach.EVERYONE)).toList())
        .orElseGet(() -> board.notes.values().stream().filter(n -> !n.hidden()).toList())
        .stream().filter(n -> n.cell() == null).toList();
    if (chosen.isEmpty()) {
      return new Board.Outcome(List.of(), new JsonObject().put("arranged", 0));
    }
    boolean byGroup = "group".equals(arrange.by());
    List<String> order = new ArrayList<>(byGroup ? board.clusters.keySet() : Limits.COLORS);
    order.add("");
    Map<String, List<Note>> blocks = new LinkedHashMap<>();
    order.forEach(b -> blocks.put(b, new ArrayList<>()));
    for (Note n : chosen) {
      String block = byGroup ? n.clusterId() : n.color();
      blocks.computeIfAbsent(block == null ? "" : block, b -> new ArrayList<>()).add(n);
    }
    List<Note> loose = blocks.remove("");
    blocks.put("", loose);
    double left = chosen.stream().mapToDouble(Note::x).min().orElse(0);
    double top = chosen.stream().mapToDouble(Note::y).min().orElse(0);
    double stepX = Limits.NOTE_WIDTH + Limits.ARRANGE_GAP;
    double stepY = Limits.NOTE_HEIGHT + Limits.ARRANGE_GAP;
    List<Event.Position> positions = new ArrayList<>(chosen.size());
    double blockX = left;
    for (List<Note> block : blocks.values()) {
      if (block.isEmpty()) {
        continue;
      }
      block.sort(java.util.Comparator.comparingDouble(Note::y).thenComparingDouble(Note::x)
          .thenComparing(Note::id));
      int columns = (int) Math.ceil(Math.sqrt(block.size()));
      for (int i = 0; i < block.size(); i++) {
        positions.add(new Event.Position(block.get(i).id(), Board.clamp(blockX + (i % columns) * stepX),
            Board.clamp(top + (i / columns) * stepY)));
      }
      blockX += columns * stepX + Limits.ARRANGE_GAP;
    }
    JsonArray moved = new JsonArray(new ArrayList<>(positions.size()));
    positions.forEach(p -> moved.add(p.toJson()));
    return board.emit(actor.id(), now, new Event.NotesArranged(arrange.by(), positions),
        new JsonObject().put("arranged", positions.size()).put("positions", moved));
  }
}
