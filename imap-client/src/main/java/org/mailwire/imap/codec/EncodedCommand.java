package org.mailwire.imap.codec;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * A command encoded by {@link ImapCommandEncoder}: the parts to send in order. After a {@link
 * Bytes} part with {@link Bytes#awaitContinuation()} the client must flush and wait for the
 * server's {@code +} continuation request before sending the next part (a synchronizing literal);
 * a {@link MessageBody} part is where the caller streams an APPEND message of exactly {@link
 * MessageBody#size()} bytes.
 *
 * @param tag the command's tag ({@code null} for DONE and AUTHENTICATE continuation lines)
 * @param name the command name, e.g. {@code "UID FETCH"}
 * @param parts what to send
 * @param sensitive whether the command carries credentials (LOGIN, AUTHENTICATE): traces must redact it
 */
public record EncodedCommand(String tag, String name, List<Part> parts, boolean sensitive) {

  /** One part of a command. */
  public sealed interface Part permits Bytes, MessageBody {}

  /**
   * Bytes to send.
   *
   * @param data the bytes
   * @param awaitContinuation whether the server's continuation request must be awaited after them
   */
  record Bytes(byte[] data, boolean awaitContinuation) implements Part {
    @Override
    public boolean equals(Object o) {
      return o instanceof Bytes b && b.awaitContinuation == awaitContinuation && java.util.Arrays.equals(b.data, data);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(data);
    }

    @Override
    public String toString() {
      return "Bytes[" + org.mailwire.imap.internal.Ascii2.excerpt(data, 0, data.length) + (awaitContinuation ? ", await +" : "") + "]";
    }
  }

  /**
   * The place of an APPEND message body (the literal's data).
   *
   * @param index which message of the APPEND (0 for the first)
   * @param size the number of bytes the caller must send
   */
  record MessageBody(int index, long size) implements Part {}

  /** Whether any part waits for a continuation request. */
  public boolean needsContinuation() {
    for (Part p : parts) {
      if (p instanceof Bytes b && b.awaitContinuation) {
        return true;
      }
    }
    return false;
  }

  /**
   * All bytes of the command as one array, for commands without synchronizing literals or message
   * bodies (and for tests).
   *
   * @throws IllegalStateException if the command has a {@link MessageBody} part
   */
  public byte[] toBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Part p : parts) {
      if (p instanceof Bytes b) {
        out.writeBytes(b.data);
      } else {
        throw new IllegalStateException("command has a message body part");
      }
    }
    return out.toByteArray();
  }
}
