package fi.paja.workshop;

import fi.paja.auth.Accounts;
import fi.paja.auth.Member;
import fi.paja.auth.Session;
import fi.paja.auth.Tokens;
import fi.paja.board.Participant;
import fi.paja.error.ErrorCode;
import fi.paja.error.PajaException;
import fi.paja.owner.BoardClient;
import fi.paja.storage.Collections;
import fi.paja.storage.Storage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.util.ArrayList;
import java.util.List;

/**
 * A workshop's owner shares it with other facilitator accounts (co-facilitators), takes them off it again, and an
 * admin moves an account's workshops to another account.
 *
 * <p>On the workshop document: {@code coFacilitatorAccountIds} (the accounts, for queries) and
 * {@code coFacilitators: [{accountId, participantId}]}. Sharing adds a participant with role {@code cofacilitator}
 * to the board that speaks for that account (its display name, else its user name); unsharing removes that
 * participant ({@code participant.remove}: the account's live sockets on the board close with 4403 at once). Each
 * change is announced on {@link WorkshopStore#OWNERS_CHANGED} so that every node reads the owner again.
 */
public final class Sharing {

  private final Vertx vertx;
  private final Storage storage;
  private final MongoClient mongo;
  private final WorkshopStore store;
  private final BoardClient boards;
  private final Accounts accounts;

  public Sharing(Vertx vertx, Storage storage, BoardClient boards, Accounts accounts) {
    this.vertx = vertx;
    this.storage = storage;
    this.mongo = storage.mongo();
    // Only for reading: the cache that matters is each node's own, cleared through OWNERS_CHANGED.
    this.store = new WorkshopStore(storage);
    this.boards = boards;
    this.accounts = accounts;
  }

  /**
   * The workshop's owner, if {@code session} may see its sharing (owner or co-facilitator: {@code forbidden} for
   * others, {@code workshop_not_found} when there is none); with {@code ownerOnly}, co-facilitators are refused too.
   */
  private Future<WorkshopStore.Owner> owner(Session session, String workshopId, boolean ownerOnly) {
    if (workshopId == null || !fi.paja.board.Addresses.WORKSHOP_ID_PATTERN.matcher(workshopId).matches()) {
      return Future.failedFuture(new PajaException(ErrorCode.WORKSHOP_NOT_FOUND));
    }
    store.forget(workshopId);
    return store.owner(workshopId).compose(owner -> {
      if (owner.accountId().equals(session.accountId())) {
        return Future.succeededFuture(owner);
      }
      if (!ownerOnly && owner.coFacilitators().containsKey(session.accountId())) {
        return Future.succeededFuture(owner);
      }
      return Future.failedFuture(new PajaException(ErrorCode.FORBIDDEN,
          owner.coFacilitators().containsKey(session.accountId())
              ? "Only the workshop's owner can change who it is shared with." : ErrorCode.FORBIDDEN.message()));
    });
  }

  /** The co-facilitator accounts of a workshop: {@code {"coFacilitators":[{accountId, username, displayName}]}}. */
  public Future<JsonObject> list(Session session, String workshopId) {
    return owner(session, workshopId, false).compose(owner -> view(owner.coFacilitators().keySet()));
  }

  private Future<JsonObject> view(java.util.Collection<String> accountIds) {
    if (accountIds.isEmpty()) {
      return Future.succeededFuture(new JsonObject().put("coFacilitators", new JsonArray()));
    }
    return mongo.findWithOptions(Collections.ACCOUNTS,
        new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray(new ArrayList<>(accountIds)))),
        new FindOptions().setSort(new JsonObject().put("username", 1)))
        .map(found -> {
          JsonArray out = new JsonArray();
          found.forEach(a -> out.add(new JsonObject().put("accountId", a.getString("_id"))
              .put("username", a.getString("username"))
              .put("displayName", a.getString("displayName", a.getString("username")))));
          return new JsonObject().put("coFacilitators", out);
        });
  }

  /** Shares the workshop with the account of {@code username} (owner only); sharing it again changes nothing. */
  public Future<JsonObject> share(Session session, String workshopId, String username) {
    return owner(session, workshopId, true).compose(owner -> accounts.enabledByUsername(username).compose(account -> {
      String accountId = account.getString("_id");
      if (accountId.equals(owner.accountId())) {
        return Future.failedFuture(new PajaException(ErrorCode.ALREADY_OWNER));
      }
      if (owner.coFacilitators().containsKey(accountId)) {
        return view(owner.coFacilitators().keySet());
      }
      String participantId = Tokens.newId();
      List<String> names = candidateNames(account);
      return joinAs(workshopId, participantId, names, 0)
          .compose(v -> storage.durably(db -> db.updateCollection(Collections.WORKSHOPS,
              new JsonObject().put("_id", workshopId), new JsonObject()
                  .put("$addToSet", new JsonObject().put("coFacilitatorAccountIds", accountId))
                  .put("$push", new JsonObject().put("coFacilitators",
                      new JsonObject().put("accountId", accountId).put("participantId", participantId))))))
          .compose(r -> changed(workshopId))
          .compose(v -> {
            List<String> ids = new ArrayList<>(owner.coFacilitators().keySet());
            ids.add(accountId);
            return view(ids);
          });
    }));
  }

  /** Names to try for the account's participant: a board refuses one that looks like a member's or a role. */
  static List<String> candidateNames(JsonObject account) {
    String display = account.getString("displayName", account.getString("username"));
    String username = account.getString("username");
    List<String> names = new ArrayList<>();
    names.add(display);
    if (!username.equals(display)) {
      names.add(username);
    }
    for (int i = 2; i <= 5; i++) {
      names.add(clip(display, " " + i));
    }
    return names;
  }

  private static String clip(String name, String suffix) {
    int max = fi.paja.config.Limits.MAX_NAME_LENGTH - suffix.length();
    return (name.length() > max ? name.substring(0, max) : name) + suffix;
  }

  private Future<Void> joinAs(String workshopId, String participantId, List<String> names, int i) {
    return boards.join(workshopId, new Participant(participantId, names.get(i), Participant.COFACILITATOR))
        .recover(err -> {
          boolean nameRefused = err instanceof PajaException e
              && (e.code() == ErrorCode.NAME_TAKEN || e.code() == ErrorCode.NAME_RESERVED);
          return nameRefused && i + 1 < names.size() ? joinAs(workshopId, participantId, names, i + 1)
              : Future.failedFuture(err);
        });
  }

  /** Takes the account off the workshop (owner only): its participant is removed from the board. */
  public Future<JsonObject> unshare(Session session, String workshopId, String accountId) {
    return owner(session, workshopId, true).compose(owner -> {
      if (!owner.coFacilitators().containsKey(accountId)) {
        return Future.failedFuture(new PajaException(ErrorCode.ACCOUNT_NOT_FOUND,
            "That account is not a co-facilitator of this workshop."));
      }
      return takeOff(workshopId, owner, accountId).compose(v -> {
        List<String> ids = new ArrayList<>(owner.coFacilitators().keySet());
        ids.remove(accountId);
        return view(ids);
      });
    });
  }

  private Future<Void> takeOff(String workshopId, WorkshopStore.Owner owner, String accountId) {
    String participantId = owner.coFacilitators().get(accountId);
    return storage.durably(db -> db.updateCollection(Collections.WORKSHOPS, new JsonObject().put("_id", workshopId),
        new JsonObject()
            .put("$pull", new JsonObject().put("coFacilitatorAccountIds", accountId)
                .put("coFacilitators", new JsonObject().put("accountId", accountId)))))
        .compose(r -> changed(workshopId))
        .compose(v -> removeFromBoard(workshopId, owner, participantId));
  }

  private Future<Void> removeFromBoard(String workshopId, WorkshopStore.Owner owner, String participantId) {
    Member asOwner = new Member(workshopId, owner.facilitatorParticipantId(), Participant.FACILITATOR);
    return boards.command(asOwner, new JsonObject().put("op", "participant.remove").put("participantId", participantId))
        .<Void>mapEmpty()
        // Already removed on the board by a facilitator: the account is off the workshop all the same.
        .recover(err -> err instanceof PajaException e && e.code() == ErrorCode.PARTICIPANT_NOT_FOUND
            ? Future.succeededFuture() : Future.failedFuture(err));
  }

  /** Takes a removed account off every workshop shared with it. */
  public Future<Void> unshareEverywhere(String accountId) {
    return mongo.find(Collections.WORKSHOPS, new JsonObject().put("coFacilitatorAccountIds", accountId))
        .compose(workshops -> {
          Future<Void> chain = Future.succeededFuture();
          for (JsonObject w : workshops) {
            String id = w.getString("_id");
            chain = chain.compose(v -> {
              store.forget(id);
              return store.owner(id).compose(owner -> takeOff(id, owner, accountId));
            });
          }
          return chain;
        });
  }

  /**
   * Moves every workshop {@code fromId} owns to {@code toId} (admin; an enabled account). The new owner speaks on
   * each board as the participant that spoke for the old one; if it was a co-facilitator there, its co-facilitator
   * participant is removed. The old account's sessions end (its live sockets on those boards close).
   */
  public Future<JsonObject> transfer(String fromId, String toId) {
    if (fromId.equals(toId)) {
      return Future.failedFuture(new PajaException(ErrorCode.ALREADY_OWNER, "Transfer to another account."));
    }
    return accounts.byId(fromId).compose(from -> accounts.byId(toId)).compose(to -> {
      if (Accounts.isDisabled(to)) {
        return Future.failedFuture(new PajaException(ErrorCode.ACCOUNT_DISABLED,
            "Transfer to an account that is not disabled."));
      }
      return mongo.find(Collections.WORKSHOPS, new JsonObject().put("ownerAccountId", fromId));
    }).compose(workshops -> {
      Future<Void> chain = Future.succeededFuture();
      for (JsonObject w : workshops) {
        String id = w.getString("_id");
        chain = chain.compose(v -> {
          store.forget(id);
          return store.owner(id);
        }).compose(owner -> (owner.coFacilitators().containsKey(toId) ? takeOff(id, owner, toId)
            : Future.<Void>succeededFuture())
            .compose(v -> storage.durably(db -> db.updateCollection(Collections.WORKSHOPS,
                new JsonObject().put("_id", id).put("ownerAccountId", fromId),
                new JsonObject().put("$set", new JsonObject().put("ownerAccountId", toId)))))
            .compose(r -> changed(id)));
      }
      return chain.compose(v -> accounts.endSessions(fromId, null))
          .map(v -> new JsonObject().put("transferred", workshops.size()));
    });
  }

  private Future<Void> changed(String workshopId) {
    store.forget(workshopId);
    vertx.eventBus().publish(WorkshopStore.OWNERS_CHANGED, new JsonObject().put("workshopId", workshopId));
    return Future.succeededFuture();
  }
}
