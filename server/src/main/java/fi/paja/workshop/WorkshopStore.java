package fi.paja.workshop;

import fi.paja.auth.WorkshopOwners;
import fi.paja.board.Participant;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import fi.paja.owner.BoardStore;
import fi.paja.storage.Collections;
import fi.paja.storage.Storage;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Workshops in MongoDB: creation with a unique join code, lookups, and the owner and co-facilitator accounts of each
 * (cached; every node forgets a workshop's entry when its sharing or owner changes, see {@link #forget}).
 */
public final class WorkshopStore implements WorkshopOwners {

  private static final int JOIN_CODE_ATTEMPTS = 8;

  private final Storage storage;
  private final MongoClient mongo;
  private final Map<String, Owner> owners = new ConcurrentHashMap<>();
  /** Counts {@link #forget}s: a lookup that was under way meanwhile may have read the old owner and is not cached. */
  private final java.util.concurrent.atomic.AtomicLong forgotten = new java.util.concurrent.atomic.AtomicLong();

  public WorkshopStore(Storage storage) {
    this.storage = storage;
    this.mongo = storage.mongo();
  }

  /** Inserts a new workshop and its facilitator's participant; durable when the future completes. */
  public Future<JsonObject> create(JsonObject workshop, Participant facilitator) {
    return storage.durably(db -> insertWithFreshCode(db, workshop, JOIN_CODE_ATTEMPTS)
        .compose(w -> db.insert(Collections.PARTICIPANTS,
            BoardStore.participantDoc(w.getString("_id"), facilitator)
                .put("order", 0).put("joinedAt", w.getString("createdAt")))
            .map(w)));
  }

  private Future<JsonObject> insertWithFreshCode(MongoClient db, JsonObject workshop, int attemptsLeft) {
    JsonObject doc = workshop.copy().put("joinCode", JoinCodes.next());
    return db.insert(Collections.WORKSHOPS, doc).map(doc).recover(err -> {
      if (duplicate(err) && attemptsLeft > 1) {
        return insertWithFreshCode(db, workshop, attemptsLeft - 1);
      }
      return Future.failedFuture(err);
    });
  }

  /**
   * Gives a workshop a new join code; the old one stops working as soon as this is stored (joins read the code from
   * the database). Durable when the future completes.
   */
  public Future<String> newJoinCode(String workshopId) {
    return newJoinCode(workshopId, JOIN_CODE_ATTEMPTS);
  }

  private Future<String> newJoinCode(String workshopId, int attemptsLeft) {
    String code = JoinCodes.next();
    return storage.durably(db -> db.updateCollection(Collections.WORKSHOPS, new JsonObject().put("_id", workshopId),
        new JsonObject().put("$set", new JsonObject().put("joinCode", code))))
        .compose(r -> r.getDocMatched() == 0 ? Future.failedFuture(new PajaException(ErrorCode.WORKSHOP_NOT_FOUND))
            : Future.succeededFuture(code))
        .recover(err -> duplicate(err) && attemptsLeft > 1 ? newJoinCode(workshopId, attemptsLeft - 1)
            : Future.failedFuture(err));
  }

  private static boolean duplicate(Throwable err) {
    return String.valueOf(err.getMessage()).contains("E11000")
        || String.valueOf(err.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("duplicate key");
  }

  /** Saves a template made from a workshop; {@code fromWorkshop} lets deleting that workshop delete it too. */
  public Future<Void> saveTemplate(JsonObject template, String fromWorkshop) {
    return storage.durably(db -> db.insert(Collections.TEMPLATES, new JsonObject().put("_id", template.getString("id"))
        .put("template", template.encode()).put("fromWorkshop", fromWorkshop))
        .recover(err -> Future.failedFuture(String.valueOf(err.getMessage()).contains("E11000")
            ? new PajaException(ErrorCode.TEMPLATE_EXISTS) : err)))
        .mapEmpty();
  }

  /** Templates saved from boards, as JSON text (stored as text: template keys such as {@code $schema} are not
   * MongoDB field names). */
  public Future<List<String>> savedTemplates() {
    return mongo.find(Collections.TEMPLATES, new JsonObject())
        .map(docs -> docs.stream().map(d -> d.getString("template")).toList());
  }

  public Future<Void> insertNotes(String workshopId, io.vertx.core.json.JsonArray notes) {
    if (notes.isEmpty()) {
      return Future.succeededFuture();
    }
    List<io.vertx.ext.mongo.BulkOperation> ops = new java.util.ArrayList<>();
    notes.forEach(n -> {
      JsonObject note = (JsonObject) n;
      ops.add(io.vertx.ext.mongo.BulkOperation.createInsert(new JsonObject()
          .put("_id", workshopId + "/" + note.getString("id")).put("w", workshopId).put("n", note)));
    });
    return storage.durably(db -> db.bulkWrite(Collections.NOTES, ops)).mapEmpty();
  }

  /** The workshops the account owns or that are shared with it. */
  public Future<List<JsonObject>> ownedBy(String accountId) {
    return mongo.findWithOptions(Collections.WORKSHOPS, new JsonObject().put("$or", new io.vertx.core.json.JsonArray()
        .add(new JsonObject().put("ownerAccountId", accountId))
        .add(new JsonObject().put("coFacilitatorAccountIds", accountId))),
        new FindOptions().setSort(new JsonObject().put("createdAt", -1)).setLimit(500));
  }

  public Future<JsonObject> byPublicId(String publicId) {
    return mongo.findOne(Collections.WORKSHOPS, new JsonObject().put("publicId", publicId),
        new JsonObject().put("_id", 1))
        .compose(w -> w != null ? Future.succeededFuture(w)
            : Future.failedFuture(new PajaException(ErrorCode.NOT_FOUND, "No such page.")));
  }

  public Future<JsonObject> byJoinCode(String code) {
    return mongo.findOne(Collections.WORKSHOPS, new JsonObject().put("joinCode", code), null)
        .compose(w -> w != null ? Future.succeededFuture(w)
            : Future.failedFuture(new PajaException(ErrorCode.UNKNOWN_JOIN_CODE)));
  }

  @Override
  public Future<Owner> owner(String workshopId) {
    Owner cached = owners.get(workshopId);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    long before = forgotten.get();
    return mongo.findOne(Collections.WORKSHOPS, new JsonObject().put("_id", workshopId),
        new JsonObject().put("ownerAccountId", 1).put("facilitatorParticipantId", 1).put("coFacilitators", 1))
        .compose(w -> {
          if (w == null) {
            return Future.failedFuture(new PajaException(ErrorCode.WORKSHOP_NOT_FOUND));
          }
          Map<String, String> co = new java.util.HashMap<>();
          w.getJsonArray("coFacilitators", new io.vertx.core.json.JsonArray()).forEach(c -> {
            JsonObject entry = (JsonObject) c;
            co.put(entry.getString("accountId"), entry.getString("participantId"));
          });
          Owner owner = new Owner(w.getString("ownerAccountId"), w.getString("facilitatorParticipantId"),
              Map.copyOf(co));
          if (forgotten.get() == before) {
            owners.put(workshopId, owner);
          }
          return Future.succeededFuture(owner);
        });
  }

  @Override
  public void forget(String workshopId) {
    forgotten.incrementAndGet();
    owners.remove(workshopId);
  }
}
