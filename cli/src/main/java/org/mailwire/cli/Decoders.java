package org.mailwire.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.mailwire.activesync.wbxml.WbxmlXml;
import org.mailwire.cli.imap.ImapDecode;
import org.mailwire.cli.pop3.Pop3Decode;
import org.mailwire.cli.smtp.SmtpDecode;
import org.mailwire.transport.ProtocolException;

/** {@code mailwire decode}: routes a captured stream to the protocol's decoder. */
final class Decoders {
  private Decoders() {}

  /** A decoder for people: prints what it parsed, returns 0, or prints the error and returns 1. */
  @FunctionalInterface
  interface Printer {
    int print(InputStream in, PrintStream out, PrintStream err) throws IOException;
  }

  /** The protocols {@code decode} knows. */
  enum Kind {
    SMTP((in, out, err) -> SmtpDecode.print(in, out)),
    POP3((in, out, err) -> Pop3Decode.print(in, out)),
    IMAP((in, out, err) -> ImapDecode.print(in, out)),
    EAS(Decoders::eas);

    private final Printer printer;

    Kind(Printer printer) {
      this.printer = printer;
    }

    static Kind byName(String name) {
      for (Kind k : values()) {
        if (k.name().equalsIgnoreCase(name)) {
          return k;
        }
      }
      return null;
    }

    static String names() {
      return Arrays.stream(values()).map(k -> k.name().toLowerCase()).collect(Collectors.joining("|"));
    }
  }

  static int decode(Kind kind, InputStream in, PrintStream out, PrintStream err) throws IOException {
    return kind.printer.print(in, out, err);
  }

  /** A captured ActiveSync body, binary WBXML or hex text, printed as XML. */
  private static int eas(InputStream in, PrintStream out, PrintStream err) throws IOException {
    byte[] all = in.readAllBytes();
    try {
      out.print(WbxmlXml.decodeForCli(all));
      return 0;
    } catch (ProtocolException e) {
      out.println("error: " + e.getMessage());
      return 1;
    }
  }
}
