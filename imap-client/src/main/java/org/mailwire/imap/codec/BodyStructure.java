package org.mailwire.imap.codec;

import java.util.List;

/**
 * The MIME structure of a message from {@code BODYSTRUCTURE} (with extension data) or {@code BODY}
 * (without): a {@link SinglePart} or a {@link MultiPart}. Strings are as the server sent them
 * ({@code NIL} is {@code null}); absent extension data is {@code null} (or an empty list).
 */
public sealed interface BodyStructure {

  /** The media type, e.g. {@code "TEXT"} or {@code "multipart"} (case as sent). */
  String type();

  /** The media subtype, e.g. {@code "plain"}. */
  String subtype();

  /** The Content-Type parameters. */
  List<Param> params();

  /**
   * A Content-Type or Content-Disposition parameter.
   *
   * @param name the attribute
   * @param value the value (RFC 2231 continuations are not joined)
   */
  record Param(String name, String value) {}

  /**
   * A Content-Disposition.
   *
   * @param type e.g. {@code "attachment"} or {@code "inline"}
   * @param params its parameters (e.g. {@code filename})
   */
  record Disposition(String type, List<Param> params) {}

  /**
   * A non-multipart body part.
   *
   * @param type the media type
   * @param subtype the subtype
   * @param params the Content-Type parameters
   * @param id the Content-ID
   * @param description the Content-Description
   * @param encoding the Content-Transfer-Encoding
   * @param size the size in octets of the encoded body
   * @param lines the number of lines for text/* and message/rfc822 parts, else {@code -1}
   * @param envelope for message/rfc822 (and message/global): the envelope of the enclosed message,
   *     else {@code null}
   * @param body for message/rfc822: the structure of the enclosed message, else {@code null}
   * @param md5 the Content-MD5 (extension data)
   * @param disposition the Content-Disposition (extension data)
   * @param language the Content-Language values (extension data; empty when absent)
   * @param location the Content-Location (extension data)
   * @param extensions further extension data, raw ({@link String}, {@link Long}, {@code null} or
   *     nested {@link List})
   */
  record SinglePart(
      String type,
      String subtype,
      List<Param> params,
      String id,
      String description,
      String encoding,
      long size,
      long lines,
      Envelope envelope,
      BodyStructure body,
      String md5,
      Disposition disposition,
      List<String> language,
      String location,
      List<Object> extensions)
      implements BodyStructure {}

  /**
   * A multipart body.
   *
   * @param parts the parts, in order (empty only for a tolerated {@link Deviation.Quirk#NIL_MULTIPART}
   *     or {@link Deviation.Quirk#MULTIPART_WITHOUT_PARTS})
   * @param subtype the subtype, e.g. {@code "alternative"}
   * @param params the Content-Type parameters (extension data)
   * @param disposition the Content-Disposition (extension data)
   * @param language the Content-Language values (extension data; empty when absent)
   * @param location the Content-Location (extension data)
   * @param extensions further extension data, raw
   */
  record MultiPart(
      List<BodyStructure> parts,
      String subtype,
      List<Param> params,
      Disposition disposition,
      List<String> language,
      String location,
      List<Object> extensions)
      implements BodyStructure {
    /** Always {@code "MULTIPART"}. */
    public String type() {
      return "MULTIPART";
    }
  }
}
