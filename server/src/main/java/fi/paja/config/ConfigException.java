package fi.paja.config;

/** A configuration value that cannot be used; the message names the variable. */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
