package org.mailwire.cli.imap;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import org.mailwire.imap.codec.ImapEvent;
import org.mailwire.imap.codec.ImapLimits;
import org.mailwire.imap.codec.ImapResponseDecoder;
import org.mailwire.transport.ProtocolException;
import org.mailwire.transport.bytes.InputBuffer;

/**
 * {@code mailwire decode imap FILE}: prints each response of a captured IMAP server stream (the
 * bytes the server sent, from its greeting on) in a stable, readable form, one response per line;
 * body sections are summarised by size, tolerated deviations are listed under the response, and a
 * malformed response is printed with the stream offset where parsing stopped.
 */
public final class ImapDecode {
  private ImapDecode() {}

  /**
   * Decodes {@code capturedServerStream} and prints to {@code out}.
   *
   * @return 0 when every response parsed, 1 when one did not (or the stream ended mid-response, or
   *     could not be read)
   */
  public static int print(InputStream capturedServerStream, PrintStream out) {
    ImapResponseDecoder dec =
        ImapResponseDecoder.builder()
            .deviationListener(d -> out.println("  ~ tolerated " + d.quirk() + " at offset " + d.offset() + ": \"" + d.excerpt() + "\""))
            .build();
    InputBuffer in = new InputBuffer(16384, ImapLimits.DEFAULTS.maxResponseSize() + 65536);
    byte[] chunk = new byte[16384];
    int status = 0;
    long bodyBytes = 0;
    try {
      while (true) {
        ImapEvent e = dec.decode(in);
        if (e == null) {
          int n = capturedServerStream.read(chunk);
          if (n < 0) {
            break;
          }
          in.write(chunk, 0, n);
          continue;
        }
        if (e instanceof ImapEvent.BodyBytes b) {
          bodyBytes += b.length();
        } else if (e instanceof ImapEvent.BodyBegin b) {
          bodyBytes = 0;
          out.println("  body " + b.section() + " begins (" + (b.size() < 0 ? "NIL" : b.size() + " bytes") + ")");
        } else if (e instanceof ImapEvent.BodyEnd b) {
          out.println("  body " + b.section() + " ends after " + bodyBytes + " bytes");
        } else if (e instanceof ImapEvent.ResponseError r) {
          status = 1;
          out.println("ERROR at offset " + r.error().offset() + ": " + r.error().getMessage()
              + " (response of " + r.rawLength() + " bytes, tag " + r.tag() + ")");
        } else {
          out.println(e);
        }
      }
    } catch (ProtocolException ex) {
      out.println("ERROR at offset " + ex.offset() + ": " + ex.getMessage());
      return 1;
    } catch (IOException ex) {
      out.println("ERROR reading input: " + ex.getMessage());
      return 1;
    }
    if (in.readable() > 0) {
      out.println("ERROR at offset " + in.consumed() + ": the stream ends in the middle of a response (" + in.readable() + " bytes)");
      return 1;
    }
    return status;
  }
}
