package fi.paja.workshop;

import fi.paja.auth.AccessChange;
import fi.paja.auth.Member;
import fi.paja.auth.Session;
import fi.paja.auth.Tokens;
import fi.paja.board.Participant;
import fi.paja.config.Limits;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import fi.paja.owner.BoardClient;
import fi.paja.storage.Collections;
import fi.paja.storage.Storage;
import fi.paja.validation.PlainText;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A workshop's life after it is created: close and reopen, archive and unarchive, duplicate, and its state on the
 * facilitator's dashboard (docs/PROTOCOL.md, "Workshop life").
 *
 * <p>States, from stored data only: {@code archived} when {@code archivedAt} is set; else {@code closed} when
 * {@code closedAt} is set; else {@code live} when anyone has joined with the join code (a participant other than
 * facilitators, removed ones included); else {@code upcoming}.
 */
public final class WorkshopLife {

  public static final String UPCOMING = "upcoming";
  public static final String LIVE = "live";
  public static final String CLOSED = "closed";
  public static final String ARCHIVED = "archived";

  private final Vertx vertx;
  private final Storage storage;
  private final MongoClient mongo;
  private final BoardClient boards;
  private final WorkshopStore store;
  private final Clock clock;

  public WorkshopLife(Vertx vertx, Storage storage, BoardClient boards, WorkshopStore store, Clock clock) {
    this.vertx = vertx;
    this.storage = storage;
    this.mongo = storage.mongo();
    this.boards = boards;
    this.store = store;
    this.clock = clock;
  }

  /**
   * Closes the workshop: from the moment the board hears of it every change is refused ({@code workshop_closed}),
   * then {@code closedAt} is stored, its participants' sessions are deleted and every live connection to it closed
   * ({@code 4410 workshop_closed}: participants stop, facilitators reconnect to a read-only board). Closing a closed
   * workshop changes nothing. Answers the workshop's summary.
   */
  public Future<JsonObject> close(String workshopId) {
    return document(workshopId).compose(doc -> {
      if (doc.getString("closedAt") != null) {
        return Future.succeededFuture(doc);
      }
      String closedAt = clock.instant().toString();
      return boards.lifeChanged(workshopId, closedAt, doc.getString("archivedAt"))
          .compose(v -> storage.durably(db -> db.updateCollection(Collections.WORKSHOPS,
              new JsonObject().put("_id", workshopId),
              new JsonObject().put("$set", new JsonObject().put("closedAt", closedAt))))
              // Not stored: the board opens again (a command refused meanwhile can be sent again).
              .recover(err -> boards.lifeChanged(workshopId, null, doc.getString("archivedAt"))
                  .transform(ar -> Future.failedFuture(err))))
          .compose(r -> storage.durably(db -> db.removeDocuments(Collections.SESSIONS,
              new JsonObject().put("workshopId", workshopId).put("kind", fi.paja.auth.Session.PARTICIPANT))))
          .map(r -> {
            AccessChange.workshopClosed(workshopId).publish(vertx);
            return doc.copy().put("closedAt", closedAt);
          });
    }).compose(this::withState);
  }

  /** Opens a closed (or archived) workshop again: the board takes changes, people can join again with the code. */
  public Future<JsonObject> reopen(String workshopId) {
    return document(workshopId).compose(doc -> storage.durably(db -> db.updateCollection(Collections.WORKSHOPS,
        new JsonObject().put("_id", workshopId),
        new JsonObject().put("$unset", new JsonObject().put("closedAt", "").put("archivedAt", ""))))
        .compose(r -> boards.lifeChanged(workshopId, null, null))
        .map(v -> {
          if (doc.getString("closedAt") != null) {
            // Facilitators' boards reconnect and show it open again.
            AccessChange.workshopClosed(workshopId).publish(vertx);
          }
          JsonObject open = doc.copy();
          open.remove("closedAt");
          open.remove("archivedAt");
          return open;
        })).compose(this::withState);
  }

  /** Archives the workshop (hidden from the default list); an open one is closed first. */
  public Future<JsonObject> archive(String workshopId) {
    return close(workshopId).compose(closed -> {
      if (closed.getString("archivedAt") != null) {
        return Future.succeededFuture(closed);
      }
      String archivedAt = clock.instant().toString();
      return storage.durably(db -> db.updateCollection(Collections.WORKSHOPS, new JsonObject().put("_id", workshopId),
          new JsonObject().put("$set", new JsonObject().put("archivedAt", archivedAt))))
          .compose(r -> boards.lifeChanged(workshopId, closed.getString("closedAt"), archivedAt))
          .map(v -> closed.put("archivedAt", archivedAt).put("state", ARCHIVED));
    });
  }

  /** Back in the default list; still closed (reopen to use it again). */
  public Future<JsonObject> unarchive(String workshopId) {
    return document(workshopId).compose(doc -> storage.durably(db -> db.updateCollection(Collections.WORKSHOPS,
        new JsonObject().put("_id", workshopId),
        new JsonObject().put("$unset", new JsonObject().put("archivedAt", ""))))
        .compose(r -> boards.lifeChanged(workshopId, doc.getString("closedAt"), null))
        .map(v -> {
          JsonObject out = doc.copy();
          out.remove("archivedAt");
          return out;
        })).compose(this::withState);
  }

  /**
   * A new workshop, owned by {@code by}, with the same structure as this one: phases (with their instructions),
   * areas, journey maps (stages and lanes, empty cells), settings and vote defaults, in the same language; no notes,
   * people, votes, groups, decisions or action items; a new join code and public page. The structure is carried as
   * a template saved from the board would be ({@link TemplateSeed}).
   */
  public Future<JsonObject> duplicate(Member facilitator, Session by, String rawTitle) {
    String workshopId = facilitator.workshopId();
    return document(workshopId).compose(doc -> boards.snapshot(facilitator).compose(snapshot -> {
      String title = PlainText.singleLine(rawTitle != null ? rawTitle : doc.getString("title"),
          Limits.MAX_TITLE_LENGTH, ErrorCode.INVALID_TITLE);
      String lang = doc.getString("lang", "fi");
      JsonObject structure = WorkshopCopy.structure(snapshot);
      JsonObject board = TemplateSeed.board(structure, lang, Tokens::newId);
      JsonObject defaults = snapshot.getJsonObject("defaults");
      if (defaults != null && board.getJsonObject("defaults") != null) {
        // Vote defaults as they were (a template keeps only the budget); phase times came with the phases.
        JsonObject copied = board.getJsonObject("defaults");
        for (String key : List.of("voteBudget", "voteMaxPerItem")) {
          if (defaults.getValue(key) != null) {
            copied.put(key, defaults.getValue(key));
          }
        }
      }
      Participant host = new Participant(Tokens.newId(), by.username(), Participant.FACILITATOR);
      JsonObject copy = new JsonObject()
          .put("_id", UUID.randomUUID().toString())
          .put("title", title)
          .put("template", doc.getString("template"))
          .put("ownerAccountId", by.accountId())
          .put("facilitatorParticipantId", host.id())
          .put("createdAt", clock.instant().toString())
          .put("lang", lang)
          .put("publicId", Tokens.newId())
          .put("seq", 0L)
          .put("duplicatedFrom", workshopId)
          .put("board", board);
      return store.create(copy, host);
    })).compose(this::withState);
  }

  /**
   * The dashboard's list: the summaries given (the facilitator's workshops), each with {@code state} and
   * {@code participantCount}; archived ones only when {@code archived} is true, the others only when false; those
   * whose title contains {@code query} (ignoring case), if one is given.
   */
  public Future<JsonArray> dashboard(JsonArray summaries, boolean archived, String query) {
    String q = query == null ? "" : query.trim().toLowerCase(Locale.ROOT);
    List<JsonObject> shown = summaries.stream().map(JsonObject.class::cast)
        .filter(w -> (w.getString("archivedAt") != null) == archived)
        .filter(w -> q.isEmpty() || String.valueOf(w.getString("title")).toLowerCase(Locale.ROOT).contains(q))
        .toList();
    return people(shown.stream().map(w -> w.getString("id")).toList()).map(people -> {
      JsonArray out = new JsonArray();
      for (JsonObject w : shown) {
        out.add(withCounts(w, people));
      }
      return out;
    });
  }

  /** {@code participantCount}: the people in it now (removed ones not); {@code state}. */
  private static JsonObject withCounts(JsonObject summary, People people) {
    String id = summary.getString("id");
    return summary.copy().put("participantCount", people.current().getOrDefault(id, 0))
        .put("state", state(summary, people.joined().getOrDefault(id, 0)));
  }

  static String state(JsonObject summary, int joined) {
    if (summary.getString("archivedAt") != null) {
      return ARCHIVED;
    }
    if (summary.getString("closedAt") != null) {
      return CLOSED;
    }
    return joined > 0 ? LIVE : UPCOMING;
  }

  /**
   * Who joined each workshop with its code (not facilitators): {@code joined} counts everyone who ever did (removed
   * ones too: the workshop has been live), {@code current} only those not removed. The {@code participants}
   * collection gets a joiner, and a removal, at the board's next checkpoint (within seconds); until then a joiner's
   * session counts them (a removed participant's sessions are deleted at once).
   */
  private record People(Map<String, Integer> joined, Map<String, Integer> current) {
  }

  private Future<People> people(List<String> workshopIds) {
    if (workshopIds.isEmpty()) {
      return Future.succeededFuture(new People(Map.of(), Map.of()));
    }
    JsonObject inList = new JsonObject().put("$in", new JsonArray(workshopIds));
    Future<List<JsonObject>> stored = mongo.findWithOptions(Collections.PARTICIPANTS,
        new JsonObject().put("workshopId", inList).put("role", new JsonObject().put("$ne", Participant.FACILITATOR)),
        new FindOptions().setFields(new JsonObject().put("workshopId", 1).put("removed", 1)));
    Future<List<JsonObject>> sessions = mongo.findWithOptions(Collections.SESSIONS,
        new JsonObject().put("workshopId", inList).put("kind", Session.PARTICIPANT),
        new FindOptions().setFields(new JsonObject().put("workshopId", 1).put("participantId", 1)));
    return Future.all(stored, sessions).map(all -> {
      Map<String, Set<String>> joined = new HashMap<>();
      Map<String, Set<String>> current = new HashMap<>();
      Set<String> removed = new HashSet<>();
      for (JsonObject p : stored.result()) {
        String w = p.getString("workshopId");
        joined.computeIfAbsent(w, k -> new HashSet<>()).add(p.getString("_id"));
        if (Boolean.TRUE.equals(p.getBoolean("removed"))) {
          removed.add(p.getString("_id"));
        } else {
          current.computeIfAbsent(w, k -> new HashSet<>()).add(p.getString("_id"));
        }
      }
      for (JsonObject session : sessions.result()) {
        String w = session.getString("workshopId");
        String id = session.getString("participantId");
        if (id == null) {
          continue;
        }
        joined.computeIfAbsent(w, k -> new HashSet<>()).add(id);
        if (!removed.contains(id)) {
          current.computeIfAbsent(w, k -> new HashSet<>()).add(id);
        }
      }
      return new People(sizes(joined), sizes(current));
    });
  }

  private static Map<String, Integer> sizes(Map<String, Set<String>> sets) {
    Map<String, Integer> out = new HashMap<>();
    sets.forEach((k, v) -> out.put(k, v.size()));
    return out;
  }

  /** The workshop's summary with its state, as the dashboard lists it. */
  public Future<JsonObject> withState(JsonObject doc) {
    JsonObject summary = doc.containsKey("_id") ? WorkshopService.summary(doc) : doc;
    return people(List.of(summary.getString("id"))).map(people -> withCounts(summary, people));
  }

  public Future<JsonObject> document(String workshopId) {
    return mongo.findOne(Collections.WORKSHOPS, new JsonObject().put("_id", workshopId), null)
        .compose(w -> w != null ? Future.succeededFuture(w)
            : Future.failedFuture(new PajaException(ErrorCode.WORKSHOP_NOT_FOUND)));
  }
}
