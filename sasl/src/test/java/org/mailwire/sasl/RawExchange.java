package org.mailwire.sasl;

import java.nio.charset.StandardCharsets;
import org.mailwire.transport.Redactor;
import org.mailwire.transport.Transport;
import org.mailwire.transport.WireTrace;
import org.mailwire.transport.bytes.Ascii;
import org.mailwire.transport.bytes.InputBuffer;

/**
 * A tiny raw IMAP / SMTP client for the tests: enough to carry one SASL exchange over a {@link
 * Transport}, with every line going through a {@link WireTrace} and the SASL lines redacted with
 * {@link SaslRedaction}.
 */
final class RawExchange {
  /** How an exchange ended: the server's final line and, if the client gave up, why. */
  record Outcome(String finalLine, SaslException clientFailure) {}

  private final Transport t;
  private final InputBuffer in = new InputBuffer(256, 65536);
  private final WireTrace trace;

  RawExchange(Transport t, WireTrace trace) {
    this.t = t;
    this.trace = trace;
  }

  /** Reads one line, without its CRLF. */
  String line() throws Exception {
    int lf = in.fillLine(t, 8192);
    int start = in.readIndex();
    trace.server(in.array(), start, lf + 1 - start);
    int end = lf > start && in.array()[lf - 1] == '\r' ? lf - 1 : lf;
    String s = Ascii.string(in.array(), start, end - start);
    in.skipTo(lf + 1);
    return s;
  }

  /** Reads an SMTP reply (all its lines), returns them joined with LF. */
  String smtpReply() throws Exception {
    StringBuilder all = new StringBuilder();
    String l;
    do {
      l = line();
      all.append(all.length() == 0 ? "" : "\n").append(l);
    } while (l.length() > 3 && l.charAt(3) == '-');
    return all.toString();
  }

  void send(String s) throws Exception {
    send(s.getBytes(StandardCharsets.UTF_8), Redactor.NONE);
  }

  void send(byte[] content, Redactor redactor) throws Exception {
    byte[] line = new byte[content.length + 2];
    System.arraycopy(content, 0, line, 0, content.length);
    line[content.length] = '\r';
    line[content.length + 1] = '\n';
    trace.client(line, 0, line.length, redactor);
    t.write(line);
    t.flush();
  }

  /** Drops buffered bytes before a TLS handshake. */
  void discard() {
    in.discard();
  }

  /**
   * {@code tag AUTHENTICATE MECH [ir]}, answering {@code +} continuations until the tagged reply.
   * On a client-side {@link SaslException} it cancels with {@code *} and reads the tagged reply.
   */
  Outcome imapAuthenticate(String tag, SaslClient sasl, boolean useIr) throws Exception {
    byte[] ir = useIr ? sasl.initialResponseBase64() : null;
    String command = tag + " AUTHENTICATE " + sasl.mechanism().saslName();
    send(ir == null ? ascii(command) : concat(ascii(command + " "), ir), SaslRedaction.authCommand());
    while (true) {
      String l = line();
      if (l.startsWith("+")) {
        byte[] b = ascii(l);
        byte[] answer;
        try {
          answer = sasl.respondBase64(b, 1, b.length - 1);
        } catch (SaslException e) {
          send(ascii("*"), SaslRedaction.responses());
          return new Outcome(untilTagged(tag), e);
        }
        send(answer, SaslRedaction.responses());
      } else if (l.startsWith(tag + " ")) {
        if (l.startsWith(tag + " OK")) {
          sasl.complete(null);
        }
        return new Outcome(l, null);
      }
      // untagged lines (e.g. * CAPABILITY) are skipped
    }
  }

  private String untilTagged(String tag) throws Exception {
    String l;
    do {
      l = line();
    } while (!l.startsWith(tag + " "));
    return l;
  }

  /**
   * {@code AUTH MECH [ir]}, answering 334 challenges until the final reply. On a client-side {@link
   * SaslException} it cancels with {@code *} and reads the reply.
   */
  Outcome smtpAuth(SaslClient sasl, boolean useIr) throws Exception {
    byte[] ir = useIr ? sasl.initialResponseBase64() : null;
    String command = "AUTH " + sasl.mechanism().saslName();
    send(ir == null ? ascii(command) : concat(ascii(command + " "), ir), SaslRedaction.authCommand());
    while (true) {
      String reply = smtpReply();
      if (reply.startsWith("334")) {
        byte[] b = ascii(reply);
        int off = Math.min(4, b.length);
        byte[] answer;
        try {
          answer = sasl.respondBase64(b, off, b.length - off);
        } catch (SaslException e) {
          send(ascii("*"), SaslRedaction.responses());
          return new Outcome(smtpReply(), e);
        }
        send(answer, SaslRedaction.responses());
      } else {
        if (reply.startsWith("235")) {
          sasl.complete(null);
        }
        return new Outcome(reply, null);
      }
    }
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
