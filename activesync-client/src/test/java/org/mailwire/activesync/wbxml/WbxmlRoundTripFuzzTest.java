package org.mailwire.activesync.wbxml;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.mailwire.activesync.internal.WbxmlToXml;
import org.mailwire.transport.ProtocolException;
import org.mailwire.transport.bytes.InputBuffer;

/**
 * Property: a random well-formed event sequence written with {@link WbxmlWriter} reads back with
 * {@link WbxmlReader} as the same events (whatever the input split and reader options), and, for
 * documents the XML form can carry exactly, {@code fromXml(toXml(bytes))} gives the same bytes.
 *
 * <p>The sequence is built from Jazzer's structured input ({@link FuzzedDataProvider}).
 */
class WbxmlRoundTripFuzzTest {

  /** What one generated document should read back as, and whether its XML is exact. */
  private static final class Model {
    final List<String> expected = new ArrayList<>();
    final int maxInline;
    final boolean xmlSafe;
    int budget;

    Model(int maxInline, boolean xmlSafe, int budget) {
      this.maxInline = maxInline;
      this.xmlSafe = xmlSafe;
      this.budget = budget;
    }
  }

  @FuzzTest(maxDuration = "3m")
  void writeReadRoundTrip(FuzzedDataProvider data) throws IOException {
    boolean xmlSafe = data.consumeBoolean();
    int maxInline = data.consumeInt(0, 40);
    int chunk = data.consumeInt(4, 40);
    int split = data.consumeInt(1, 64);
    Model model = new Model(maxInline, xmlSafe, data.consumeInt(1, 200));

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WbxmlWriter writer = new WbxmlWriter(out);
    element(data, writer, model, 0);
    writer.finish();
    model.expected.add("eod");
    byte[] bytes = out.toByteArray();

    WbxmlReader.Options options = WbxmlReader.Options.DEFAULTS
        .withMaxInlineTextLength(maxInline).withChunkSize(chunk).withStrict(false);
    List<String> got = read(bytes, options, split);
    if (!got.equals(model.expected)) {
      throw new AssertionError("round trip differs\n wrote " + model.expected + "\n read  " + got
          + "\n bytes " + HexFormat.of().formatHex(bytes));
    }

    if (xmlSafe) {
      String xml;
      try {
        xml = WbxmlXml.toXml(bytes);
      } catch (ProtocolException e) {
        throw new AssertionError("toXml rejected a written document", e);
      }
      byte[] back = WbxmlXml.fromXml(xml);
      if (!Arrays.equals(back, bytes)) {
        throw new AssertionError("XML round trip differs\n" + xml + "\n wrote "
            + HexFormat.of().formatHex(bytes) + "\n back  " + HexFormat.of().formatHex(back));
      }
    }
  }

  /** Writes one element with random content and records what the reader must report. */
  private static void element(
      FuzzedDataProvider data, WbxmlWriter w, Model m, int depth)
      throws IOException {
    m.budget--;
    int page = data.consumeInt(0, CodePages.MAX_PAGE);
    CodePage p = CodePages.page(page);
    Tag tag = null;
    int token;
    if (!p.tags().isEmpty() && data.consumeInt(0, 9) > 0) {
      tag = p.tags().get(data.consumeInt(0, p.tags().size() - 1));
      token = tag.token();
      w.start(tag);
    } else {
      token = data.consumeInt(0x05, 0x3F);
      w.start(page, token);
    }
    Tag reported = CodePages.tag(page, token);
    String name = Events.name(page, token, reported);
    int startIndex = m.expected.size();
    m.expected.add(null); // filled in once we know whether the element has content
    int children = depth >= 12 || m.budget <= 0 ? 0 : data.consumeInt(0, 4);
    boolean binary = reported != null && WbxmlToXml.isBinary(reported);
    boolean lastWasText = false;
    boolean lastWasOpaque = false;
    boolean content = false;
    for (int i = 0; i < children && m.budget > 0; i++) {
      int kind = data.consumeInt(0, 3);
      if (kind == 0 && !(m.xmlSafe && (binary || lastWasText))) {
        String text = text(data, m.xmlSafe, children > 1);
        if (text.isEmpty()) {
          w.text(text); // writes nothing
          continue;
        }
        w.text(text);
        int length = text.getBytes(StandardCharsets.UTF_8).length;
        m.expected.add((length > m.maxInline ? "longtext:" : "text:") + text);
        lastWasText = true;
        lastWasOpaque = false;
        content = true;
        m.budget--;
      } else if (kind == 1 && !(m.xmlSafe && lastWasOpaque)) {
        byte[] bytes = data.consumeBytes(data.consumeInt(0, 300));
        if (data.consumeBoolean()) {
          w.opaque(new ByteArrayInputStream(bytes), bytes.length);
        } else {
          w.opaque(bytes);
        }
        m.expected.add("opaque:" + HexFormat.of().formatHex(bytes));
        lastWasText = false;
        lastWasOpaque = true;
        content = true;
        m.budget--;
      } else {
        element(data, w, m, depth + 1);
        lastWasText = false;
        lastWasOpaque = false;
        content = true;
      }
    }
    w.end();
    m.expected.set(startIndex, "<" + name + (content ? ">" : "/>"));
    m.expected.add("</" + name + ">");
  }

  /** A string the writer accepts; in XML-safe mode also one XML carries exactly. */
  private static String text(FuzzedDataProvider data, boolean xmlSafe, boolean hasSiblings) {
    String raw = data.consumeString(data.consumeInt(0, 60));
    StringBuilder sb = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < raw.length()
          && Character.isLowSurrogate(raw.charAt(i + 1))) {
        sb.append(c).append(raw.charAt(++i));
        continue;
      }
      if (c == 0 || Character.isSurrogate(c)) {
        continue;
      }
      if (xmlSafe && ((c < 0x20 && c != '\t' && c != '\n' && c != '\r')
          || c == '\uFFFE' || c == '\uFFFF')) {
        continue;
      }
      sb.append(c);
    }
    String s = sb.toString();
    if (xmlSafe && hasSiblings && !s.isEmpty() && s.isBlank()) {
      s = "x" + s; // blank text beside other content is indentation in XML
    }
    return s;
  }

  private static List<String> read(byte[] bytes, WbxmlReader.Options options, int split)
      throws ProtocolException {
    WbxmlReader reader = new WbxmlReader(options);
    InputBuffer in = new InputBuffer(16, bytes.length + 64);
    List<WbxmlEvent> events = new ArrayList<>();
    for (int off = 0; off < bytes.length; off += split) {
      in.write(bytes, off, Math.min(split, bytes.length - off));
      WbxmlEvent e;
      while ((e = reader.decode(in)) != null) {
        events.add(e);
      }
    }
    reader.endOfInput();
    if (in.readable() != 0) {
      throw new AssertionError("the reader left " + in.readable() + " bytes of its own document");
    }
    return Events.normalize(events);
  }
}
