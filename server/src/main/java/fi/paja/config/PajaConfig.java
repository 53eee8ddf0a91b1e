package fi.paja.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything the server can be configured with, in one place. Built by {@link ConfigLoader} from
 * defaults &lt; optional JSON config file &lt; environment ({@code PAJA_*}).
 *
 * @param httpHost      address the HTTP server binds to
 * @param httpPort      HTTP port; 0 picks a free one (tests)
 * @param dataDir       where the embedded database keeps its file
 * @param mongoUrl      a real MongoDB connection string; empty means the embedded server
 * @param mongoDatabase database name
 * @param adminUser     the facilitator account created on first start
 * @param adminPassword its password; empty means "generate one on first start and log it once"
 * @param templatesDir  extra workshop templates directory (the shipped ones are always loaded)
 * @param publicUrl     base URL used in join links; empty means "derive from the request"
 * @param githubToken   token for pushing action items to GitHub Issues (never from the browser)
 * @param githubRepo    {@code owner/name} of the repository that receives them
 * @param githubApiUrl  GitHub's REST API base URL (GitHub Enterprise, or a local fake in tests)
 * @param rateLimits    false only for load tests, where thousands of clients join from one address
 * @param transport     network transport: {@code auto} (epoll where available, else NIO), {@code epoll} or {@code nio}
 * @param trustedProxies reverse proxies (addresses or CIDR ranges) whose {@code X-Forwarded-For} is believed
 * @param nodeMembers other nodes (host or host:port) to run with; empty means a single node
 * @param nodeHost    this node's address as the other nodes reach it (needed with several nodes)
 * @param boardIdleSeconds how long a board nobody uses stays in memory before it is unloaded (it reloads from the
 *                       database on the next request)
 * @param githubTimeoutSeconds how long a request to GitHub may take before the push or sync is answered
 *                             {@code 504 upstream_timeout}
 * @param allowedOrigins   browser origins besides the server's own and {@code publicUrl}'s whose pages may use the
 *                         event bus ({@code https://host[:port]}, canonical: default port left out)
 * @param quotas         what one person may take of a board: notes, text, and places in a workshop
 * @param joinsPerCodePerMinute how many people may join through one join code in a minute (a burst of as many)
 * @param retention      when closed workshops are anonymised and deleted, and how often that is looked at
 * @param accessibility  what the accessibility statement page shows (organisation, contact, date) or links to
 */
public record PajaConfig(
                         String httpHost,
                         int httpPort,
                         Path dataDir,
                         Optional<String> mongoUrl,
                         String mongoDatabase,
                         String adminUser,
                         Optional<String> adminPassword,
                         Optional<Path> templatesDir,
                         Optional<String> publicUrl,
                         Optional<String> githubToken,
                         Optional<String> githubRepo,
                         String githubApiUrl,
                         boolean rateLimits,
                         String transport,
                         List<String> trustedProxies,
                         List<String> nodeMembers,
                         Optional<String> nodeHost,
                         int boardIdleSeconds,
                         int githubTimeoutSeconds,
                         List<String> allowedOrigins,
                         Quotas quotas,
                         int joinsPerCodePerMinute,
                         Retention retention,
                         AccessibilityStatement accessibility) {

  public boolean embeddedMongo() {
    return mongoUrl.isEmpty();
  }

  public boolean multiNode() {
    return !nodeMembers.isEmpty();
  }
}
