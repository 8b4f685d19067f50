package org.mailwire.sasl;

import java.util.Optional;

/**
 * The client side of one SASL authentication exchange (RFC 4422), independent of the protocol
 * that carries it. Create one per attempt with {@link Sasl#choose} or {@link Sasl#create}; it is
 * not thread-safe and not reusable.
 *
 * <p>A protocol module drives it like this (SMTP shown; IMAP uses {@code +} continuations and
 * {@code OK}/{@code NO}, POP3 {@code +} and {@code +OK}/{@code -ERR}):
 *
 * <pre>{@code
 * SaslClient sasl = Sasl.choose(offered, credentials, transport.isSecure(), options);
 * byte[] ir = serverHasSaslIr ? sasl.initialResponseBase64() : null;   // "=" for an empty one
 * send("AUTH " + sasl.mechanism().saslName() + (ir == null ? "" : " " + ascii(ir)));
 * for (Reply r = read(); ; r = read()) {
 *   if (r.code() == 334) {                       // a challenge, possibly empty
 *     byte[] text = r.textBytes();
 *     byte[] answer;
 *     try {
 *       answer = sasl.respondBase64(text, 0, text.length);
 *     } catch (SaslException e) {
 *       send("*"); read();                         // cancel, read the 501, then fail
 *       throw e;
 *     }
 *     send(answer);                                // may be an empty line
 *   } else if (r.code() == 235) {
 *     sasl.complete(null);                         // SCRAM: throws if the server never proved itself
 *     break;
 *   } else {
 *     throw refusal(r);                            // 535 etc.: the credentials were rejected
 *   }
 * }
 * }</pre>
 *
 * <p>An empty challenge received before the client's first response means "send your initial
 * response": for a client-first mechanism (PLAIN, SCRAM, XOAUTH2, OAUTHBEARER) {@link #respond}
 * then returns the same bytes as {@link #initialResponse()}, so the protocol module can skip
 * SASL-IR whenever it wants to.
 *
 * <p>Responses returned by these methods contain secrets (a password, a token, or a proof
 * derived from them): never log them; the protocol modules trace them through a {@link
 * SaslRedaction} redactor.
 */
public interface SaslClient {

  /**
   * The mechanism of this exchange.
   *
   * @return the mechanism; its {@link Mechanism#saslName()} goes into the AUTH/AUTHENTICATE command
   */
  Mechanism mechanism();

  /**
   * The initial response for SASL-IR ({@code AUTH PLAIN <ir>}, {@code a1 AUTHENTICATE PLAIN
   * <ir>}). Calling it does not commit the protocol module to sending it.
   *
   * @return the raw (not base64) initial response, a new array; or null when the mechanism must
   *     wait for a server challenge (LOGIN, CRAM-MD5)
   * @throws SaslException if the credentials cannot be expressed in this mechanism
   * @throws IllegalStateException if the exchange has already progressed past its start, failed,
   *     or completed
   */
  byte[] initialResponse() throws SaslException;

  /**
   * Answers a server challenge.
   *
   * @param challenge the raw (base64-decoded) challenge, possibly empty; not modified
   * @return the raw response, a new array, possibly empty
   * @throws SaslException if the challenge is malformed or unexpected, or proves the server wrong
   *     (a SCRAM nonce that does not extend the client's, a wrong server signature, a SCRAM
   *     {@code e=} error); the exchange is then failed: cancel it on the wire
   * @throws IllegalStateException if the exchange already failed or completed
   */
  byte[] respond(byte[] challenge) throws SaslException;

  /**
   * Answers a challenge in its wire form. Spaces and tabs around the base64 text are ignored; an
   * empty text, or a lone {@code "="}, is an empty challenge.
   *
   * @param base64 the buffer holding the base64 challenge text as received (without the {@code
   *     334 }/{@code + } prefix and without CRLF); not modified
   * @param off the first byte of the text
   * @param len the text's length
   * @return the base64 response as ASCII bytes without CRLF, possibly empty (send an empty line)
   * @throws SaslException if the text is not valid base64 (the message does not quote it), or for
   *     the reasons of {@link #respond(byte[])}
   * @throws IllegalStateException if the exchange already failed or completed
   * @throws IndexOutOfBoundsException if {@code off}/{@code len} lie outside {@code base64}
   */
  byte[] respondBase64(byte[] base64, int off, int len) throws SaslException;

  /**
   * {@link #initialResponse()} in base64, for SASL-IR on the command line.
   *
   * @return the base64 initial response as ASCII bytes; {@code "="} for an empty initial response
   *     (RFC 4954, RFC 4959); or null when the mechanism has none
   * @throws SaslException if the credentials cannot be expressed in this mechanism
   * @throws IllegalStateException as {@link #initialResponse()}
   */
  byte[] initialResponseBase64() throws SaslException;

  /**
   * Tells the mechanism that the server reported success. For SCRAM this is where the server's
   * proof is checked: the server signature must have arrived, either as the last challenge (then
   * it was already verified by {@link #respond}) or as additional data with the success reply.
   *
   * @param serverFinalOrNull the raw additional data that came with the success reply, or null;
   *     only SCRAM defines any
   * @throws SaslException if the server never proved itself (SCRAM without a server signature),
   *     the signature is wrong, success data came for a mechanism that defines none, the server
   *     reported success after an OAuth error challenge, or the exchange had already failed
   * @throws IllegalStateException if called twice
   */
  void complete(byte[] serverFinalOrNull) throws SaslException;

  /**
   * {@link #complete(byte[])} with the success data in base64. (Default methods keep hand-written
   * implementations, such as test doubles, source compatible.)
   *
   * @param base64 the buffer holding the base64 text
   * @param off its first byte
   * @param len its length; 0 means no data
   * @throws SaslException if the text is not valid base64, or as {@link #complete(byte[])}
   * @throws IllegalStateException if called twice
   */
  default void completeBase64(byte[] base64, int off, int len) throws SaslException {
    byte[] data = org.mailwire.sasl.internal.Wire.decodeBase64(base64, off, len,
        mechanism().saslName() + " success data");
    complete(data.length == 0 ? null : data);
  }

  /**
   * Whether {@link #complete(byte[])} succeeded.
   *
   * @return true once the exchange ended in success on both sides
   */
  boolean isComplete();

  /**
   * The error the server reported inside the exchange, before its failure reply: the {@code
   * status} of an OAUTHBEARER or XOAUTH2 JSON error challenge (e.g. {@code "invalid_token"},
   * {@code "401"}), or the value of a SCRAM {@code e=} attribute. Sanitised to printable ASCII and
   * at most 100 characters.
   *
   * @return the server's error value, or empty if it reported none (the default implementation
   *     always returns empty)
   */
  default Optional<String> serverError() {
    return Optional.empty();
  }
}
