package org.mailwire.imap.codec;

import java.time.OffsetDateTime;
import java.util.List;

/** One data item of a FETCH response ({@code msg-att} of RFC 9051 and its extensions). */
public sealed interface FetchItem {

  /** {@code FLAGS (flag...)}. */
  record Flags(List<String> flags) implements FetchItem {}

  /** {@code UID n}. */
  record Uid(long uid) implements FetchItem {}

  /** {@code INTERNALDATE "dd-Mon-yyyy hh:mm:ss +zzzz"}. */
  record InternalDate(OffsetDateTime date) implements FetchItem {}

  /** {@code RFC822.SIZE n}. */
  record Rfc822Size(long size) implements FetchItem {}

  /** {@code ENVELOPE (...)}. */
  record EnvelopeItem(Envelope envelope) implements FetchItem {}

  /**
   * {@code BODYSTRUCTURE (...)} ({@code extended} true) or {@code BODY (...)} (false).
   *
   * @param structure the parsed structure
   * @param extended whether it came as BODYSTRUCTURE
   */
  record Structure(BodyStructure structure, boolean extended) implements FetchItem {}

  /**
   * A body section ({@code BODY[...]}, {@code BINARY[...]}, {@code RFC822*}); its bytes came as
   * {@link ImapEvent.BodyBegin} / {@link ImapEvent.BodyBytes} / {@link ImapEvent.BodyEnd} events
   * before the FETCH response.
   *
   * @param section which section
   * @param size its size in bytes, or {@code -1} for {@code NIL}
   */
  record Body(BodySection section, long size) implements FetchItem {}

  /** {@code BINARY.SIZE[section] n} (RFC 3516). */
  record BinarySize(String section, long size) implements FetchItem {}

  /** {@code MODSEQ (n)} (RFC 7162). */
  record ModSeq(long modSeq) implements FetchItem {}

  /** {@code EMAILID (id)} (RFC 8474). */
  record EmailId(String id) implements FetchItem {}

  /** {@code THREADID (id)} or {@code THREADID NIL} ({@code id} null) (RFC 8474). */
  record ThreadId(String id) implements FetchItem {}

  /** {@code SAVEDATE "date-time"} or {@code SAVEDATE NIL} ({@code date} null) (RFC 8514). */
  record SaveDate(OffsetDateTime date) implements FetchItem {}

  /** {@code PREVIEW nstring} (RFC 8970), or Dovecot's older {@code SNIPPET (FUZZY nstring)}; {@code text} may be null. */
  record Preview(String text) implements FetchItem {}

  /** {@code X-GM-MSGID n} (Gmail). */
  record GmMsgId(long id) implements FetchItem {}

  /** {@code X-GM-THRID n} (Gmail). */
  record GmThrId(long id) implements FetchItem {}

  /** {@code X-GM-LABELS (label...)} (Gmail); system labels keep their backslash. */
  record GmLabels(List<String> labels) implements FetchItem {}

  /**
   * An item this decoder does not know, kept raw.
   *
   * @param name the item name as sent (with any section brackets)
   * @param value the raw value text (literals inlined)
   */
  record Unknown(String name, String value) implements FetchItem {}
}
