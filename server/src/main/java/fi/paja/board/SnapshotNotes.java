package fi.paja.board;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The notes of a board's snapshots, encoded once per seq and kind of viewer (facilitator or not) and reused: a loop
 * of snapshot requests on a 20,000-note board costs one encoding per change of the board, not one per request, and
 * a change re-encodes only the notes it changed. Each note is kept as every viewer of that kind sees it who did not
 * write it; a viewer's own notes (hidden ones, {@code mine}, the author kept) are encoded for her when her snapshot
 * is put together.
 *
 * <p>An {@link Encoding} is immutable once built, so it is built and used off the board's context (see
 * {@code BoardActor}); notes are immutable records.
 */
public final class SnapshotNotes {

  private SnapshotNotes() {
  }

  /** A board's notes at one seq, in board order, each encoded as a viewer of one kind sees it (null: not visible). */
  public record Encoding(long seq, Settings settings, boolean facilitator, Note[] notes, byte[][] encoded) {

    /** Encodes {@code notes}, reusing what {@code previous} encoded for the very same note objects and settings. */
    public static Encoding build(long seq, Settings settings, boolean facilitator, Note[] notes, Encoding previous) {
      Map<Note, byte[]> reuse = new IdentityHashMap<>();
      if (previous != null && previous.facilitator == facilitator && previous.settings.equals(settings)) {
        for (int i = 0; i < previous.notes.length; i++) {
          if (previous.encoded[i] != null) {
            reuse.put(previous.notes[i], previous.encoded[i]);
          }
        }
      }
      Visibility.Viewer someone = new Visibility.Viewer("", facilitator);
      byte[][] encoded = new byte[notes.length][];
      for (int i = 0; i < notes.length; i++) {
        byte[] known = reuse.get(notes[i]);
        if (known != null) {
          encoded[i] = known;
          continue;
        }
        JsonObject json = Visibility.note(notes[i], someone, settings);
        encoded[i] = json == null ? null : json.encode().getBytes(StandardCharsets.UTF_8);
      }
      return new Encoding(seq, settings, facilitator, notes, encoded);
    }
  }

  private static final byte[] NOTES_START = "{\"notes\":[".getBytes(StandardCharsets.UTF_8);

  /**
   * A viewer's whole snapshot as JSON bytes: {@code rest} (everything but the notes, see
   * {@link Board#snapshotWithoutNotes}) with her notes: the shared encoding of everyone else's, her own encoded for her.
   */
  public static Buffer assemble(Encoding encoding, Visibility.Viewer viewer, JsonObject rest) {
    byte[] tail = rest.encode().getBytes(StandardCharsets.UTF_8);
    byte[][] own = new byte[encoding.notes.length][];
    long size = NOTES_START.length + tail.length + 2L;
    for (int i = 0; i < encoding.notes.length; i++) {
      Note n = encoding.notes[i];
      byte[] bytes = encoding.encoded[i];
      if (viewer.participantId().equals(n.authorId())) {
        JsonObject json = Visibility.note(n, viewer, encoding.settings);
        bytes = own[i] = json == null ? null : json.encode().getBytes(StandardCharsets.UTF_8);
      }
      if (bytes != null) {
        size += bytes.length + 1;
      }
    }
    Buffer out = Buffer.buffer((int) Math.min(Integer.MAX_VALUE, size));
    out.appendBytes(NOTES_START);
    boolean first = true;
    for (int i = 0; i < encoding.notes.length; i++) {
      byte[] bytes = own[i] != null ? own[i] : viewer.participantId().equals(encoding.notes[i].authorId()) ? null
          : encoding.encoded[i];
      if (bytes == null) {
        continue;
      }
      if (!first) {
        out.appendByte((byte) ',');
      }
      out.appendBytes(bytes);
      first = false;
    }
    out.appendByte((byte) ']');
    if (tail.length > 2) {
      // rest is {"a":…}: its members follow the notes.
      out.appendByte((byte) ',');
      out.appendBytes(tail, 1, tail.length - 1);
    } else {
      out.appendByte((byte) '}');
    }
    return out;
  }
}
