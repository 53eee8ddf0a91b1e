package fi.paja.workshop;

import io.nayuki.qrcodegen.QrCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The QR code of a join link, made by Project Nayuki's QR Code generator ({@code io.nayuki:qrcodegen}). Sent as its
 * modules ({@code size} rows of {@code size} characters, {@code 1} dark, {@code 0} light), which the presenter view
 * draws as SVG: no markup travels, nothing to escape.
 */
public final class JoinQr {

  private JoinQr() {
  }

  /** {@code {"size": n, "rows": ["0110…", …]}}: medium error correction, no quiet zone (the viewer adds 4 modules). */
  public static JsonObject of(String url) {
    QrCode qr = QrCode.encodeText(url, QrCode.Ecc.MEDIUM);
    JsonArray rows = new JsonArray();
    for (int y = 0; y < qr.size; y++) {
      StringBuilder row = new StringBuilder(qr.size);
      for (int x = 0; x < qr.size; x++) {
        row.append(qr.getModule(x, y) ? '1' : '0');
      }
      rows.add(row.toString());
    }
    return new JsonObject().put("size", qr.size).put("rows", rows);
  }
}
