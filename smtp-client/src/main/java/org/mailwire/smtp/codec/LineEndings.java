package org.mailwire.smtp.codec;

/**
 * What {@link DataEncoder} does with a bare CR or a bare LF in a message (one not part of a CRLF
 * pair). RFC 5321 §2.3.8 forbids sending them; servers treat them differently, which is what
 * "SMTP smuggling" exploits.
 */
public enum LineEndings {
  /** Turn every bare CR and bare LF into CRLF. The default. */
  CONVERT_TO_CRLF,
  /** Refuse the message: the encoder throws {@link IllegalArgumentException} at the first one. */
  REJECT,
  /**
   * Send them unchanged (for {@code BINARYMIME}, or callers that know their server). With DATA,
   * a line start after any CR or LF is still dot-stuffed and the terminator is still preceded by
   * CRLF, so no byte sequence can end the message early.
   */
  PASS_THROUGH
}
