package org.mailwire.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;

/** What the {@code decode} printers share about a captured input. */
public final class Captures {
  private Captures() {}

  /**
   * Reads {@code in} to its end.
   *
   * @return the bytes, or {@code null} after printing {@code error: cannot read the input: ...} to
   *     {@code out}
   */
  public static byte[] readAll(InputStream in, PrintStream out) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      out.println("error: cannot read the input: " + e.getMessage());
      return null;
    }
  }

  /** Whether {@code input} is an S:/C: transcript rather than raw server bytes: it starts with {@code S:} or {@code C:} and a space or a line end. */
  public static boolean isTranscript(byte[] input) {
    return input.length >= 3 && (input[0] == 'S' || input[0] == 'C') && input[1] == ':' && (input[2] == ' ' || input[2] == '\n');
  }
}
