package org.mailwire.imap.codec;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Untagged server data ({@code * ...} other than OK/NO/BAD/BYE/PREAUTH). */
public sealed interface UntaggedData extends Response {

  /** {@code * CAPABILITY ...}: the capabilities as sent. */
  record Capability(List<String> capabilities) implements UntaggedData {
    /** Whether {@code name} is listed (case-insensitive). */
    public boolean has(String name) {
      for (String c : capabilities) {
        if (c.equalsIgnoreCase(name)) {
          return true;
        }
      }
      return false;
    }
  }

  /** {@code * ENABLED ...} (RFC 5161): the extensions now enabled. */
  record Enabled(List<String> capabilities) implements UntaggedData {}

  /** {@code * FLAGS (...)}: the flags defined in the mailbox. */
  record Flags(List<String> flags) implements UntaggedData {}

  /**
   * {@code * LIST}, {@code * LSUB} or {@code * XLIST}, with LIST-EXTENDED data.
   *
   * @param command {@code "LIST"}, {@code "LSUB"} or {@code "XLIST"}
   * @param attributes the name attributes ({@code \HasNoChildren}, {@code \Sent}, ...) as sent
   * @param delimiter the hierarchy delimiter, or {@code null} for NIL
   * @param mailbox the mailbox name, decoded from modified UTF-7 (or UTF-8)
   * @param childInfo the CHILDINFO selection options (RFC 5258), empty when absent
   * @param oldName the OLDNAME (RFC 5465, RFC 9051), or {@code null}; kept in the case the server
   *     sent (an {@code "inbox"} stays lower case: it is the name the client used)
   * @param otherExtensions other extended items, raw ({@code "tag value"})
   */
  record MailboxList(
      String command,
      List<String> attributes,
      String delimiter,
      String mailbox,
      List<String> childInfo,
      String oldName,
      List<String> otherExtensions)
      implements UntaggedData {
    /** Whether {@code attribute} (e.g. {@code "\\Sent"}) is listed (case-insensitive). */
    public boolean has(String attribute) {
      for (String a : attributes) {
        if (a.equalsIgnoreCase(attribute)) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * {@code * STATUS mailbox (...)}; absent items are {@code -1} ({@code null} for the id).
   *
   * @param mailbox the mailbox name, decoded
   * @param messages MESSAGES
   * @param uidNext UIDNEXT
   * @param uidValidity UIDVALIDITY
   * @param unseen UNSEEN
   * @param deleted DELETED (RFC 9051)
   * @param size SIZE (RFC 8438)
   * @param highestModSeq HIGHESTMODSEQ (RFC 7162)
   * @param appendLimit APPENDLIMIT (RFC 7889; {@code -2} for NIL: no limit)
   * @param recent RECENT (RFC 3501)
   * @param mailboxId MAILBOXID (RFC 8474)
   * @param other unknown items, raw ({@code "NAME value"})
   */
  record MailboxStatus(
      String mailbox,
      long messages,
      long uidNext,
      long uidValidity,
      long unseen,
      long deleted,
      long size,
      long highestModSeq,
      long appendLimit,
      long recent,
      String mailboxId,
      List<String> other)
      implements UntaggedData {}

  /**
   * {@code * SEARCH n...} with the optional {@code (MODSEQ n)} of RFC 7162.
   *
   * @param numbers the matching sequence numbers or UIDs, in the server's order
   * @param modSeq the highest mod-sequence, or {@code -1}
   */
  record Search(long[] numbers, long modSeq) implements UntaggedData {
    @Override
    public boolean equals(Object o) {
      return o instanceof Search s && s.modSeq == modSeq && Arrays.equals(s.numbers, numbers);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(numbers);
    }

    @Override
    public String toString() {
      return "Search[numbers=" + Arrays.toString(numbers) + ", modSeq=" + modSeq + "]";
    }
  }

  /**
   * {@code * ESEARCH} (RFC 4731, RFC 9051); absent numbers are {@code -1}, absent sets {@code null}.
   *
   * @param tag the correlated command tag, or {@code null}
   * @param uid whether the results are UIDs
   * @param min MIN
   * @param max MAX
   * @param count COUNT
   * @param all ALL
   * @param modSeq MODSEQ (RFC 7162)
   * @param other unknown return data, raw ({@code "NAME value"})
   */
  record ESearch(
      String tag,
      boolean uid,
      long min,
      long max,
      long count,
      SequenceSet all,
      long modSeq,
      List<String> other)
      implements UntaggedData {}

  /** {@code * SORT n...} (RFC 5256) with the optional {@code (MODSEQ n)}. */
  record Sort(long[] numbers, long modSeq) implements UntaggedData {
    @Override
    public boolean equals(Object o) {
      return o instanceof Sort s && s.modSeq == modSeq && Arrays.equals(s.numbers, numbers);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(numbers);
    }

    @Override
    public String toString() {
      return "Sort[numbers=" + Arrays.toString(numbers) + ", modSeq=" + modSeq + "]";
    }
  }

  /** {@code * THREAD (...)...} (RFC 5256): one tree per thread. */
  record Thread(List<ThreadNode> threads) implements UntaggedData {}

  /**
   * A message in a thread tree.
   *
   * @param message the sequence number or UID; {@code 0} for a placeholder whose children are siblings
   * @param children the replies (more than one where the thread branches)
   */
  record ThreadNode(long message, List<ThreadNode> children) {}

  /** {@code * NAMESPACE personal other shared} (RFC 2342); NIL is an empty list. */
  record Namespace(List<NamespaceDescr> personal, List<NamespaceDescr> otherUsers, List<NamespaceDescr> shared)
      implements UntaggedData {}

  /**
   * One namespace.
   *
   * @param prefix the prefix
   * @param delimiter the hierarchy delimiter, or {@code null}
   * @param extensions extension data, raw ({@code "name value"})
   */
  record NamespaceDescr(String prefix, String delimiter, List<String> extensions) {}

  /** {@code * QUOTA root (resource usage limit ...)} (RFC 9208). */
  record Quota(String root, List<QuotaResource> resources) implements UntaggedData {}

  /**
   * A quota resource.
   *
   * @param name e.g. {@code "STORAGE"} (in KiB) or {@code "MESSAGE"}
   * @param usage the current usage
   * @param limit the limit
   */
  record QuotaResource(String name, long usage, long limit) {}

  /** {@code * QUOTAROOT mailbox root...} (RFC 9208). */
  record QuotaRoot(String mailbox, List<String> roots) implements UntaggedData {}

  /**
   * {@code * METADATA mailbox (entry value ...)} or the unsolicited {@code * METADATA mailbox
   * entry...} (RFC 5464).
   *
   * @param mailbox the mailbox name ({@code ""} for server metadata)
   * @param entries the entries; values are {@code null} for NIL and in the unsolicited form
   * @param withValues whether values were sent
   */
  record Metadata(String mailbox, List<MetadataEntry> entries, boolean withValues) implements UntaggedData {}

  /** A metadata entry name and value (value may be {@code null}). */
  record MetadataEntry(String name, String value) {}

  /** {@code * ID (...)} (RFC 2971): field/value pairs in order; empty for NIL. */
  record Id(Map<String, String> fields) implements UntaggedData {}

  /** {@code * n EXISTS}. */
  record Exists(long count) implements UntaggedData {}

  /** {@code * n RECENT} (RFC 3501). */
  record Recent(long count) implements UntaggedData {}

  /** {@code * n EXPUNGE}. */
  record Expunge(long sequence) implements UntaggedData {}

  /** {@code * VANISHED [(EARLIER)] uids} (RFC 7162). */
  record Vanished(boolean earlier, SequenceSet uids) implements UntaggedData {}

  /**
   * {@code * n FETCH (...)}.
   *
   * @param sequence the message sequence number
   * @param items the items in the order sent
   */
  record Fetch(long sequence, List<FetchItem> items) implements UntaggedData {
    /** The first item of {@code type}, or {@code null}. */
    public <T extends FetchItem> T item(Class<T> type) {
      for (FetchItem i : items) {
        if (type.isInstance(i)) {
          return type.cast(i);
        }
      }
      return null;
    }

    /** The UID, or {@code -1} when not sent. */
    public long uid() {
      FetchItem.Uid u = item(FetchItem.Uid.class);
      return u == null ? -1 : u.uid();
    }
  }

  /**
   * Untagged data this decoder does not know, kept raw.
   *
   * @param name the response name (e.g. {@code "ACL"}, or {@code "5 XFOO"} after a number)
   * @param text the rest of the response, raw (literals inlined)
   */
  record Unknown(String name, String text) implements UntaggedData {}
}
