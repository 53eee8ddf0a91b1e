package fi.paja.workshop;

import fi.paja.auth.AuthService;
import fi.paja.auth.Devices;
import fi.paja.auth.Member;
import fi.paja.auth.Session;
import fi.paja.auth.Tokens;
import fi.paja.board.Participant;
import fi.paja.config.Limits;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import fi.paja.owner.BoardClient;
import fi.paja.validation.PlainText;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.UUID;

/** Creating, listing and joining workshops. */
public final class WorkshopService {

  private final WorkshopStore store;
  private final TemplateCatalog templates;
  private final AuthService auth;
  private final BoardClient boards;
  private final Clock clock;
  private final Devices devices;

  public WorkshopService(WorkshopStore store, TemplateCatalog templates, AuthService auth, BoardClient boards,
                         Clock clock, Devices devices) {
    this.devices = devices;
    this.store = store;
    this.templates = templates;
    this.auth = auth;
    this.boards = boards;
    this.clock = clock;
  }

  public Future<JsonObject> create(Session facilitator, String rawTitle, String template, String lang) {
    String title = PlainText.singleLine(rawTitle, Limits.MAX_TITLE_LENGTH, ErrorCode.INVALID_TITLE);
    if (!templates.contains(template)) {
      throw new PajaException(ErrorCode.UNKNOWN_TEMPLATE);
    }
    Participant host = new Participant(Tokens.newId(), facilitator.username(), Participant.FACILITATOR);
    JsonObject board = TemplateSeed.board(templates.get(template), lang, Tokens::newId);
    JsonObject doc = new JsonObject()
        .put("_id", UUID.randomUUID().toString())
        .put("title", title)
        .put("template", template)
        .put("ownerAccountId", facilitator.accountId())
        .put("facilitatorParticipantId", host.id())
        .put("createdAt", clock.instant().toString())
        .put("lang", lang)
        .put("publicId", Tokens.newId())
        .put("seq", 0L)
        .put("board", board);
    return store.create(doc, host).map(WorkshopService::summary);
  }

  public Future<JsonArray> list(Session facilitator) {
    return store.ownedBy(facilitator.accountId())
        .map(list -> new JsonArray(list.stream().map(w -> summary(w).put("role",
            facilitator.accountId().equals(w.getString("ownerAccountId")) ? "owner" : "cofacilitator")).toList()));
  }

  /**
   * Joins with a code and a pseudonym: the participant is an event on the board, then gets a token. With a
   * {@code deviceId} (the browser's, see {@link Devices}) a barred device is refused with {@code device_barred}, and
   * the device is remembered so that a facilitator who removes this participant can bar it.
   */
  public Future<JsonObject> join(String typedCode, String rawName, String rawDeviceId) {
    // Checked here for form (NFC, visible plain text); the board checks it against its members' names and roles.
    String name = fi.paja.validation.Pseudonyms.normalise(rawName);
    String deviceId = rawDeviceId == null ? null : Devices.checked(rawDeviceId);
    String code = JoinCodes.normalise(typedCode);
    if (code == null) {
      return Future.failedFuture(new PajaException(ErrorCode.UNKNOWN_JOIN_CODE));
    }
    return store.byJoinCode(code).compose(workshop -> {
      String workshopId = workshop.getString("_id");
      if (workshop.getString("closedAt") != null) {
        return Future.failedFuture(new PajaException(ErrorCode.WORKSHOP_CLOSED,
            "This workshop has ended; it cannot be joined any more."));
      }
      Future<Boolean> barred = deviceId == null ? Future.succeededFuture(false) : devices.barred(workshopId, deviceId);
      return barred.compose(isBarred -> {
        if (isBarred) {
          return Future.failedFuture(new PajaException(ErrorCode.DEVICE_BARRED));
        }
        Participant participant = new Participant(Tokens.newId(), name, Participant.PARTICIPANT);
        return boards.join(workshopId, participant)
            .compose(v -> deviceId == null ? Future.succeededFuture()
                : devices.joined(workshopId, participant.id(), deviceId))
            .compose(v -> auth.participantToken(workshopId, participant.id()))
            .map(token -> new JsonObject()
                .put("token", token)
                .put("workshopId", workshopId)
                .put("participantId", participant.id())
                .put("name", name)
                .put("role", participant.role()));
      });
    });
  }

  /**
   * A new join code for the workshop: the old code and links with it stop working at once; people already in stay.
   * Facilitators only (the caller checks the role).
   */
  public Future<JsonObject> newJoinCode(Member facilitator) {
    String workshopId = facilitator.workshopId();
    return store.newJoinCode(workshopId)
        .compose(code -> boards.joinCodeChanged(workshopId, code).map(code))
        .map(code -> new JsonObject().put("joinCode", code));
  }

  /**
   * Saves a board's structure (phases, areas, journey maps, settings) as a new template that every facilitator can
   * then use; stored in MongoDB, so it survives restarts, and announced to every node.
   */
  public Future<JsonObject> saveAsTemplate(fi.paja.auth.Member owner, String rawId, String rawName) {
    if (!rawId.matches("[a-z0-9-]{1,60}")) {
      throw new PajaException(ErrorCode.INVALID_ID, "Template id: lowercase letters, digits and -.");
    }
    String name = PlainText.singleLine(rawName, Limits.MAX_TITLE_LENGTH, ErrorCode.INVALID_TITLE);
    if (templates.contains(rawId)) {
      throw new PajaException(ErrorCode.TEMPLATE_EXISTS);
    }
    return boards.snapshot(owner).compose(snapshot -> {
      JsonObject template = TemplateSeed.fromBoard(rawId, name, snapshot);
      try {
        templates.parse("from workshop " + owner.workshopId(), template.encode());
      } catch (java.io.IOException e) {
        return Future.failedFuture(new PajaException(ErrorCode.INVALID_TEMPLATE, e.getMessage()));
      }
      return store.saveTemplate(template, owner.workshopId()).map(template);
    }).onSuccess(templates::put);
  }

  public Future<JsonObject> byPublicId(String publicId) {
    return store.byPublicId(publicId);
  }

  /** A new workshop from a JSON export, owned by this facilitator. */
  public Future<JsonObject> importWorkshop(Session facilitator, JsonObject export) {
    Participant host = new Participant(Tokens.newId(), facilitator.username(), Participant.FACILITATOR);
    String now = clock.instant().toString();
    WorkshopImport.Result imported = new WorkshopImport(Tokens::newId).read(export, host.id(), now);
    String template = templates.contains(imported.template()) ? imported.template() : TemplateCatalog.DEFAULT;
    JsonObject doc = new JsonObject()
        .put("_id", UUID.randomUUID().toString())
        .put("title", imported.title())
        .put("template", template)
        .put("ownerAccountId", facilitator.accountId())
        .put("facilitatorParticipantId", host.id())
        .put("createdAt", now)
        .put("lang", "fi")
        .put("publicId", Tokens.newId())
        .put("seq", 0L)
        .put("board", imported.meta());
    return store.create(doc, host)
        .compose(w -> store.insertNotes(w.getString("_id"), imported.notes()).map(w))
        .map(WorkshopService::summary);
  }

  public static JsonObject summary(JsonObject doc) {
    return new JsonObject()
        .put("id", doc.getString("_id"))
        .put("title", doc.getString("title"))
        .put("joinCode", doc.getString("joinCode"))
        .put("template", doc.getString("template"))
        .put("createdAt", doc.getString("createdAt"))
        .put("publicId", doc.getString("publicId"))
        .put("seq", doc.getLong("seq", 0L))
        .put("closedAt", doc.getString("closedAt"))
        .put("archivedAt", doc.getString("archivedAt"))
        .put("anonymisedAt", doc.getString("anonymisedAt"));
  }
}
