package org.mailwire.activesync.wbxml;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.mailwire.transport.ProtocolException;
import org.mailwire.transport.bytes.InputBuffer;

/**
 * Test helpers: hex input, and a readable normal form of event lists in which streamed text and
 * OPAQUE chunks are merged (chunk boundaries depend on how input arrives; their content does not).
 *
 * <p>Normal form, one string per event: {@code <AirSync:Sync>} (start with content), {@code
 * <AirSync:Sync/>} (start without content bit), {@code </AirSync:Sync>}, {@code text:abc}, {@code
 * longtext:abc} (streamed string), {@code opaque:0a0b} (hex), {@code eod}. Unknown tokens read as
 * {@code p3:0x05}.
 */
final class Events {
  private Events() {}

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replaceAll("[\\s,]", ""));
  }

  static String name(int page, int token, Tag tag) {
    return tag != null ? tag.toString() : "p" + page + ":0x" + String.format("%02X", token);
  }

  static List<String> normalize(List<WbxmlEvent> events) {
    List<String> out = new ArrayList<>();
    ByteArrayOutputStream pieces = null;
    for (WbxmlEvent e : events) {
      if (e instanceof WbxmlEvent.StartTag s) {
        out.add("<" + name(s.page(), s.token(), s.tag()) + (s.hasContent() ? ">" : "/>"));
      } else if (e instanceof WbxmlEvent.EndTag t) {
        out.add("</" + name(t.page(), t.token(), t.tag()) + ">");
      } else if (e instanceof WbxmlEvent.Text t) {
        out.add("text:" + t.text());
      } else if (e instanceof WbxmlEvent.TextBegin || e instanceof WbxmlEvent.OpaqueBegin) {
        pieces = new ByteArrayOutputStream();
      } else if (e instanceof WbxmlEvent.TextChunk c) {
        pieces.writeBytes(c.utf8());
      } else if (e instanceof WbxmlEvent.OpaqueChunk c) {
        pieces.writeBytes(c.data());
      } else if (e instanceof WbxmlEvent.TextEnd) {
        out.add("longtext:" + new String(pieces.toByteArray(), StandardCharsets.UTF_8));
      } else if (e instanceof WbxmlEvent.OpaqueEnd) {
        out.add("opaque:" + HexFormat.of().formatHex(pieces.toByteArray()));
      } else if (e instanceof WbxmlEvent.EndDocument) {
        out.add("eod");
      }
    }
    return out;
  }

  /** Reads a whole document with default options and returns its normal form. */
  static List<String> read(byte[] wbxml) throws ProtocolException {
    return read(wbxml, WbxmlReader.Options.DEFAULTS);
  }

  static List<String> read(byte[] wbxml, WbxmlReader.Options options) throws ProtocolException {
    WbxmlReader reader = new WbxmlReader(options);
    InputBuffer in = new InputBuffer(16, Math.max(64, wbxml.length + 16));
    in.write(wbxml);
    List<WbxmlEvent> events = new ArrayList<>();
    WbxmlEvent e;
    while ((e = reader.decode(in)) != null) {
      events.add(e);
    }
    reader.endOfInput();
    return normalize(events);
  }
}
