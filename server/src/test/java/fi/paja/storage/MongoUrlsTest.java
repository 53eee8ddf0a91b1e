package fi.paja.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Connection strings: durable write concern by default, no passwords in logs. */
class MongoUrlsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "mongodb://db.example.net                 | mongodb://db.example.net/?w=majority&journal=true",
      "mongodb://db.example.net:27017           | mongodb://db.example.net:27017/?w=majority&journal=true",
      "mongodb://u:p@db.example.net:27017       | mongodb://u:p@db.example.net:27017/?w=majority&journal=true",
      "mongodb://h1:27017,h2:27017              | mongodb://h1:27017,h2:27017/?w=majority&journal=true",
      "mongodb+srv://cluster0.example.net       | mongodb+srv://cluster0.example.net/?w=majority&journal=true",
      "mongodb://db.example.net/                | mongodb://db.example.net/?w=majority&journal=true",
      "mongodb://db.example.net/paja            | mongodb://db.example.net/paja?w=majority&journal=true",
      "mongodb://db.example.net/paja?           | mongodb://db.example.net/paja?w=majority&journal=true",
      "mongodb://db.example.net/?replicaSet=rs0 | mongodb://db.example.net/?replicaSet=rs0&w=majority&journal=true",
      "mongodb://h/paja?replicaSet=rs0&tls=true | mongodb://h/paja?replicaSet=rs0&tls=true&w=majority&journal=true",
      "mongodb://h/paja?replicaSet=rs0&         | mongodb://h/paja?replicaSet=rs0&w=majority&journal=true",
      "mongodb://h/paja?wtimeoutMS=5000         | mongodb://h/paja?wtimeoutMS=5000&w=majority&journal=true",
  })
  void withDurableDefaultsAddsMajorityAndJournal(String url, String expected) {
    assertEquals(expected, MongoUrls.withDurableDefaults(url));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "mongodb://db.example.net/?w=1",
      "mongodb://db.example.net/paja?w=majority",
      "mongodb://db.example.net/paja?replicaSet=rs0&w=2",
      "mongodb://db.example.net/paja?replicaSet=rs0&W=0",
      "mongodb://db.example.net/?W=majority&journal=false"})
  void withDurableDefaultsLeavesAUrlThatSetsItsOwnWriteConcernAlone(String url) {
    assertEquals(url, MongoUrls.withDurableDefaults(url));
  }

  @Test
  void redactedHidesThePassword() {
    String redacted = MongoUrls.redacted("mongodb://paja:s3cr3t-Pass@db.example.net:27017/paja?authSource=admin");

    assertEquals("mongodb://paja:***@db.example.net:27017/paja?authSource=admin", redacted);
  }

  @Test
  void redactedHidesThePasswordOfAnSrvUrlAndKeepsTheAddedOptions() {
    String url = MongoUrls.withDurableDefaults("mongodb+srv://app:p%40ss%3Aword@cluster0.example.net");

    String redacted = MongoUrls.redacted(url);

    assertEquals("mongodb+srv://app:***@cluster0.example.net/?w=majority&journal=true", redacted);
    assertFalse(redacted.contains("p%40ss"));
  }

  @Test
  void redactedLeavesAUrlWithoutPasswordUnchanged() {
    assertEquals("mongodb://db.example.net:27017/paja", MongoUrls.redacted("mongodb://db.example.net:27017/paja"));
    assertEquals("mongodb://user@db.example.net/paja", MongoUrls.redacted("mongodb://user@db.example.net/paja"));
  }

  @Test
  void redactedHidesAnEmptyPasswordToo() {
    assertEquals("mongodb://user:***@db.example.net", MongoUrls.redacted("mongodb://user:@db.example.net"));
  }
}
