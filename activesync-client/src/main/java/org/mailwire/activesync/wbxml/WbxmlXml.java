package org.mailwire.activesync.wbxml;

import org.mailwire.activesync.internal.HexInput;
import org.mailwire.activesync.internal.WbxmlToXml;
import org.mailwire.activesync.internal.XmlToWbxml;
import org.mailwire.transport.ProtocolException;

/**
 * ActiveSync WBXML as readable XML and back, for people, tests and tools.
 *
 * <h2>The XML form</h2>
 *
 * <p>It is the form libwbxml's {@code wbxml2xml} writes, and {@link #fromXml} also reads what
 * libwbxml's {@code xml2wbxml} reads:
 *
 * <ul>
 *   <li>An XML declaration and {@code <!DOCTYPE ActiveSync PUBLIC "-//MICROSOFT//DTD
 *       ActiveSync//EN" "http://www.microsoft.com/">} (libwbxml needs it to recognise a document
 *       whose root is not {@code AirSync}; {@link #fromXml} ignores it).
 *   <li>Namespaces are the ActiveSync namespace names with a trailing colon. {@link #toXml}
 *       declares a default namespace on the root and on every element whose code page differs from
 *       its parent's: {@code <Body xmlns="AirSyncBase:">}. {@link #fromXml} accepts any namespace
 *       style (prefixes, defaults), names with or without the colon, libwbxml's spellings ({@code
 *       Gal:}) and libwbxml's tag names ({@code Recurrence_Type}, {@code MIME}; see {@link
 *       Tag#aliases()}). An element without a namespace belongs to its parent's page (the root to
 *       AirSync).
 *   <li>A token a code page does not define is written {@code <Unknown_0x2A>} and read back as that
 *       token.
 *   <li><b>OPAQUE data is base64.</b> In the elements libwbxml treats as binary ({@code
 *       ComposeMail:Mime}, {@code ItemOperations:ConversationId}, {@code Email2:ConversationId},
 *       {@code Email2:ConversationIndex}, {@code Search:ConversationId}, {@code
 *       ResolveRecipients:Data}, {@code GAL:Data}, {@code AirSyncBase:Content}) it is the plain
 *       element text, as libwbxml writes it. Everywhere else, and for zero-length OPAQUE data
 *       everywhere (an empty element would read back as having no content), it is a CDATA section
 *       holding the base64: {@code <Data><![CDATA[SGVsbG8=]]></Data>}, {@code <![CDATA[]]>}. So in {@link #fromXml} a CDATA section
 *       is always base64 OPAQUE data (libwbxml instead takes the CDATA bytes literally), and plain
 *       text is an inline string except in the binary elements.
 *   <li>Whitespace-only text in an element that also has child elements or CDATA is indentation
 *       and dropped; all other text is kept exactly (libwbxml trims leading and trailing
 *       whitespace; ActiveSync values rarely have any). A carriage return is written {@code &#13;}
 *       so that XML line-end normalisation cannot change it.
 * </ul>
 *
 * <p>Limits of the round trip: two inline strings in a row come back as one, and so do two OPAQUE
 * data in a row (adjacent CDATA sections are one value, since XML parsers may split a long one);
 * an inline string in a
 * binary element comes back as OPAQUE data (its text is read as base64); control characters other
 * than tab, line feed and carriage return are written as character references that XML 1.0 parsers
 * reject.
 */
public final class WbxmlXml {
  private WbxmlXml() {}

  /**
   * Renders a WBXML document as indented XML.
   *
   * @param wbxml a complete document; nothing may follow the root element
   * @return the XML text
   * @throws ProtocolException when the bytes are not ActiveSync WBXML, are truncated or are
   *     followed by more bytes (tokens a page does not define are rendered, not rejected)
   */
  public static String toXml(byte[] wbxml) throws ProtocolException {
    return WbxmlToXml.convert(wbxml);
  }

  /**
   * Encodes an XML document as WBXML, as {@link WbxmlWriter} writes it (header {@code 03 01 6A
   * 00}).
   *
   * @param xml the XML text, in the form described on this class
   * @return the WBXML bytes
   * @throws IllegalArgumentException when the XML is malformed, uses an unknown namespace or tag,
   *     has attributes, or holds invalid base64 where OPAQUE data is expected
   */
  public static byte[] fromXml(String xml) {
    return XmlToWbxml.convert(xml);
  }

  /**
   * Decodes a file for {@code mailwire decode eas FILE}: the content is either binary WBXML or a
   * hex dump of it ({@code "03 01 6a 00 ..."}, with or without spaces, commas, colons, line breaks
   * or {@code 0x} prefixes). Binary WBXML always starts with a byte 0x01 to 0x03, which hex text
   * never does, so the two are told apart by content.
   *
   * @param fileContent the file's bytes
   * @return the document as XML (see {@link #toXml})
   * @throws ProtocolException when the (decoded) bytes are not a complete ActiveSync WBXML document
   */
  public static String decodeForCli(byte[] fileContent) throws ProtocolException {
    byte[] hex = HexInput.decode(fileContent);
    return toXml(hex != null ? hex : fileContent);
  }
}
