package org.mailwire.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.stream.Collectors;

/** {@code mailwire decode}: routes a captured stream to the protocol's decoder. */
final class Decoders {
  private Decoders() {}

  /** The protocols {@code decode} knows. */
  enum Kind {
    ;

    static Kind byName(String name) {
      for (Kind k : values()) {
        if (k.name().equalsIgnoreCase(name)) {
          return k;
        }
      }
      return null;
    }

    static String names() {
      String s = Arrays.stream(values()).map(k -> k.name().toLowerCase()).collect(Collectors.joining("|"));
      return s.isEmpty() ? "(none yet)" : s;
    }
  }

  static int decode(Kind kind, InputStream in, PrintStream out, PrintStream err) throws IOException {
    throw new IllegalArgumentException("no decoder for " + kind);
  }
}
