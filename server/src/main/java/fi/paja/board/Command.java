package fi.paja.board;

import java.util.Optional;

/**
 * What a member asks a board to do. Built only by {@link CommandDecoder} (and by the server for its internal
 * commands), so every instance is valid input. Each type's wire name and decoder are in {@link CommandTypes}.
 */
public sealed interface Command {

  /** Wire name, e.g. {@code note.add}: from {@link CommandTypes}, where each is written once. */
  default String op() {
    return CommandTypes.wireOf(this);
  }

  /** {@code autoPlace}: no position was given; the server puts the note on a free spot (x, y are then 0). */
  record AddNote(Optional<String> id, String text, double x, double y, String color, boolean autoPlace)
      implements Command {
    public AddNote(Optional<String> id, String text, double x, double y, String color) {
      this(id, text, x, y, color, false);
    }
  }

  record UpdateNote(String id, Optional<String> text, Optional<String> color) implements Command {
  }

  record MoveNote(String id, double x, double y) implements Command {
  }

  record DeleteNote(String id) implements Command {
  }

  /** Brings back a note deleted with {@code note.delete} (undo), while its tombstone is kept. */
  record RestoreNote(String id) implements Command {
  }

  /** Lays out the given (or all) notes everyone sees in a grid, {@code by} "group" or "color". */
  record ArrangeNotes(Optional<java.util.List<String>> noteIds, String by) implements Command {
    public static final java.util.List<String> BY = java.util.List.of("group", "color");
  }

  /** Internal: sent by the join endpoint, never accepted from clients. */
  record JoinParticipant(Participant participant) implements Command {
  }

  record SetRole(String participantId, String role) implements Command {
  }

  /** {@code bar}: the devices the person joined from may not join this workshop again. */
  record RemoveParticipant(String participantId, boolean bar) implements Command {
    public RemoveParticipant(String participantId) {
      this(participantId, false);
    }
  }

  /**
   * Erases people from the board (docs/SECURITY.md, "Erasure"): a facilitator erases a participant, a participant
   * erases themself with their notes ({@code participant.leave}), retention erases everyone ({@code all}, no actor).
   */
  record EraseParticipants(java.util.List<String> participantIds, boolean deleteNotes, boolean all)
      implements Command {
  }

  /** Only the boolean fields of {@link Settings} that are present. */
  record UpdateSettings(io.vertx.core.json.JsonObject patch) implements Command {
  }

  record RevealNotes() implements Command {
  }

  record AddPhase(String title, String instructions) implements Command {
  }

  record UpdatePhase(String id, Optional<String> title, Optional<String> instructions) implements Command {
  }

  record MovePhase(String id, int index) implements Command {
  }

  record RemovePhase(String id) implements Command {
  }

  record ActivatePhase(String id) implements Command {
  }

  /** {@code timer.start|pause|resume|add|stop}; {@code seconds} for start and add. */
  record TimerCommand(String action, long seconds) implements Command {
  }

  record Follow(double x, double y, double zoom) implements Command {
  }

  record Release() implements Command {
  }

  record Focus(Optional<String> noteId, Optional<String> clusterId) implements Command {
  }

  record CreateCluster(Optional<String> id, String title, java.util.List<String> noteIds) implements Command {
  }

  record RenameCluster(String id, String title) implements Command {
  }

  record AddToCluster(String id, String noteId) implements Command {
  }

  record Ungroup(String noteId) implements Command {
  }

  record DissolveCluster(String id) implements Command {
  }

  record MoveCluster(String id, double dx, double dy) implements Command {
  }

  record OpenVote(String targets, int budget, int maxPerItem, boolean secret, Optional<Long> seconds)
      implements Command {
  }

  record CastVote(String targetId, int delta) implements Command {
  }

  record CloseVote() implements Command {
  }

  /** Internal: a vote's time ran out. */
  record ExpireVote(String voteId) implements Command {
  }

  record ReopenVote(String voteId) implements Command {
  }

  /** Presence flags: not part of the board's history, handled by its owner without a seq. */
  record SetReady(boolean ready) implements Command {
  }

  record SetHand(boolean raised, Optional<String> participantId) implements Command {
  }

  /** A lane as given when creating a journey map. */
  record LaneSpec(String title, String kind) {
  }

  record CreateJourney(String title, String kind, java.util.List<String> stages, java.util.List<LaneSpec> lanes)
      implements Command {
  }

  record UpdateJourney(String id, Optional<String> title, Optional<String> kind) implements Command {
  }

  record RemoveJourney(String id) implements Command {
  }

  /**
   * A change to a journey's stages or lanes: {@code part} is "stage" or "lane"; {@code action} add, update, move
   * or remove. {@code itemId} is absent for add; {@code kind} only for adding a lane.
   */
  record JourneyStructure(String part, String action, String journeyId, Optional<String> itemId,
                          Optional<String> title, Optional<String> kind, Optional<Integer> index)
      implements Command {
  }

  record CellText(String journeyId, String stageId, String laneId, String text) implements Command {
  }

  record CellEmotion(String journeyId, String stageId, String laneId, Optional<Integer> score, String why)
      implements Command {
  }

  /** Puts a note into a journey map cell, or back onto the canvas when {@code cell} is empty. */
  record PlaceNote(String noteId, Optional<Note.Cell> cell) implements Command {
  }

  record CreateOutcome(String kind, Optional<String> title, String description, String owner, String due,
                       Optional<String> noteId, Optional<String> clusterId, boolean fromFeedback, String replyBy)
      implements Command {
  }

  /** Only the fields present change; a null clears an optional field. */
  record UpdateOutcome(String id, io.vertx.core.json.JsonObject patch) implements Command {
  }

  record DeleteOutcome(String id) implements Command {
  }

  /** Internal: the item was pushed to an issue tracker ({@code github}: number, url, state), or its status synced. */
  record LinkOutcome(String id, io.vertx.core.json.JsonObject github, Optional<String> status) implements Command {
  }
}
