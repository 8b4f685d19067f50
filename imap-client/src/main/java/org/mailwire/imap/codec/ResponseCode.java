package org.mailwire.imap.codec;

import java.util.List;

/**
 * A response code: the bracketed part of {@code OK [UIDNEXT 42] ...}. Codes of RFC 9051, RFC 3501,
 * RFC 5530 and the supported extensions are typed; any other code is kept raw as {@link Other}.
 */
public sealed interface ResponseCode {

  /** The code's name as sent, upper-cased (e.g. {@code "UIDNEXT"}). */
  String name();

  /**
   * A code without arguments: ALERT, PARSE, READ-ONLY, READ-WRITE, TRYCREATE, UIDNOTSTICKY,
   * NOMODSEQ, CLOSED, HASCHILDREN, NOTSAVED, UNKNOWN-CTE, COMPRESSIONACTIVE, USEATTR, TOOBIG, the
   * RFC 5530 codes (UNAVAILABLE, AUTHENTICATIONFAILED, AUTHORIZATIONFAILED, EXPIRED,
   * PRIVACYREQUIRED, CONTACTADMIN, NOPERM, INUSE, EXPUNGEISSUED, CORRUPTION, SERVERBUG, CLIENTBUG,
   * CANNOT, LIMIT, OVERQUOTA, ALREADYEXISTS, NONEXISTENT), and any unknown code sent without
   * arguments.
   *
   * @param name the code, upper-cased
   */
  record Simple(String name) implements ResponseCode {}

  /** {@code CAPABILITY cap...}: the capabilities, as sent. */
  record Capability(List<String> capabilities) implements ResponseCode {
    public String name() {
      return "CAPABILITY";
    }
  }

  /** {@code PERMANENTFLAGS (flag...)}: flags the client may change permanently ({@code \*} included when sent). */
  record PermanentFlags(List<String> flags) implements ResponseCode {
    public String name() {
      return "PERMANENTFLAGS";
    }
  }

  /** {@code BADCHARSET [(charset...)]}: the charsets the server supports (may be empty). */
  record BadCharset(List<String> charsets) implements ResponseCode {
    public String name() {
      return "BADCHARSET";
    }
  }

  /** {@code UIDNEXT n}. */
  record UidNext(long uid) implements ResponseCode {
    public String name() {
      return "UIDNEXT";
    }
  }

  /** {@code UIDVALIDITY n}. */
  record UidValidity(long uidValidity) implements ResponseCode {
    public String name() {
      return "UIDVALIDITY";
    }
  }

  /** {@code UNSEEN n}: the first unseen message (RFC 3501). */
  record Unseen(long sequence) implements ResponseCode {
    public String name() {
      return "UNSEEN";
    }
  }

  /** {@code HIGHESTMODSEQ n} (RFC 7162). */
  record HighestModSeq(long modSeq) implements ResponseCode {
    public String name() {
      return "HIGHESTMODSEQ";
    }
  }

  /** {@code MODIFIED set}: messages a conditional STORE did not change (RFC 7162). */
  record Modified(SequenceSet set) implements ResponseCode {
    public String name() {
      return "MODIFIED";
    }
  }

  /** {@code APPENDUID uidvalidity uids} (RFC 4315). */
  record AppendUid(long uidValidity, SequenceSet uids) implements ResponseCode {
    public String name() {
      return "APPENDUID";
    }
  }

  /** {@code COPYUID uidvalidity source destination} (RFC 4315). */
  record CopyUid(long uidValidity, SequenceSet source, SequenceSet destination)
      implements ResponseCode {
    public String name() {
      return "COPYUID";
    }
  }

  /** {@code MAILBOXID (id)} (RFC 8474). */
  record MailboxId(String id) implements ResponseCode {
    public String name() {
      return "MAILBOXID";
    }
  }

  /** {@code APPENDLIMIT n} (RFC 7889). */
  record AppendLimit(long limit) implements ResponseCode {
    public String name() {
      return "APPENDLIMIT";
    }
  }

  /**
   * {@code METADATA LONGENTRIES n}, {@code METADATA MAXSIZE n}, {@code METADATA TOOMANY} or
   * {@code METADATA NOPRIVATE} (RFC 5464).
   *
   * @param kind LONGENTRIES, MAXSIZE, TOOMANY or NOPRIVATE (upper-cased)
   * @param value the number, or {@code -1} for TOOMANY and NOPRIVATE
   */
  record Metadata(String kind, long value) implements ResponseCode {
    public String name() {
      return "METADATA";
    }
  }

  /** {@code REFERRAL url} (RFC 2221). */
  record Referral(String url) implements ResponseCode {
    public String name() {
      return "REFERRAL";
    }
  }

  /**
   * A code this decoder does not know, or a known one whose arguments it could not read (lenient
   * mode), kept raw.
   *
   * @param name the code, upper-cased
   * @param text everything between the name and the closing bracket (without the separating space)
   */
  record Other(String name, String text) implements ResponseCode {}
}
