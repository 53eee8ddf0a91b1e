package fi.paja.auth;

import io.vertx.core.Future;
import java.util.Map;

/**
 * Which accounts facilitate a workshop, as {@link AuthService} needs to know to say who a facilitator's token is on a
 * board. Owned here and implemented by {@code fi.paja.workshop.WorkshopStore}, so that auth does not depend on the
 * workshop package (which depends on auth).
 */
public interface WorkshopOwners {

  /** Published (body: {@code {"workshopId"}}) when a workshop's owner or co-facilitators change: every node forgets. */
  String OWNERS_CHANGED = "paja.workshop.owners.changed";

  /**
   * Who owns a workshop and which participant speaks for that facilitator on the board; and the accounts it is
   * shared with, each with the participant (role {@code cofacilitator}) that speaks for it.
   */
  record Owner(String accountId, String facilitatorParticipantId, Map<String, String> coFacilitators) {

    public Owner(String accountId, String facilitatorParticipantId) {
      this(accountId, facilitatorParticipantId, Map.of());
    }
  }

  /** The owner and co-facilitators of a workshop; {@code workshop_not_found} if there is none. */
  Future<Owner> owner(String workshopId);

  /** Drops the cached owner of a workshop (its owner or sharing changed); the next lookup reads the database. */
  void forget(String workshopId);
}
