package org.mailwire.sasl.internal;

import java.util.Objects;
import java.util.Optional;
import org.mailwire.sasl.Mechanism;
import org.mailwire.sasl.SaslClient;
import org.mailwire.sasl.SaslException;

/**
 * The state machine every mechanism shares: START (nothing from the server yet) → RUNNING →
 * COMPLETE, or FAILED after any {@link SaslException}. It turns an empty first challenge into the
 * initial response of a client-first mechanism, handles the base64 wire form, and wipes the raw
 * responses it encodes.
 */
public abstract class AbstractSaslClient implements SaslClient {
  private enum State {
    START,
    RUNNING,
    FAILED,
    COMPLETE
  }

  private final Mechanism mechanism;
  private State state = State.START;
  private String serverError;

  /**
   * Creates the client in state START.
   *
   * @param mechanism the mechanism it implements
   */
  protected AbstractSaslClient(Mechanism mechanism) {
    this.mechanism = Objects.requireNonNull(mechanism, "mechanism");
  }

  /**
   * Whether the client speaks first (has an initial response).
   *
   * @return true for PLAIN, SCRAM, XOAUTH2 and OAUTHBEARER
   */
  protected abstract boolean clientFirst();

  /**
   * The initial response of a client-first mechanism; returns equal bytes on every call, as a new
   * array.
   *
   * @return the raw initial response
   * @throws SaslException if the credentials cannot be expressed
   */
  protected abstract byte[] initial() throws SaslException;

  /**
   * Answers a challenge that is not the empty "send your initial response" one.
   *
   * @param challenge the raw challenge; must not be modified
   * @return the raw response, a new array
   * @throws SaslException if the challenge is malformed or unexpected
   */
  protected abstract byte[] evaluate(byte[] challenge) throws SaslException;

  /**
   * Checks the server's success. The default accepts no success data.
   *
   * @param data the raw success data, or null
   * @throws SaslException if the success is not acceptable
   */
  protected void finish(byte[] data) throws SaslException {
    if (data != null && data.length > 0) {
      throw new SaslException(mechanism.saslName() + " defines no additional data with success, but the server sent "
          + data.length + " bytes");
    }
  }

  /**
   * Records the server's in-exchange error value, sanitised.
   *
   * @param value the raw value
   */
  protected final void serverError(String value) {
    serverError = Wire.sanitize(value, 100);
  }

  @Override
  public final Mechanism mechanism() {
    return mechanism;
  }

  @Override
  public final byte[] initialResponse() throws SaslException {
    if (state != State.START) {
      throw new IllegalStateException("the initial response is only available before the first challenge (state "
          + state + ")");
    }
    if (!clientFirst()) {
      return null;
    }
    try {
      return initial();
    } catch (SaslException e) {
      state = State.FAILED;
      throw e;
    }
  }

  @Override
  public final byte[] initialResponseBase64() throws SaslException {
    byte[] raw = initialResponse();
    if (raw == null) {
      return null;
    }
    if (raw.length == 0) {
      return new byte[] {'='};
    }
    byte[] b64 = Wire.encodeBase64(raw);
    Wire.wipe(raw);
    return b64;
  }

  @Override
  public final byte[] respond(byte[] challenge) throws SaslException {
    Objects.requireNonNull(challenge, "challenge");
    checkUsable();
    boolean first = state == State.START;
    state = State.RUNNING;
    try {
      if (first && challenge.length == 0 && clientFirst()) {
        return initial();
      }
      return evaluate(challenge);
    } catch (SaslException e) {
      state = State.FAILED;
      throw e;
    }
  }

  @Override
  public final byte[] respondBase64(byte[] base64, int off, int len) throws SaslException {
    Objects.requireNonNull(base64, "base64");
    checkUsable();
    byte[] challenge;
    try {
      challenge = Wire.decodeBase64(base64, off, len, mechanism.saslName() + " server challenge");
    } catch (SaslException e) {
      state = State.FAILED;
      throw e;
    }
    byte[] raw = respond(challenge);
    byte[] b64 = Wire.encodeBase64(raw);
    Wire.wipe(raw);
    return b64;
  }

  @Override
  public final void complete(byte[] serverFinalOrNull) throws SaslException {
    if (state == State.COMPLETE) {
      throw new IllegalStateException("complete() was already called");
    }
    if (state == State.FAILED) {
      throw new SaslException("the server reported " + mechanism.saslName()
          + " success, but the exchange had already failed on the client side");
    }
    try {
      finish(serverFinalOrNull);
    } catch (SaslException e) {
      state = State.FAILED;
      throw e;
    }
    state = State.COMPLETE;
  }

  @Override
  public final void completeBase64(byte[] base64, int off, int len) throws SaslException {
    Objects.requireNonNull(base64, "base64");
    if (state == State.COMPLETE) {
      throw new IllegalStateException("complete() was already called");
    }
    byte[] data;
    try {
      data = Wire.decodeBase64(base64, off, len, mechanism.saslName() + " success data");
    } catch (SaslException e) {
      state = State.FAILED;
      throw e;
    }
    complete(data.length == 0 ? null : data);
  }

  @Override
  public final boolean isComplete() {
    return state == State.COMPLETE;
  }

  @Override
  public final Optional<String> serverError() {
    return Optional.ofNullable(serverError);
  }

  /**
   * A description without secrets.
   *
   * @return the mechanism and state, e.g. {@code SaslClient[SCRAM-SHA-256, RUNNING]}
   */
  @Override
  public String toString() {
    return "SaslClient[" + mechanism.saslName() + ", " + state + "]";
  }

  private void checkUsable() {
    if (state == State.FAILED) {
      throw new IllegalStateException("the " + mechanism.saslName() + " exchange has failed; start a new one");
    }
    if (state == State.COMPLETE) {
      throw new IllegalStateException("the " + mechanism.saslName() + " exchange is complete");
    }
  }
}
