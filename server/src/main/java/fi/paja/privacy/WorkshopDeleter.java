package fi.paja.privacy;

import io.vertx.core.Future;

/**
 * Deletes a workshop with everything of it (the {@code life} part's {@code WorkshopDeletion}): what retention's second
 * period ({@code PAJA_DELETE_AFTER_DAYS}) calls.
 */
@FunctionalInterface
public interface WorkshopDeleter {
  Future<Void> delete(String workshopId);
}
