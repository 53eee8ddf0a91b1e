package fi.paja.auth;

/** Who a token speaks for in one workshop. */
public record Member(String workshopId, String participantId, String role) {
}
