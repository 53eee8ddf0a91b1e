package fi.paja.error;

/** A refusal with a stable {@link ErrorCode}; the detail (e.g. which field) is for people and logs. */
public class PajaException extends RuntimeException {

  private final ErrorCode code;

  public PajaException(ErrorCode code) {
    this(code, code.message());
  }

  public PajaException(ErrorCode code, String detail) {
    super(detail, null, false, false);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
