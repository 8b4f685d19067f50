package org.mailwire.smtp.codec;

import java.util.Objects;

/**
 * The MAIL FROM command and its ESMTP parameters.
 *
 * @param reversePath the sender address without angle brackets; {@code ""} for the null
 *     reverse-path {@code <>} (bounces)
 * @param size the RFC 1870 {@code SIZE=} declaration in bytes, or {@code -1} for none
 * @param body the RFC 6152/3030 {@code BODY=} type; {@link BodyType#SEVEN_BIT} sends none
 * @param smtputf8 whether to send the RFC 6531 {@code SMTPUTF8} parameter (allows UTF-8 addresses)
 * @param ret the RFC 3461 {@code RET=} value, or {@code null}
 * @param envelopeId the RFC 3461 {@code ENVID=} value (printable ASCII, sent as xtext), or {@code
 *     null}
 * @param requireTls whether to send the RFC 8689 {@code REQUIRETLS} parameter
 */
public record MailFrom(
    String reversePath,
    long size,
    BodyType body,
    boolean smtputf8,
    DsnReturn ret,
    String envelopeId,
    boolean requireTls) {

  /**
   * @throws IllegalArgumentException when the address or ENVID is invalid (see {@link Addresses})
   *     or {@code size < -1}
   */
  public MailFrom {
    Objects.requireNonNull(reversePath, "reversePath");
    Objects.requireNonNull(body, "body");
    if (!reversePath.isEmpty()) {
      Addresses.checkMailbox(reversePath, smtputf8, "sender address");
    }
    if (size < -1) {
      throw new IllegalArgumentException("size must be -1 (none) or >= 0");
    }
    if (envelopeId != null) {
      Addresses.checkEnvelopeId(envelopeId);
    }
  }

  /** {@code MAIL FROM:<reversePath>} with no parameters. */
  public static MailFrom of(String reversePath) {
    return new MailFrom(reversePath, -1, BodyType.SEVEN_BIT, false, null, null, false);
  }
}
