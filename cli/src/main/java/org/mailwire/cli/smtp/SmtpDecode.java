package org.mailwire.cli.smtp;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mailwire.cli.Captures;
import org.mailwire.smtp.codec.Capabilities;
import org.mailwire.smtp.codec.Extension;
import org.mailwire.smtp.codec.ReplyDecoder;
import org.mailwire.smtp.codec.ReplyView;
import org.mailwire.transport.ProtocolException;
import org.mailwire.transport.bytes.InputBuffer;

/**
 * {@code mailwire decode smtp}: prints each reply of a captured SMTP or LMTP server stream as the
 * mailwire codec parses it: the code and its class, the RFC 3463 enhanced status code, every
 * line, and for an EHLO/LHLO reply the capabilities; or the first error with its stream offset.
 *
 * <p>Two input forms:
 *
 * <ul>
 *   <li><b>A raw server stream</b>: a reply is shown as EHLO capabilities when it is a multi-line
 *       250 reply whose lines after the first are keywords, at least one of them a known
 *       extension.
 *   <li><b>A transcript</b>, recognised when the input starts with {@code "S: "} or {@code "C: "}:
 *       {@code S:} lines are the server's (the CRLF is added back), {@code C:} lines the
 *       client's; a reply to EHLO or LHLO is always shown with its capabilities. Offsets count
 *       server bytes.
 * </ul>
 */
public final class SmtpDecode {
  private SmtpDecode() {}

  /**
   * Decodes and prints {@code capturedServerStream}.
   *
   * @param capturedServerStream a raw server stream or an S:/C: transcript (read to its end)
   * @param out where to print
   * @return 0 when every byte decoded into complete replies; 1 on a protocol error (a malformed
   *     reply, a limit exceeded), an incomplete last reply, or an unreadable input
   */
  public static int print(InputStream capturedServerStream, PrintStream out) {
    byte[] input = Captures.readAll(capturedServerStream, out);
    if (input == null) {
      return 1;
    }
    List<Long> helloReplies = new ArrayList<>();
    boolean transcript = Captures.isTranscript(input);
    byte[] server = transcript ? serverBytes(input, helloReplies) : input;
    out.println("smtp: " + server.length + " server bytes ("
        + (transcript ? "transcript" : "raw stream: EHLO replies recognised by their keywords") + ")");

    InputBuffer in = new InputBuffer(64, Math.max(64, server.length + 16));
    ReplyView v = new ReplyView();
    ReplyDecoder decoder = new ReplyDecoder();
    int replies = 0;
    try {
      in.write(server);
      while (in.readable() > 0) {
        long offset = in.consumed();
        if (!decoder.decode(in, v)) {
          out.println("error at offset " + offset + ": incomplete reply (" + in.readable()
              + " bytes without a final line)");
          return 1;
        }
        replies++;
        boolean hello = helloReplies.contains(offset) || (!transcript && looksLikeEhlo(v));
        show(offset, v, hello, out);
      }
    } catch (ProtocolException e) {
      out.println("error at offset " + e.offset() + ": " + e.getMessage());
      return 1;
    }
    out.println("ok: " + replies + (replies == 1 ? " reply" : " replies"));
    return 0;
  }

  private static void show(long offset, ReplyView v, boolean hello, PrintStream out) {
    StringBuilder head = new StringBuilder().append('[').append(offset).append("] ").append(v.code());
    if (v.hasEnhancedStatus()) {
      head.append(' ').append(v.enhancedClass()).append('.').append(v.enhancedSubject()).append('.')
          .append(v.enhancedDetail());
    }
    head.append(' ').append(kind(v.code()));
    if (hello && v.isPositiveCompletion()) {
      Capabilities caps = Capabilities.parse(v);
      out.println(head.append(", EHLO reply from \"").append(v.text(0)).append("\":"));
      int n = 0;
      for (Extension e : caps.extensions()) {
        out.println("      " + e.keyword() + caps.parameters(e).map(p -> " " + p).orElse(""));
        n++;
      }
      for (Map.Entry<String, String> o : caps.otherKeywords().entrySet()) {
        out.println("      " + o.getKey() + (o.getValue().isEmpty() ? "" : " " + o.getValue()) + " (unknown)");
        n++;
      }
      out.println("    " + n + " capabilities" + (caps.sizeLimit() > 0 ? ", size limit " + caps.sizeLimit() + " bytes" : ""));
    } else if (v.lineCount() == 1) {
      out.println(head.append(" \"").append(v.text(0)).append('"'));
    } else {
      out.println(head.append(", ").append(v.lineCount()).append(" lines:"));
      for (int i = 0; i < v.lineCount(); i++) {
        out.println("      \"" + v.text(i) + "\"");
      }
    }
  }

  private static String kind(int code) {
    return switch (code / 100) {
      case 2 -> "(positive)";
      case 3 -> "(intermediate)";
      case 4 -> "(transient failure)";
      default -> "(permanent failure)";
    };
  }

  /** A multi-line 250 whose later lines are keywords, at least one of them known. */
  private static boolean looksLikeEhlo(ReplyView v) {
    if (v.code() != 250 || v.lineCount() < 2) {
      return false;
    }
    boolean known = false;
    for (int i = 1; i < v.lineCount(); i++) {
      String line = v.text(i);
      String word = line.split("[ =]", 2)[0];
      if (word.isEmpty() || !word.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-')) {
        return false;
      }
      known |= Extension.byKeyword(word).isPresent();
    }
    return known;
  }

  /** The server side of a transcript; records where replies to EHLO/LHLO start. */
  private static byte[] serverBytes(byte[] transcript, List<Long> helloReplies) {
    ByteArrayOutputStream server = new ByteArrayOutputStream();
    boolean helloPending = false;
    boolean inReply = false;
    for (String line : new String(transcript, StandardCharsets.UTF_8).split("\r?\n")) {
      if (line.startsWith("C: ") || line.equals("C:")) {
        String cmd = line.length() > 3 ? line.substring(3).toUpperCase(Locale.ROOT) : "";
        helloPending = cmd.startsWith("EHLO ") || cmd.startsWith("LHLO ");
        inReply = false;
      } else if (line.startsWith("S: ") || line.equals("S:")) {
        if (helloPending && !inReply) {
          helloReplies.add((long) server.size());
        }
        inReply = true;
        server.writeBytes((line.length() > 3 ? line.substring(3) : "").getBytes(StandardCharsets.UTF_8));
        server.writeBytes(new byte[] {'\r', '\n'});
      }
    }
    return server.toByteArray();
  }
}
