package fi.paja.board;

import java.util.Optional;

/** What a member asks a board to do. Built only by {@link CommandDecoder}, so every instance is valid input. */
public sealed interface Command {

  /** Wire name, e.g. {@code note.add}. */
  String op();

  record AddNote(Optional<String> id, String text, double x, double y, String color) implements Command {
    public String op() {
      return "note.add";
    }
  }

  record UpdateNote(String id, Optional<String> text, Optional<String> color) implements Command {
    public String op() {
      return "note.update";
    }
  }

  record MoveNote(String id, double x, double y) implements Command {
    public String op() {
      return "note.move";
    }
  }

  record DeleteNote(String id) implements Command {
    public String op() {
      return "note.delete";
    }
  }

  /** Internal: sent by the join endpoint, never accepted from clients. */
  record JoinParticipant(Participant participant) implements Command {
    public String op() {
      return "participant.join";
    }
  }
}
