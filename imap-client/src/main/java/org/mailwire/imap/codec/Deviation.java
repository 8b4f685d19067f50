package org.mailwire.imap.codec;

/**
 * A departure from the IMAP grammar that the decoder tolerated in lenient mode (in strict mode the
 * same input is a {@link ImapEvent.ResponseError}).
 *
 * @param quirk which tolerated deviation
 * @param offset the stream offset where it was seen
 * @param excerpt a short escaped excerpt of the bytes around it
 */
public record Deviation(Quirk quirk, long offset, String excerpt) {

  /** The deviations the lenient decoder tolerates; see the module README for the servers seen sending them. */
  public enum Quirk {
    /** A line ended with a bare LF instead of CRLF. */
    BARE_LF,
    /** Two or more spaces where the grammar has one. */
    EXTRA_SPACE,
    /** Spaces before the CRLF at the end of a response (e.g. {@code * SEARCH 1 2 }). */
    TRAILING_SPACE,
    /**
     * A status response without the space and text after OK/NO/BAD (e.g. {@code A1 OK}), or
     * without the space after its response code ({@code * OK [HIGHESTMODSEQ 5]}: Yahoo, Zoho, Gmail).
     */
    MISSING_TEXT,
    /** A continuation request without the space after {@code +}. */
    BARE_CONTINUATION,
    /** An atom where a quoted string or literal is required. */
    ATOM_AS_STRING,
    /** A quoted number where a number is required. */
    QUOTED_NUMBER,
    /** {@code NIL} where a list or string is required and {@code NIL} is not allowed. */
    NIL_AS_EMPTY,
    /** An empty list {@code ()} where {@code NIL} or a non-empty list is required. */
    EMPTY_LIST,
    /** A content disposition sent as a bare string instead of {@code ("type" params)} (Exchange). */
    DISPOSITION_AS_STRING,
    /** A text or message/rfc822 body part without its line count (Yandex). */
    MISSING_BODY_LINES,
    /** A message/rfc822 part without (or with NIL / empty) envelope and body (Domino and others). */
    MESSAGE_WITHOUT_ENVELOPE,
    /** A nested multipart sent with a NIL media type and no parts (Exchange, Apple). */
    NIL_MULTIPART,
    /**
     * A nested multipart sent as its subtype and extension data only, without parts and media type,
     * e.g. {@code ("ALTERNATIVE" ("BOUNDARY" "b") NIL NIL)} or {@code ("RELATED" NIL ("ATTACHMENT"
     * NIL) NIL)}: Gmail, for nested multiparts that share a boundary (MailKit issues #205, #777).
     * Kept as a {@link BodyStructure.MultiPart} without parts.
     */
    MULTIPART_WITHOUT_PARTS,
    /**
     * An envelope with fewer than ten fields (QQ, 163): with nine, the string after bcc is taken as
     * the message-id and in-reply-to as NIL; with eight, both are NIL.
     */
    SHORT_ENVELOPE,
    /** A FETCH item wrapped in an extra pair of parentheses, e.g. {@code (ENVELOPE (...))} (Domino). */
    PARENTHESIZED_FETCH_ITEM,
    /** A date-time in a form other than {@code dd-Mon-yyyy hh:mm:ss +zzzz}. */
    LOOSE_DATE,
    /** A mailbox name with raw 8-bit bytes that is not modified UTF-7 (taken as UTF-8). */
    RAW_UTF8_MAILBOX,
    /** A response code whose text ran to the end of the line without a closing bracket. */
    UNTERMINATED_CODE,
    /** A status other than OK/NO/BAD in a tagged response (e.g. a tagged BYE). */
    TAGGED_BYE,
    /** A response that is not OK/PREAUTH/BYE arrived as the greeting; it is reported as is. */
    NO_GREETING,
    /**
     * A response code whose name is followed by neither a space nor {@code ]} (Office 365 proxy
     * errors: {@code [Error="..." Proxy=...]}); kept raw as {@link ResponseCode.Other}.
     */
    MALFORMED_CODE,
    /**
     * A line that is only a response code, without {@code * OK} (Exchange 2013 after {@code UID
     * MOVE}: {@code [COPYUID 124 10 233]}); reported as an untagged OK with that code.
     */
    BARE_CODE,
    /**
     * A quoted string holding unescaped {@code "} characters, recognised because a value cannot go
     * on after its closing quote (iCloud: a Message-ID with a quoted local part, {@code
     * "<"a.b"@host>"}; 163); the string runs to the next quote that a value can end at.
     */
    UNESCAPED_QUOTE,
    /**
     * A FETCH {@code MODSEQ} of 0 or a negative number (Zoho: {@code MODSEQ (-1)}); a mod-sequence
     * is 1 or more, so the item is kept raw as {@link FetchItem.Unknown}.
     */
    INVALID_MODSEQ,
    /** The {@code \*} flag in a FLAGS list, where only PERMANENTFLAGS may hold it (Zoho). */
    WILDCARD_FLAG
  }
}
