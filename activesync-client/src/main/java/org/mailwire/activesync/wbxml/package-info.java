/**
 * The Exchange ActiveSync WBXML codec ([MS-ASWBXML] over WBXML 1.3).
 *
 * <ul>
 *   <li>{@link org.mailwire.activesync.wbxml.CodePages}, {@link
 *       org.mailwire.activesync.wbxml.CodePage}, {@link org.mailwire.activesync.wbxml.Tag}: the
 *       code pages 0 to 25 with their tags, tokens and protocol versions.
 *   <li>{@link org.mailwire.activesync.wbxml.WbxmlReader}: an incremental pull parser producing
 *       {@link org.mailwire.activesync.wbxml.WbxmlEvent}s, streaming OPAQUE data and long strings.
 *   <li>{@link org.mailwire.activesync.wbxml.WbxmlWriter}: the encoder.
 *   <li>{@link org.mailwire.activesync.wbxml.WbxmlXml}: WBXML as readable XML and back.
 * </ul>
 */
package org.mailwire.activesync.wbxml;
