package org.mailwire.cli.pop3;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;
import org.mailwire.cli.Captures;
import org.mailwire.pop3.codec.CapaDecoder;
import org.mailwire.pop3.codec.Capabilities;
import org.mailwire.pop3.codec.ListingDecoders;
import org.mailwire.pop3.codec.MultiLineDecoder;
import org.mailwire.pop3.codec.Pop3Limits;
import org.mailwire.pop3.codec.ScanListing;
import org.mailwire.pop3.codec.StatusLine;
import org.mailwire.pop3.codec.StatusLineDecoder;
import org.mailwire.pop3.codec.UidListing;
import org.mailwire.transport.ProtocolException;
import org.mailwire.transport.bytes.Decoder;
import org.mailwire.transport.bytes.InputBuffer;

/**
 * {@code mailwire decode pop3}: prints each response of a captured POP3 server stream as the
 * mailwire codec parses it: status, response code, multi-line bodies (CAPA parsed, LIST/UIDL
 * listings counted, message bodies summarised by size), or the first error with its stream
 * offset.
 *
 * <p>Two input forms:
 *
 * <ul>
 *   <li><b>A transcript</b>, recognised when the input starts with {@code "S: "} or {@code "C: "}:
 *       {@code S:} lines are the server's (the CRLF is added back), {@code C:} lines the client's.
 *       Each server status line after the greeting answers the next client line, so the command
 *       says whether a body follows ({@code CAPA}, {@code LIST}/{@code UIDL} without argument,
 *       {@code RETR}, {@code TOP}, {@code LANG} without argument). Offsets count server bytes.
 *   <li><b>A raw server stream</b> (no commands known): the first line is the greeting; after it,
 *       a {@code +OK} is taken to start a multi-line response when more input follows and the next line is not itself a
 *       status line ({@code +OK}, {@code -ERR}, {@code +}). A body whose lines are all {@code
 *       number SP word} is shown as a listing, one whose first line is a known capability as CAPA,
 *       anything else as a message. A message whose first line looks like a status line is
 *       misread by this heuristic; give a transcript for such captures.
 * </ul>
 */
public final class Pop3Decode {
  private static final Set<String> CAPA_NAMES = Set.of(
      "TOP", "UIDL", "USER", "SASL", "STLS", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING",
      "EXPIRE", "LOGIN-DELAY", "IMPLEMENTATION", "UTF8", "LANG", "CAPA");

  private Pop3Decode() {}

  /**
   * Decodes and prints {@code capturedServerStream}.
   *
   * @param capturedServerStream a raw server stream or an S:/C: transcript (read to its end)
   * @param out where to print
   * @return 0 when every byte decoded into complete responses, 1 on a protocol error, an
   *     incomplete last response, or an unreadable input
   */
  public static int print(InputStream capturedServerStream, PrintStream out) {
    byte[] input = Captures.readAll(capturedServerStream, out);
    if (input == null) {
      return 1;
    }
    Deque<String> commands = null;
    byte[] server = input;
    if (Captures.isTranscript(input)) {
      commands = new ArrayDeque<>();
      server = transcript(input, commands);
    }
    out.println("pop3: " + server.length + " server bytes"
        + (commands == null ? " (raw stream: multi-line responses found by heuristic)" : ", " + commands.size() + " client lines"));
    try {
      return decode(server, commands, out);
    } catch (ProtocolException e) {
      out.println("error at offset " + e.offset() + ": " + e.getMessage());
      return 1;
    }
  }

  private static int decode(byte[] server, Deque<String> commands, PrintStream out) throws ProtocolException {
    Pop3Limits limits = Pop3Limits.defaults();
    InputBuffer in = new InputBuffer(16, Math.max(64, server.length + 16));
    in.write(server);
    StatusLineDecoder status = new StatusLineDecoder(limits);
    boolean greeting = true;
    int responses = 0;
    while (in.readable() > 0) {
      long offset = in.consumed();
      StatusLine s = status.decode(in);
      if (s == null) {
        out.println("error at offset " + offset + ": incomplete status line at the end of the input");
        return 1;
      }
      responses++;
      String command = null;
      if (!greeting && commands != null) {
        command = commands.poll();
      }
      out.println("[" + offset + "] " + (greeting ? "greeting " : "") + describe(s) + (command == null ? "" : "   (reply to: " + redact(command) + ")"));
      boolean body;
      if (greeting || !s.isOk()) {
        body = false;
      } else if (commands != null) {
        body = command != null && isMultiLine(command);
      } else {
        body = in.readable() > 0 && !nextIsStatusLine(in);
      }
      greeting = false;
      if (!body) {
        continue;
      }
      long bodyOffset = in.consumed();
      MultiLineDecoder d = new MultiLineDecoder();
      long lines = 0;
      int n;
      while ((n = d.next(in)) > 0) {
        for (int i = d.runStart(); i < d.runStart() + n; i++) {
          if (in.array()[i] == '\n') {
            lines++;
          }
        }
      }
      if (n == 0) {
        out.println("error at offset " + in.consumed() + ": multi-line response not terminated by '.' (body began at offset " + bodyOffset + ")");
        return 1;
      }
      byte[] raw = java.util.Arrays.copyOfRange(server, (int) bodyOffset, (int) in.consumed());
      String kind = command == null ? classify(raw) : kindOf(command);
      printBody(kind, server, (int) bodyOffset, (int) in.consumed(), d.bodyBytes(), lines, limits, out);
    }
    out.println("ok: " + responses + " responses");
    return 0;
  }

  private static void printBody(
      String kind, byte[] server, int from, int to, long bytes, long lines, Pop3Limits limits, PrintStream out)
      throws ProtocolException {
    switch (kind) {
      case "CAPA" -> {
        Capabilities c = decodeWhole(new CapaDecoder(limits), server, from, to);
        out.println("    CAPA: " + c.names().size() + " capabilities");
        for (String name : c.names()) {
          out.println("      " + name + (c.arguments(name).isEmpty() ? "" : " " + String.join(" ", c.arguments(name))));
        }
      }
      case "LIST" -> {
        ScanListing l = decodeWhole(ListingDecoders.scanListing(limits), server, from, to);
        long total = 0;
        for (int i = 0; i < l.size(); i++) {
          total += l.octets(i);
        }
        out.println("    scan listing: " + l.size() + " messages, " + total + " octets" + (l.size() > 0 ? " (first: " + l.number(0) + " " + l.octets(0) + ")" : ""));
      }
      case "UIDL" -> {
        UidListing u = decodeWhole(ListingDecoders.uidListing(limits), server, from, to);
        out.println("    unique-id listing: " + u.size() + " messages" + (u.size() > 0 ? " (first: " + u.number(0) + " " + u.uid(0) + ")" : ""));
      }
      default -> out.println("    body: " + bytes + " bytes, " + lines + " lines (dot-stuffing removed)");
    }
  }

  /** Decodes server[from, to) with offsets counted from the start of the server stream. */
  private static <T> T decodeWhole(Decoder<T> d, byte[] server, int from, int to) throws ProtocolException {
    InputBuffer b = new InputBuffer(16, Math.max(64, to + 16));
    b.write(server, 0, to);
    b.skip(from);
    T v = d.decode(b);
    if (v == null) {
      throw new ProtocolException("multi-line response ended early", to, server, from, to);
    }
    return v;
  }

  private static String describe(StatusLine s) {
    String kind = switch (s.kind()) {
      case OK -> "+OK";
      case ERR -> "-ERR";
      case CONTINUATION -> "+ (SASL continuation)";
    };
    StringBuilder sb = new StringBuilder(kind);
    if (s.code() != null) {
      sb.append(" code=").append(s.code().value()).append(s.code().isTransient() ? " (transient)" : " (permanent)");
    }
    if (!s.text().isEmpty()) {
      sb.append(" \"").append(s.text()).append('"');
    }
    return sb.toString();
  }

  private static boolean isMultiLine(String command) {
    String[] w = command.trim().split(" +");
    String name = w[0].toUpperCase(Locale.ROOT);
    return switch (name) {
      case "CAPA", "RETR", "TOP" -> true;
      case "LIST", "UIDL", "LANG" -> w.length == 1;
      default -> false;
    };
  }

  private static String kindOf(String command) {
    String name = command.trim().split(" +")[0].toUpperCase(Locale.ROOT);
    return switch (name) {
      case "CAPA", "LIST", "UIDL" -> name;
      default -> "MESSAGE";
    };
  }

  /** Raw-stream heuristic: listing, CAPA or message, from the body's lines. */
  private static String classify(byte[] raw) {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    String[] lines = text.split("\r?\n");
    int body = lines.length - 1; // the last is the "." terminator
    if (body <= 0) {
      return "MESSAGE";
    }
    boolean scan = true;
    boolean uid = true;
    for (int i = 0; i < body; i++) {
      String[] w = lines[i].split(" ");
      boolean numbered = w.length >= 2 && w[0].matches("[1-9][0-9]*");
      scan &= numbered && w[1].matches("[0-9]+");
      uid &= numbered && w[1].matches("[\\x21-\\x7e]+");
    }
    if (scan) {
      return "LIST";
    }
    if (uid) {
      return "UIDL";
    }
    String first = lines[0].split(" ")[0].toUpperCase(Locale.ROOT);
    return CAPA_NAMES.contains(first) ? "CAPA" : "MESSAGE";
  }

  private static boolean nextIsStatusLine(InputBuffer in) {
    byte[] a = in.array();
    int r = in.readIndex();
    int w = in.writeIndex();
    if (w - r >= 3 && (a[r] == '+') && (a[r + 1] == 'O' || a[r + 1] == 'o') && (a[r + 2] == 'K' || a[r + 2] == 'k')) {
      return true;
    }
    if (w - r >= 4 && a[r] == '-' && (a[r + 1] | 0x20) == 'e' && (a[r + 2] | 0x20) == 'r' && (a[r + 3] | 0x20) == 'r') {
      return true;
    }
    return w - r >= 2 && a[r] == '+' && (a[r + 1] == ' ' || a[r + 1] == '\r' || a[r + 1] == '\n');
  }

  /** Splits a transcript into the server bytes and the client lines. */
  private static byte[] transcript(byte[] input, Deque<String> commands) {
    ByteArrayOutputStream server = new ByteArrayOutputStream(input.length);
    String text = new String(input, StandardCharsets.ISO_8859_1);
    for (String line : text.split("\n", -1)) {
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      if (line.startsWith("S: ") || line.equals("S:")) {
        server.writeBytes(line.substring(Math.min(3, line.length())).getBytes(StandardCharsets.ISO_8859_1));
        server.write('\r');
        server.write('\n');
      } else if (line.startsWith("C: ") || line.equals("C:")) {
        commands.add(line.substring(Math.min(3, line.length())));
      }
    }
    return server.toByteArray();
  }

  /** Shows a client line without its secret part (PASS, APOP digest, AUTH responses). */
  private static String redact(String command) {
    String upper = command.toUpperCase(Locale.ROOT);
    if (upper.startsWith("PASS ")) {
      return "PASS <redacted>";
    }
    if (upper.startsWith("APOP ")) {
      int sp = command.indexOf(' ', 5);
      return sp < 0 ? command : command.substring(0, sp) + " <redacted>";
    }
    if (upper.startsWith("AUTH ")) {
      int sp = command.indexOf(' ', 5);
      return sp < 0 ? command : command.substring(0, sp) + " <redacted>";
    }
    String[] w = upper.split(" ");
    return w.length > 0 && w[0].matches("[A-Z0-9]{3,4}") ? command : "<redacted SASL response>";
  }

}
