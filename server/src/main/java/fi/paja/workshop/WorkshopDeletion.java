package fi.paja.workshop;

import fi.paja.auth.AccessChange;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import fi.paja.owner.BoardClient;
import fi.paja.storage.Collections;
import fi.paja.storage.Storage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes a workshop's every document from every collection: the workshop (with its board-wide state and public id,
 * so its public page answers 404), the op log ({@code events}), notes and tombstones, participants, sessions (its
 * participants' tokens), device tables, the board lease, and, only if asked, the templates saved from it.
 *
 * <p>Order matters in a cluster: the workshop's document goes first, so that no node can load the board again; then
 * the board is unloaded on whichever node owns it, after the group it is writing (so a cached board cannot write
 * anything back); then the rest. Each step is durable before the next. Safe to repeat: a deletion cut short (a node
 * died half way) is finished by deleting again, which finds no workshop document and removes whatever is left.
 */
public final class WorkshopDeletion {

  private static final Logger LOG = LoggerFactory.getLogger(WorkshopDeletion.class);

  private final Vertx vertx;
  private final Storage storage;
  private final MongoClient mongo;
  private final BoardClient boards;
  private final TemplateCatalog templates;

  public WorkshopDeletion(Vertx vertx, Storage storage, BoardClient boards, TemplateCatalog templates) {
    this.vertx = vertx;
    this.storage = storage;
    this.mongo = storage.mongo();
    this.boards = boards;
    this.templates = templates;
  }

  /**
   * Deletes the workshop; with {@code withTemplates} also the templates saved from it. Durable when the future
   * completes; every live connection to it is closed ({@code 4404 workshop_deleted}).
   */
  public Future<Void> delete(String workshopId, boolean withTemplates) {
    JsonObject byId = new JsonObject().put("_id", workshopId);
    JsonObject byW = new JsonObject().put("w", workshopId);
    JsonObject byWorkshopId = new JsonObject().put("workshopId", workshopId);
    return storage.durably(db -> db.removeDocument(Collections.WORKSHOPS, byId))
        .compose(r -> boards.unloadForDeletion(workshopId))
        .compose(v -> withTemplates ? savedTemplates(workshopId) : Future.succeededFuture(List.<String>of()))
        .compose(templateIds -> storage.durably(db -> Future.all(List.of(
            db.removeDocuments(Collections.EVENTS, byW),
            db.removeDocuments(Collections.NOTES, byW),
            db.removeDocuments(Collections.PARTICIPANTS, byWorkshopId),
            db.removeDocuments(Collections.SESSIONS, byWorkshopId),
            db.removeDocuments(Collections.PARTICIPANT_DEVICES, byW),
            db.removeDocuments(Collections.BARRED_DEVICES, byW),
            withTemplates ? db.removeDocuments(Collections.TEMPLATES,
                new JsonObject().put("fromWorkshop", workshopId)) : Future.succeededFuture())))
            .map(templateIds))
        // Last: a request that raced the deletion may have taken the lease while failing to load the board.
        .compose(templateIds -> storage.durably(db -> db.removeDocument(Collections.BOARD_OWNERS, byId))
            .map(templateIds))
        .onSuccess(templateIds -> {
          templateIds.forEach(templates::remove);
          AccessChange.workshopDeleted(workshopId).publish(vertx);
          // Every node forgets who facilitated it (the owner cache), as when sharing changes.
          vertx.eventBus().publish(WorkshopStore.OWNERS_CHANGED, new JsonObject().put("workshopId", workshopId));
          LOG.info("Workshop {} deleted{}", workshopId, withTemplates ? " with its templates" : "");
        })
        .mapEmpty();
  }

  private Future<List<String>> savedTemplates(String workshopId) {
    return mongo.find(Collections.TEMPLATES, new JsonObject().put("fromWorkshop", workshopId))
        .map(docs -> docs.stream().map(d -> d.getString("_id")).toList());
  }

  /** For callers that must not delete a workshop that is not there (the API answers 404). */
  public Future<JsonObject> existing(String workshopId) {
    return mongo.findOne(Collections.WORKSHOPS, new JsonObject().put("_id", workshopId), null)
        .compose(w -> w != null ? Future.succeededFuture(w)
            : Future.failedFuture(new PajaException(ErrorCode.WORKSHOP_NOT_FOUND)));
  }
}
