// Client-generated ids for note.add (idempotent resends). crypto.randomUUID is not available on plain-http
// pages that are not localhost, but crypto.getRandomValues is.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * A random base64url id: 16 random bytes give 22 characters matching [A-Za-z0-9_-]{8,64}.
 * @param {number} [bytes]
 * @returns {string}
 */
export function randomId(bytes = 16) {
  const data = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(data);
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of data) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += ALPHABET[(buffer >> bits) & 63];
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (6 - bits)) & 63];
  return out;
}

export const ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
