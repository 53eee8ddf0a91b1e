package fi.paja.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Configuration: defaults, then an optional JSON file, then the environment; bad values stop the start. */
class ConfigLoaderTest {

  @TempDir
  Path tmp;

  private Path configFile(String json) throws IOException {
    Path file = tmp.resolve("paja.json");
    Files.writeString(file, json);
    return file;
  }

  private static ConfigException failure(Map<String, String> env) {
    return assertThrows(ConfigException.class, () -> ConfigLoader.load(env));
  }

  private static void assertMentions(ConfigException e, String variable) {
    assertTrue(e.getMessage().contains(variable), () -> "message should name " + variable + ": " + e.getMessage());
  }

  // --- defaults ---------------------------------------------------------------------------------------------

  @Test
  void withAnEmptyEnvironmentTheDefaultsApply() {
    PajaConfig c = ConfigLoader.load(Map.of());

    assertEquals("0.0.0.0", c.httpHost());
    assertEquals(8080, c.httpPort());
    assertEquals(Path.of("./data"), c.dataDir());
    assertEquals(Optional.empty(), c.mongoUrl());
    assertTrue(c.embeddedMongo());
    assertEquals("paja", c.mongoDatabase());
    assertEquals("admin", c.adminUser());
    assertEquals(Optional.empty(), c.adminPassword());
    assertEquals(Optional.empty(), c.templatesDir());
    assertEquals(Optional.empty(), c.publicUrl());
  }

  @Test
  void variablesWithoutThePajaPrefixAreIgnored() {
    PajaConfig c = ConfigLoader.load(Map.of("HTTP_PORT", "9999", "MONGO_URL", "mongodb://elsewhere", "PORT", "1"));

    assertEquals(8080, c.httpPort());
    assertTrue(c.embeddedMongo());
  }

  // --- environment ------------------------------------------------------------------------------------------

  @Test
  void everyVariableCanBeSetFromTheEnvironment() {
    Map<String, String> env = new HashMap<>();
    env.put("PAJA_HTTP_HOST", "127.0.0.1");
    env.put("PAJA_HTTP_PORT", "9090");
    env.put("PAJA_DATA_DIR", "/var/lib/paja");
    env.put("PAJA_MONGO_URL", "mongodb://db.example.net:27017");
    env.put("PAJA_MONGO_DATABASE", "paja_test-1");
    env.put("PAJA_ADMIN_USER", "maija.m@example.fi");
    env.put("PAJA_ADMIN_PASSWORD", "correct horse battery");
    env.put("PAJA_TEMPLATES_DIR", "/etc/paja/templates");
    env.put("PAJA_PUBLIC_URL", "https://paja.example.fi");

    PajaConfig c = ConfigLoader.load(env);

    assertEquals("127.0.0.1", c.httpHost());
    assertEquals(9090, c.httpPort());
    assertEquals(Path.of("/var/lib/paja"), c.dataDir());
    assertEquals(Optional.of("mongodb://db.example.net:27017"), c.mongoUrl());
    assertFalse(c.embeddedMongo());
    assertEquals("paja_test-1", c.mongoDatabase());
    assertEquals("maija.m@example.fi", c.adminUser());
    assertEquals(Optional.of("correct horse battery"), c.adminPassword());
    assertEquals(Optional.of(Path.of("/etc/paja/templates")), c.templatesDir());
    assertEquals(Optional.of("https://paja.example.fi"), c.publicUrl());
  }

  @Test
  void theAccessibilityStatementIsCompletedFromTheSettingsAndAWrongValueStopsTheStart() {
    assertEquals(AccessibilityStatement.NONE, ConfigLoader.load(Map.of()).accessibility());
    AccessibilityStatement a11y = ConfigLoader.load(Map.of("PAJA_A11Y_ORGANISATION", "Pirkanmaan hyvinvointialue",
        "PAJA_A11Y_CONTACT", "https://www.example.fi/palaute", "PAJA_A11Y_DATE", "2026-11-30",
        "PAJA_A11Y_STATEMENT_URL", "https://www.example.fi/saavutettavuus")).accessibility();
    assertEquals("Pirkanmaan hyvinvointialue", a11y.organisation().orElseThrow());
    assertEquals(java.time.LocalDate.of(2026, 11, 30), a11y.date().orElseThrow());
    assertEquals(false, a11y.contactIsEmail());
    assertTrue(ConfigLoader.load(Map.of("PAJA_A11Y_CONTACT", "saavutettavuus@example.fi")).accessibility()
        .contactIsEmail());
    assertMentions(failure(Map.of("PAJA_A11Y_DATE", "30.11.2026")), "PAJA_A11Y_DATE");
    assertMentions(failure(Map.of("PAJA_A11Y_CONTACT", "javascript:alert(1)")), "PAJA_A11Y_CONTACT");
    assertMentions(failure(Map.of("PAJA_A11Y_STATEMENT_URL", "www.example.fi")), "PAJA_A11Y_STATEMENT_URL");
    assertMentions(failure(Map.of("PAJA_A11Y_ORGANISATION", "Rivi\nToinen")), "PAJA_A11Y_ORGANISATION");
  }

  @Test
  void noProxyIsTrustedByDefault() {
    assertEquals(java.util.List.of(), ConfigLoader.load(Map.of()).trustedProxies());
  }

  @Test
  void trustedProxiesAreAListOfAddressesAndRanges() {
    PajaConfig c = ConfigLoader.load(Map.of("PAJA_TRUSTED_PROXIES", " 10.0.0.0/8, 192.0.2.1 ,fd00::/8,"));

    assertEquals(java.util.List.of("10.0.0.0/8", "192.0.2.1", "fd00::/8"), c.trustedProxies());
  }

  @Test
  void aTrustedProxyThatIsNotAnAddressStopsTheStart() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Map.of("PAJA_TRUSTED_PROXIES", "10.0.0.0/8, proxy.example")));
    assertEquals("PAJA_TRUSTED_PROXIES: 'proxy.example' is not an IP address or CIDR range", e.getMessage());
  }

  @Test
  void noOtherOriginIsAllowedByDefault() {
    assertEquals(java.util.List.of(), ConfigLoader.load(Map.of()).allowedOrigins());
  }

  @Test
  void allowedOriginsAreWrittenAsBrowsersSendThem() {
    PajaConfig c = ConfigLoader.load(Map.of("PAJA_ALLOWED_ORIGINS",
        " https://Partner.Example/, http://intra.example:8080,https://partner.example:443,http://[::1]:80"));

    assertEquals(java.util.List.of("https://partner.example", "http://intra.example:8080", "http://[::1]"),
        c.allowedOrigins());
  }

  @Test
  void anAllowedOriginWithAPathNamesTheEntry() {
    ConfigException e = failure(Map.of("PAJA_ALLOWED_ORIGINS", "https://a.example, https://b.example/app"));

    assertMentions(e, "PAJA_ALLOWED_ORIGINS");
    assertMentions(e, "https://b.example/app");
  }

  @Test
  void aSingleNodeUnlessClusterMembersAreGiven() {
    assertFalse(ConfigLoader.load(Map.of()).multiNode());
  }

  @Test
  void clusterMembersWithThisNodesAddressAndASharedMongoDbMakeACluster() {
    PajaConfig c = ConfigLoader.load(Map.of("PAJA_CLUSTER_MEMBERS", "10.0.0.5, 10.0.0.6:5702",
        "PAJA_CLUSTER_HOST", "10.0.0.5", "PAJA_MONGO_URL", "mongodb://db:27017"));

    assertTrue(c.multiNode());
    assertEquals(java.util.List.of("10.0.0.5", "10.0.0.6:5702"), c.nodeMembers());
    assertEquals(Optional.of("10.0.0.5"), c.nodeHost());
  }

  @Test
  void aClusterNeedsThisNodesAddress() {
    assertMentions(failure(Map.of("PAJA_CLUSTER_MEMBERS", "10.0.0.5", "PAJA_MONGO_URL", "mongodb://db")),
        "PAJA_CLUSTER_HOST");
  }

  @Test
  void aClusterCannotShareTheEmbeddedDatabase() {
    assertMentions(failure(Map.of("PAJA_CLUSTER_MEMBERS", "10.0.0.5", "PAJA_CLUSTER_HOST", "10.0.0.5")),
        "PAJA_MONGO_URL");
  }

  @Test
  void aClusterMemberMustBeAHostOrHostAndPort() {
    assertMentions(failure(Map.of("PAJA_CLUSTER_MEMBERS", "10.0.0.5:notaport", "PAJA_CLUSTER_HOST", "10.0.0.5",
        "PAJA_MONGO_URL", "mongodb://db")), "PAJA_CLUSTER_MEMBERS");
    assertMentions(failure(Map.of("PAJA_CLUSTER_MEMBERS", "node a", "PAJA_CLUSTER_HOST", "10.0.0.5",
        "PAJA_MONGO_URL", "mongodb://db")), "PAJA_CLUSTER_MEMBERS");
  }

  @Test
  void valuesAreTrimmed() {
    PajaConfig c = ConfigLoader.load(Map.of("PAJA_HTTP_PORT", " 8081 ", "PAJA_MONGO_URL", " mongodb://db "));

    assertEquals(8081, c.httpPort());
    assertEquals(Optional.of("mongodb://db"), c.mongoUrl());
  }

  @Test
  void anEmptyMongoUrlMeansTheEmbeddedServer() {
    PajaConfig c = ConfigLoader.load(Map.of("PAJA_MONGO_URL", "  "));

    assertTrue(c.embeddedMongo());
  }

  @Test
  void aMongoSrvUrlIsAccepted() {
    PajaConfig c = ConfigLoader.load(Map.of("PAJA_MONGO_URL", "mongodb+srv://cluster0.example.net"));

    assertEquals(Optional.of("mongodb+srv://cluster0.example.net"), c.mongoUrl());
  }

  @Test
  void portZeroIsAcceptedSoTestsCanPickAFreePort() {
    assertEquals(0, ConfigLoader.load(Map.of("PAJA_HTTP_PORT", "0")).httpPort());
    assertEquals(65535, ConfigLoader.load(Map.of("PAJA_HTTP_PORT", "65535")).httpPort());
  }

  @Test
  void aTrailingSlashOfThePublicUrlIsDropped() {
    PajaConfig c = ConfigLoader.load(Map.of("PAJA_PUBLIC_URL", "https://paja.example.fi/"));

    assertEquals(Optional.of("https://paja.example.fi"), c.publicUrl());
  }

  // --- config file ------------------------------------------------------------------------------------------

  @Test
  void aConfigFileOverridesTheDefaults() throws IOException {
    Path file = configFile("""
        {"HTTP_PORT": 8181, "DATA_DIR": "/srv/paja", "ADMIN_USER": "facilitator",
         "MONGO_URL": "mongodb://from-file"}
        """);

    PajaConfig c = ConfigLoader.load(Map.of("PAJA_CONFIG_FILE", file.toString()));

    assertEquals(8181, c.httpPort());
    assertEquals(Path.of("/srv/paja"), c.dataDir());
    assertEquals("facilitator", c.adminUser());
    assertEquals(Optional.of("mongodb://from-file"), c.mongoUrl());
    assertEquals("paja", c.mongoDatabase(), "keys not in the file keep their defaults");
  }

  @Test
  void aConfigFileMayUseThePrefixedNames() throws IOException {
    Path file = configFile("{\"PAJA_HTTP_PORT\": \"8282\"}");

    assertEquals(8282, ConfigLoader.load(Map.of("PAJA_CONFIG_FILE", file.toString())).httpPort());
  }

  @Test
  void theEnvironmentOverridesTheConfigFile() throws IOException {
    Path file = configFile("{\"HTTP_PORT\": 8181, \"ADMIN_USER\": \"from-file\"}");

    PajaConfig c = ConfigLoader.load(Map.of("PAJA_CONFIG_FILE", file.toString(), "PAJA_HTTP_PORT", "9191"));

    assertEquals(9191, c.httpPort());
    assertEquals("from-file", c.adminUser());
  }

  @Test
  void aJsonNullAdminUserInTheConfigFileIsNotTakenAsTheUserNamedNull() throws IOException {
    Path file = configFile("{\"ADMIN_USER\": null}");

    PajaConfig c = ConfigLoader.load(Map.of("PAJA_CONFIG_FILE", file.toString()));

    assertEquals("admin", c.adminUser(), "null should mean 'not set' (or be refused), not the word null");
  }

  @Test
  void aJsonNullTemplatesDirInTheConfigFileMeansNoExtraTemplates() throws IOException {
    Path file = configFile("{\"TEMPLATES_DIR\": null}");

    PajaConfig c = ConfigLoader.load(Map.of("PAJA_CONFIG_FILE", file.toString()));

    assertEquals(Optional.empty(), c.templatesDir());
  }

  @Test
  void aBlankConfigFileVariableMeansNoFile() {
    assertEquals(8080, ConfigLoader.load(Map.of("PAJA_CONFIG_FILE", " ")).httpPort());
  }

  @Test
  void anUnknownKeyInTheConfigFileStopsWithItsName() throws IOException {
    Path file = configFile("{\"HTTP_PORT\": 8181, \"HTTP_PROT\": 1}");

    ConfigException e = failure(Map.of("PAJA_CONFIG_FILE", file.toString()));

    assertMentions(e, "PAJA_CONFIG_FILE");
    assertMentions(e, "HTTP_PROT");
  }

  @Test
  void aMissingConfigFileStops() {
    ConfigException e = failure(Map.of("PAJA_CONFIG_FILE", tmp.resolve("nope.json").toString()));

    assertMentions(e, "PAJA_CONFIG_FILE");
    assertMentions(e, "nope.json");
  }

  @Test
  void aConfigFileThatIsNotJsonStops() throws IOException {
    Path file = configFile("HTTP_PORT=8080");

    assertMentions(failure(Map.of("PAJA_CONFIG_FILE", file.toString())), "PAJA_CONFIG_FILE");
  }

  @Test
  void aConfigFileThatIsNotAJsonObjectStops() throws IOException {
    Path file = configFile("[\"HTTP_PORT\", 8080]");

    assertMentions(failure(Map.of("PAJA_CONFIG_FILE", file.toString())), "PAJA_CONFIG_FILE");
  }

  @Test
  void aBadValueInTheConfigFileStopsWithTheVariableName() throws IOException {
    Path file = configFile("{\"HTTP_PORT\": \"eighty\"}");

    assertMentions(failure(Map.of("PAJA_CONFIG_FILE", file.toString())), "PAJA_HTTP_PORT");
  }

  // --- bad values -------------------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
      "PAJA_HTTP_PORT, abc",
      "PAJA_HTTP_PORT, 70000",
      "PAJA_HTTP_PORT, 65536",
      "PAJA_HTTP_PORT, -1",
      "PAJA_HTTP_PORT, 80.5",
      "PAJA_HTTP_PORT, ''",
      "PAJA_HTTP_HOST, ' '",
      "PAJA_DATA_DIR, ''",
      "PAJA_MONGO_URL, http://x",
      "PAJA_MONGO_URL, localhost:27017",
      "PAJA_MONGO_DATABASE, 'my db'",
      "PAJA_MONGO_DATABASE, paja.test",
      "PAJA_MONGO_DATABASE, ''",
      "PAJA_ADMIN_USER, 'admin user'",
      "PAJA_ADMIN_USER, ''",
      "PAJA_ADMIN_PASSWORD, short",
      "PAJA_ADMIN_PASSWORD, 1234567",
      "PAJA_PUBLIC_URL, paja.example.fi",
      "PAJA_PUBLIC_URL, ftp://paja.example.fi",
      "PAJA_PUBLIC_URL, https://",
      "PAJA_ALLOWED_ORIGINS, partner.example",
      "PAJA_ALLOWED_ORIGINS, '*'",
      "PAJA_ALLOWED_ORIGINS, 'null'",
      "PAJA_ALLOWED_ORIGINS, https://partner.example/app",
      "PAJA_ALLOWED_ORIGINS, 'https://a.example, ftp://b.example'",
  })
  void aBadValueStopsWithAMessageNamingTheVariable(String variable, String value) {
    assertMentions(failure(Map.of(variable, value)), variable);
  }

  @Test
  void aPortOutOfRangeNamesTheValue() {
    ConfigException e = failure(Map.of("PAJA_HTTP_PORT", "70000"));

    assertMentions(e, "PAJA_HTTP_PORT");
    assertMentions(e, "70000");
  }

  @Test
  void anAdminPasswordOfExactly8CharactersIsAccepted() {
    assertEquals(Optional.of("12345678"), ConfigLoader.load(Map.of("PAJA_ADMIN_PASSWORD", "12345678")).adminPassword());
  }

  @Test
  void anAdminPasswordOfMoreThan72BytesIsRefused() {
    // 37 × "ä" is 37 characters but 74 bytes in UTF-8: bcrypt would silently ignore the end.
    ConfigException e = failure(Map.of("PAJA_ADMIN_PASSWORD", "ä".repeat(37)));

    assertMentions(e, "PAJA_ADMIN_PASSWORD");
    assertEquals(Optional.of("a".repeat(72)),
        ConfigLoader.load(Map.of("PAJA_ADMIN_PASSWORD", "a".repeat(72))).adminPassword());
  }

  @Test
  void aRefusedPasswordIsNotEchoedInTheMessage() {
    ConfigException e = failure(Map.of("PAJA_ADMIN_PASSWORD", "hunter2"));

    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
  }

  @Test
  void aMisspeltPajaVariableStopsTheStartWithItsName() {
    ConfigException e = failure(Map.of("PAJA_HTTP_PROT", "9000"));

    assertTrue(e.getMessage().contains("PAJA_HTTP_PROT"), e.getMessage());
  }

  @Test
  void rateLimitsAreOnUnlessTurnedOffForLoadTests() {
    assertTrue(ConfigLoader.load(Map.of()).rateLimits());
    assertTrue(!ConfigLoader.load(Map.of("PAJA_RATE_LIMITS", "off")).rateLimits());
    assertTrue(failure(Map.of("PAJA_RATE_LIMITS", "maybe")).getMessage().contains("PAJA_RATE_LIMITS"));
  }

  @Test
  void theTransportIsChosenAutomaticallyUnlessNamed() {
    assertEquals("auto", ConfigLoader.load(Map.of()).transport());
    assertEquals("epoll", ConfigLoader.load(Map.of("PAJA_TRANSPORT", "EPOLL")).transport());
    assertTrue(failure(Map.of("PAJA_TRANSPORT", "io_uring")).getMessage().contains("PAJA_TRANSPORT"));
  }

  @Test
  void perPersonLimitsHaveDefaultsForAWorkshopOfAHundredAndCanBeSet() {
    PajaConfig defaults = ConfigLoader.load(Map.of());
    assertEquals(new Quotas(200, 50_000, 200), defaults.quotas());
    assertEquals(120, defaults.joinsPerCodePerMinute());

    PajaConfig set = ConfigLoader.load(Map.of("PAJA_MAX_NOTES_PER_PARTICIPANT", "50",
        "PAJA_MAX_TEXT_PER_PARTICIPANT", "10000", "PAJA_MAX_PARTICIPANTS", "40", "PAJA_JOINS_PER_CODE_PER_MINUTE",
        "30"));
    assertEquals(new Quotas(50, 10_000, 40), set.quotas());
    assertEquals(30, set.joinsPerCodePerMinute());
  }

  @Test
  void aPerPersonLimitMustBeAPositiveWholeNumberWithinTheBoardsOwn() {
    assertTrue(failure(Map.of("PAJA_MAX_NOTES_PER_PARTICIPANT", "0")).getMessage()
        .contains("PAJA_MAX_NOTES_PER_PARTICIPANT"));
    assertTrue(failure(Map.of("PAJA_MAX_NOTES_PER_PARTICIPANT", "20001")).getMessage().contains("20000"));
    assertTrue(failure(Map.of("PAJA_MAX_TEXT_PER_PARTICIPANT", "lots")).getMessage()
        .contains("PAJA_MAX_TEXT_PER_PARTICIPANT"));
    assertTrue(failure(Map.of("PAJA_MAX_PARTICIPANTS", "-3")).getMessage().contains("PAJA_MAX_PARTICIPANTS"));
    assertTrue(failure(Map.of("PAJA_JOINS_PER_CODE_PER_MINUTE", "1.5")).getMessage()
        .contains("PAJA_JOINS_PER_CODE_PER_MINUTE"));
  }
}
