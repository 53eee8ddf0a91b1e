package fi.paja.web;

import fi.paja.auth.AuthService;
import fi.paja.config.PajaConfig;
import fi.paja.owner.BoardClient;
import fi.paja.storage.Storage;
import fi.paja.workshop.TemplateCatalog;
import fi.paja.workshop.WorkshopService;

/** What the web layer needs from the rest of the server. */
public record Services(PajaConfig config, Storage storage, AuthService auth, WorkshopService workshops,
                       TemplateCatalog templates, BoardClient boards, fi.paja.export.GitHubIssues github,
                       fi.paja.metrics.PajaMetrics metrics, RateLimits limits) {
}
