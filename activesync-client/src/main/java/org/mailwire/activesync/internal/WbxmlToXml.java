package org.mailwire.activesync.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.mailwire.activesync.wbxml.CodePages;
import org.mailwire.activesync.wbxml.Tag;
import org.mailwire.activesync.wbxml.WbxmlEvent;
import org.mailwire.activesync.wbxml.WbxmlReader;
import org.mailwire.transport.ProtocolException;
import org.mailwire.transport.bytes.InputBuffer;

/**
 * Renders a WBXML document as indented XML in the form {@code WbxmlXml} documents (and libwbxml's
 * {@code wbxml2xml} writes): a DOCTYPE naming ActiveSync, a default namespace ({@code
 * xmlns="AirSync:"}) on the root and on every element whose code page differs from its parent's.
 */
public final class WbxmlToXml {
  /** Prefix of the names given to tokens a code page does not define: {@code Unknown_0x2A}. */
  static final String UNKNOWN_PREFIX = "Unknown_0x";

  /** The DOCTYPE libwbxml writes and needs to recognise a document as ActiveSync. */
  public static final String DOCTYPE =
      "<!DOCTYPE ActiveSync PUBLIC \"-//MICROSOFT//DTD ActiveSync//EN\" \"http://www.microsoft.com/\">";

  /** The elements libwbxml encodes as OPAQUE from base64 text, and decodes back to base64 text. */
  private static final Set<Tag> BINARY =
      Set.of(
          CodePages.require("ComposeMail", "Mime"),
          CodePages.require("ItemOperations", "ConversationId"),
          CodePages.require("Email2", "ConversationId"),
          CodePages.require("Email2", "ConversationIndex"),
          CodePages.require("Search", "ConversationId"),
          CodePages.require("ResolveRecipients", "Data"),
          CodePages.require("GAL", "Data"),
          CodePages.require("AirSyncBase", "Content"));

  private WbxmlToXml() {}

  /** Returns whether OPAQUE data in this element is written as plain base64 text. */
  public static boolean isBinary(Tag tag) {
    return BINARY.contains(tag);
  }

  /** An element of the document tree. */
  private static final class Element {
    final int page;
    final int token;
    final Tag tag;
    final List<Object> children = new ArrayList<>();

    Element(int page, int token, Tag tag) {
      this.page = page;
      this.token = token;
      this.tag = tag;
    }

    String name() {
      return tag != null ? tag.name() : UNKNOWN_PREFIX + String.format("%02X", token);
    }

    boolean hasElements() {
      for (Object c : children) {
        if (c instanceof Element) {
          return true;
        }
      }
      return false;
    }

    boolean hasContentOtherThanElements() {
      for (Object c : children) {
        if (!(c instanceof Element)) {
          return true;
        }
      }
      return false;
    }
  }

  /** OPAQUE bytes in the tree. */
  private record Opaque(byte[] data) {}

  /**
   * Converts a complete document.
   *
   * @param wbxml the document; nothing may follow its root element
   * @return the XML text
   * @throws ProtocolException when the bytes are not ActiveSync WBXML, are cut short, or are
   *     followed by more bytes
   */
  public static String convert(byte[] wbxml) throws ProtocolException {
    WbxmlReader reader = new WbxmlReader();
    InputBuffer in = new InputBuffer(16, Math.max(16, wbxml.length));
    if (wbxml.length > 0) {
      in.write(wbxml);
    }
    List<Element> open = new ArrayList<>();
    Element root = null;
    ByteArrayOutputStream pieces = null;
    WbxmlEvent e;
    while ((e = reader.decode(in)) != null) {
      Element top = open.isEmpty() ? null : open.get(open.size() - 1);
      if (e instanceof WbxmlEvent.StartTag s) {
        Element el = new Element(s.page(), s.token(), s.tag());
        if (top == null) {
          root = el;
        } else {
          top.children.add(el);
        }
        open.add(el);
      } else if (e instanceof WbxmlEvent.EndTag) {
        open.remove(open.size() - 1);
      } else if (e instanceof WbxmlEvent.Text t) {
        top.children.add(t.text());
      } else if (e instanceof WbxmlEvent.TextBegin || e instanceof WbxmlEvent.OpaqueBegin) {
        pieces = new ByteArrayOutputStream();
      } else if (e instanceof WbxmlEvent.TextChunk c) {
        pieces.writeBytes(c.utf8());
      } else if (e instanceof WbxmlEvent.OpaqueChunk c) {
        pieces.writeBytes(c.data());
      } else if (e instanceof WbxmlEvent.TextEnd) {
        top.children.add(new String(pieces.toByteArray(), StandardCharsets.UTF_8));
      } else if (e instanceof WbxmlEvent.OpaqueEnd) {
        top.children.add(new Opaque(pieces.toByteArray()));
      }
    }
    if (!reader.isComplete()) {
      reader.endOfInput();
    }
    if (in.readable() > 0) {
      int r = in.readIndex();
      throw new ProtocolException("bytes after the end of the WBXML document",
          in.streamOffset(r), in.array(), r, Math.min(in.writeIndex(), r + 16));
    }
    StringBuilder sb = new StringBuilder(wbxml.length * 3 + 128);
    sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n").append(DOCTYPE).append('\n');
    print(sb, root, -1, 0, true);
    sb.append('\n');
    return sb.toString();
  }

  private static void print(StringBuilder sb, Element el, int parentPage, int level, boolean pretty) {
    String name = el.name();
    sb.append('<').append(name);
    if (el.page != parentPage) {
      sb.append(" xmlns=\"").append(CodePages.page(el.page).namespace()).append(":\"");
    }
    if (el.children.isEmpty()) {
      sb.append("/>");
      return;
    }
    sb.append('>');
    boolean indent = pretty && !el.hasContentOtherThanElements();
    for (Object c : el.children) {
      if (c instanceof Element child) {
        if (indent) {
          newline(sb, level + 1);
        }
        print(sb, child, el.page, level + 1, indent);
      } else if (c instanceof String s) {
        escape(sb, s);
      } else {
        byte[] data = ((Opaque) c).data();
        String b64 = Base64.getEncoder().encodeToString(data);
        if (el.tag != null && isBinary(el.tag) && data.length > 0) {
          sb.append(b64);
        } else {
          sb.append("<![CDATA[").append(b64).append("]]>");
        }
      }
    }
    if (indent && el.hasElements()) {
      newline(sb, level);
    }
    sb.append("</").append(name).append('>');
  }

  private static void newline(StringBuilder sb, int level) {
    sb.append('\n');
    for (int i = 0; i < level; i++) {
      sb.append("  ");
    }
  }

  private static void escape(StringBuilder sb, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '\r' -> sb.append("&#13;");
        case '\t', '\n' -> sb.append(c);
        default -> {
          if (c < 0x20) {
            sb.append("&#").append((int) c).append(';');
          } else {
            sb.append(c);
          }
        }
      }
    }
  }
}
