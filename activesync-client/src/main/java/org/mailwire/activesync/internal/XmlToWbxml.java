package org.mailwire.activesync.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.mailwire.activesync.wbxml.CodePage;
import org.mailwire.activesync.wbxml.CodePages;
import org.mailwire.activesync.wbxml.Tag;
import org.mailwire.activesync.wbxml.WbxmlWriter;

/**
 * Converts ActiveSync XML, as {@code WbxmlXml} documents it, into WBXML: element namespaces name
 * code pages, element names name tags, a CDATA section holds OPAQUE data as base64, and the text of
 * the elements libwbxml treats as binary is base64 OPAQUE data too.
 */
public final class XmlToWbxml {
  private static final String CDATA_EVENTS =
      "http://java.sun.com/xml/stream/properties/report-cdata-event";

  private XmlToWbxml() {}

  /** One open element. */
  private static final class Frame {
    final CodePage page;
    final Tag tag;
    boolean hadOtherContent;
    final StringBuilder text = new StringBuilder();
    /** Base64 of CDATA sections seen since the last other event (a parser may split one). */
    final StringBuilder cdata = new StringBuilder();
    boolean inCdata;

    Frame(CodePage page, Tag tag) {
      this.page = page;
      this.tag = tag;
    }
  }

  /**
   * Converts a document.
   *
   * @param xml the XML text
   * @return the WBXML bytes, starting with {@code 03 01 6A 00}
   * @throws IllegalArgumentException when the XML is malformed or names something ActiveSync WBXML
   *     cannot carry (an unknown namespace or tag, an attribute, invalid base64)
   */
  public static byte[] convert(String xml) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(64, xml.length() / 2));
    WbxmlWriter writer = new WbxmlWriter(bytes);
    try {
      XMLStreamReader r = factory().createXMLStreamReader(new StringReader(xml));
      Deque<Frame> frames = new ArrayDeque<>();
      while (r.hasNext()) {
        int event = r.next();
        Frame current = frames.peek();
        if (event != XMLStreamConstants.CDATA && current != null && current.inCdata) {
          current.inCdata = false;
          writer.opaque(base64(current.cdata.toString(), r));
          current.cdata.setLength(0);
        }
        switch (event) {
          case XMLStreamConstants.START_ELEMENT -> {
            Frame parent = frames.peek();
            if (parent != null) {
              flushText(writer, parent, true);
              parent.hadOtherContent = true;
            }
            if (r.getAttributeCount() > 0) {
              throw new IllegalArgumentException("attribute " + r.getAttributeLocalName(0)
                  + " on <" + r.getLocalName() + ">: ActiveSync WBXML has no attributes"
                  + where(r));
            }
            Frame f = resolve(r, parent);
            if (f.tag != null) {
              writer.start(f.tag);
            } else {
              writer.start(f.page.number(), unknownToken(r.getLocalName()));
            }
            frames.push(f);
          }
          case XMLStreamConstants.END_ELEMENT -> {
            Frame f = frames.pop();
            flushText(writer, f, f.hadOtherContent);
            writer.end();
          }
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE -> {
            Frame f = frames.peek();
            if (f == null) {
              if (!r.isWhiteSpace()) {
                throw new IllegalArgumentException("text outside the root element" + where(r));
              }
            } else {
              f.text.append(r.getText());
            }
          }
          case XMLStreamConstants.CDATA -> {
            Frame f = frames.peek();
            if (f == null) {
              throw new IllegalArgumentException("CDATA outside the root element" + where(r));
            }
            flushText(writer, f, true);
            f.hadOtherContent = true;
            f.inCdata = true;
            f.cdata.append(r.getText());
          }
          case XMLStreamConstants.ENTITY_REFERENCE ->
              throw new IllegalArgumentException("undeclared entity &" + r.getLocalName() + ";"
                  + where(r));
          default -> {
            // comments, processing instructions, the DOCTYPE and the document bounds carry nothing
          }
        }
      }
      r.close();
      writer.finish();
    } catch (XMLStreamException e) {
      throw new IllegalArgumentException("malformed XML: " + e.getMessage(), e);
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException("not one ActiveSync document: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Writes the text collected in {@code f}. Whitespace-only text is dropped when the element has
   * other content ({@code dropBlank}): it is indentation.
   */
  private static void flushText(WbxmlWriter writer, Frame f, boolean dropBlank) throws IOException {
    if (f.text.length() == 0) {
      return;
    }
    String text = f.text.toString();
    f.text.setLength(0);
    if (dropBlank && text.isBlank()) {
      return;
    }
    if (f.tag != null && WbxmlToXml.isBinary(f.tag)) {
      writer.opaque(base64(text, null));
    } else {
      writer.text(text);
    }
  }

  private static Frame resolve(XMLStreamReader r, Frame parent) {
    String uri = r.getNamespaceURI();
    CodePage page;
    if (uri == null || uri.isEmpty()) {
      page = parent == null ? CodePages.page(0) : parent.page;
    } else {
      page = CodePages.page(uri);
      if (page == null) {
        throw new IllegalArgumentException("unknown ActiveSync namespace \"" + uri + "\"" + where(r));
      }
    }
    String name = r.getLocalName();
    Tag tag = page.tag(name);
    if (tag == null && unknownToken(name) < 0) {
      throw new IllegalArgumentException(
          "no tag " + name + " in namespace " + page.namespace() + where(r));
    }
    return new Frame(page, tag);
  }

  /** Returns the token of a name written as {@code Unknown_0xNN}, or -1. */
  static int unknownToken(String name) {
    if (name.length() != 12 || !name.startsWith(WbxmlToXml.UNKNOWN_PREFIX)) {
      return -1;
    }
    int v;
    try {
      v = Integer.parseInt(name.substring(10), 16);
    } catch (NumberFormatException e) {
      return -1;
    }
    return v >= 0x05 && v <= 0x3F ? v : -1;
  }

  private static byte[] base64(String text, XMLStreamReader r) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        sb.append(c);
      }
    }
    try {
      return Base64.getDecoder().decode(sb.toString());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "invalid base64 for OPAQUE data: " + e.getMessage() + (r == null ? "" : where(r)), e);
    }
  }

  private static String where(XMLStreamReader r) {
    return " (line " + r.getLocation().getLineNumber() + ", column "
        + r.getLocation().getColumnNumber() + ")";
  }

  private static XMLInputFactory factory() {
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_COALESCING, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(CDATA_EVENTS, true);
    return f;
  }
}
