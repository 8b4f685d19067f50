package org.mailwire.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Wraps a {@link SaslClient} and alters the SCRAM server-final message ({@code v=...}) before the
 * mechanism sees it, as an attacker in the middle who does not know the password would have to.
 */
final class TamperingClient implements SaslClient {
  private final SaslClient delegate;
  boolean tampered;

  TamperingClient(SaslClient delegate) {
    this.delegate = delegate;
  }

  private byte[] alter(byte[] challenge) {
    String s = new String(challenge, StandardCharsets.US_ASCII);
    if (!s.startsWith("v=")) {
      return challenge;
    }
    byte[] sig = Base64.getDecoder().decode(s.substring(2));
    sig[0] ^= 0x01;
    tampered = true;
    return ("v=" + Base64.getEncoder().encodeToString(sig)).getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public Mechanism mechanism() {
    return delegate.mechanism();
  }

  @Override
  public byte[] initialResponse() throws SaslException {
    return delegate.initialResponse();
  }

  @Override
  public byte[] respond(byte[] challenge) throws SaslException {
    return delegate.respond(alter(challenge));
  }

  @Override
  public byte[] respondBase64(byte[] base64, int off, int len) throws SaslException {
    String text = new String(base64, off, len, StandardCharsets.US_ASCII).strip();
    byte[] raw = alter(Base64.getDecoder().decode(text));
    byte[] again = Base64.getEncoder().encode(raw);
    return delegate.respondBase64(again, 0, again.length);
  }

  @Override
  public byte[] initialResponseBase64() throws SaslException {
    return delegate.initialResponseBase64();
  }

  @Override
  public void complete(byte[] serverFinalOrNull) throws SaslException {
    delegate.complete(serverFinalOrNull == null ? null : alter(serverFinalOrNull));
  }

  @Override
  public void completeBase64(byte[] base64, int off, int len) throws SaslException {
    delegate.completeBase64(base64, off, len);
  }

  @Override
  public boolean isComplete() {
    return delegate.isComplete();
  }

  @Override
  public Optional<String> serverError() {
    return delegate.serverError();
  }
}
