package fi.paja.board;

import io.vertx.core.json.JsonObject;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A change that happened on a board. {@code seq} is consecutive per workshop; {@code by} is the participant who
 * caused it. The JSON form is the public wire format (docs/PROTOCOL.md) and also what the op log stores.
 * {@code visibility} (JSON {@code _v}, never sent to clients) says who may see what of it; see {@link Visibility}.
 *
 * <p>The change records live in one file per area ({@link ParticipantChanges}, {@link NoteChanges},
 * {@link FacilitationChanges}, {@link VoteChanges}, {@link JourneyAndOutcomeChanges}); {@code Event} implements those
 * holders only so that they keep their names {@code Event.NoteAdded} and so on. Each record owns its wire name and
 * its reading ({@link ChangeType}, a static field next to its {@code writeTo}), and {@code EventTypesTest} walks every
 * permitted type: unique names, a JSON round trip, documented in docs/PROTOCOL.md, named by a protocol vector.
 */
public record Event(long seq, String workshopId, Instant at, String by, Change change, JsonObject visibility)
    implements ParticipantChanges, NoteChanges, FacilitationChanges, VoteChanges, JourneyAndOutcomeChanges {

  public Event(long seq, String workshopId, Instant at, String by, Change change) {
    this(seq, workshopId, at, by, change, null);
  }

  /** The part of an event that differs by type. */
  public sealed interface Change permits ParticipantJoined, ParticipantRoleChanged, ParticipantRemoved,
      ParticipantsErased, NoteAdded, NoteUpdated, NoteMoved, NoteDeleted, NoteRestored, ClusterMoved, NotesArranged,
      NotesRevealed, ClusterChanged, ClusterRemoved, SettingsChanged, PhasesChanged, TimerChanged, ViewChanged,
      VoteOpened, VoteChanged, VoteClosed, JourneyChanged, JourneyRemoved, OutcomeChanged, OutcomeRemoved {

    /** Its wire name and reader: each record declares its own ({@link ChangeType}). */
    ChangeType<?> changeType();

    default String type() {
      return changeType().name();
    }

    /**
     * What this change is about, which decides who may see what of it ({@link Visibility}). Every type must say:
     * a new one without it does not compile, and {@code VisibilityMatrixTest} runs each through every viewer.
     */
    Visibility.Subject subject();

    void writeTo(JsonObject json);
  }

  /**
   * Every wire name of a change, to its type: the {@code static final ChangeType} fields of the permitted records,
   * so a record added to {@link Change} is readable as soon as it declares its type.
   */
  public static final Map<String, ChangeType<?>> TYPES = typesOfPermittedRecords();

  private static Map<String, ChangeType<?>> typesOfPermittedRecords() {
    Map<String, ChangeType<?>> types = new LinkedHashMap<>();
    for (Class<?> record : Change.class.getPermittedSubclasses()) {
      for (Field field : record.getDeclaredFields()) {
        if (field.getType() == ChangeType.class && Modifier.isStatic(field.getModifiers())) {
          try {
            ChangeType<?> type = (ChangeType<?>) field.get(null);
            if (types.put(type.name(), type) != null || type.record() != record) {
              throw new IllegalStateException("event type " + type.name() + " declared twice or by the wrong record");
            }
          } catch (IllegalAccessException e) {
            throw new IllegalStateException("event types are public static fields: " + field, e);
          }
        }
      }
    }
    return Collections.unmodifiableMap(types);
  }

  public String type() {
    return change.type();
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("type", change.type()).put("seq", seq).put("workshopId", workshopId)
        .put("at", at.toString()).put("by", by);
    change.writeTo(json);
    if (visibility != null) {
      json.put(Visibility.FIELD, visibility.copy());
    }
    return json;
  }

  /** The change an event's JSON (as stored or published) carries, read by the type its wire name names. */
  public static Change changeOf(JsonObject json) {
    ChangeType<?> type = TYPES.get(json.getString("type"));
    if (type == null) {
      throw new IllegalArgumentException("unknown event type " + json.getString("type"));
    }
    return type.read(json);
  }

  public static Event fromJson(JsonObject json) {
    return new Event(json.getLong("seq"), json.getString("workshopId"), Instant.parse(json.getString("at")),
        json.getString("by"), changeOf(json), json.getJsonObject(Visibility.FIELD));
  }
}
