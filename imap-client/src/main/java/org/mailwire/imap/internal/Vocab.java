package org.mailwire.imap.internal;

import java.nio.charset.StandardCharsets;

/**
 * Interned strings for IMAP's fixed vocabulary (flags, media types, parameter names, encodings,
 * list attributes, capability names): a short byte sequence that matches one of them yields the
 * shared {@link String} instead of a new one.
 */
public final class Vocab {
  private static final int SIZE = 1024;
  private static final byte[][] KEYS = new byte[SIZE][];
  private static final String[] VALUES = new String[SIZE];
  /** The longest interned word. */
  private static final int MAX_LEN = 32;

  static {
    String[] words = {
      "\\Seen", "\\Answered", "\\Flagged", "\\Deleted", "\\Draft", "\\Recent", "\\*", "$Forwarded",
      "$MDNSent", "$Junk", "$NotJunk", "$Phishing", "NonJunk", "Junk", "$label1", "$Important",
      "\\HasNoChildren", "\\HasChildren", "\\Noselect", "\\NoSelect", "\\NonExistent", "\\Noinferiors",
      "\\Subscribed", "\\Remote", "\\Marked", "\\Unmarked", "\\All", "\\Archive", "\\Drafts",
      "\\Junk", "\\Sent", "\\Trash", "\\Important", "\\Inbox", "\\Starred", "\\Spam",
      "TEXT", "text", "Text", "PLAIN", "plain", "Plain", "HTML", "html", "Html", "MULTIPART", "multipart",
      "ALTERNATIVE", "alternative", "MIXED", "mixed", "RELATED", "related", "REPORT", "report",
      "SIGNED", "signed", "APPLICATION", "application", "OCTET-STREAM", "octet-stream", "PDF", "pdf",
      "IMAGE", "image", "JPEG", "jpeg", "PNG", "png", "GIF", "gif", "MESSAGE", "message", "RFC822", "rfc822",
      "DELIVERY-STATUS", "delivery-status", "CALENDAR", "calendar", "zip", "ZIP", "msword", "MSWORD",
      "CHARSET", "charset", "Charset", "UTF-8", "utf-8", "US-ASCII", "us-ascii", "ISO-8859-1", "iso-8859-1",
      "windows-1252", "WINDOWS-1252", "BOUNDARY", "boundary", "NAME", "name", "FILENAME", "filename",
      "FORMAT", "format", "flowed", "FLOWED", "DELSP", "delsp", "yes", "no", "TYPE", "type",
      "7BIT", "7bit", "8BIT", "8bit", "BINARY", "binary", "BASE64", "base64", "Base64",
      "QUOTED-PRINTABLE", "quoted-printable", "Quoted-printable", "ATTACHMENT", "attachment", "Attachment",
      "INLINE", "inline", "Inline", "SIZE", "size", "CREATION-DATE", "MODIFICATION-DATE", "en", "en-US",
      "INBOX", "/", ".", "IMAP4rev1", "IMAP4rev2", "IDLE", "NAMESPACE", "UIDPLUS", "MOVE", "ENABLE",
      "CONDSTORE", "QRESYNC", "ESEARCH", "SORT", "LITERAL+", "LITERAL-", "SASL-IR", "ID", "UNSELECT",
      "CHILDREN", "LIST-EXTENDED", "LIST-STATUS", "SPECIAL-USE", "BINARY", "STARTTLS", "LOGINDISABLED",
      "AUTH=PLAIN", "AUTH=LOGIN", "AUTH=XOAUTH2", "AUTH=OAUTHBEARER", "UTF8=ACCEPT", "COMPRESS=DEFLATE",
      "METADATA", "QUOTA", "NOTIFY", "OBJECTID", "PREVIEW", "SAVEDATE", "STATUS=SIZE", "MULTIAPPEND",
      "CATENATE", "URL-PARTIAL", "SEARCHRES", "WITHIN", "CONTEXT=SEARCH", "ESORT", "I18NLEVEL=1",
      "THREAD=REFERENCES", "THREAD=REFS", "THREAD=ORDEREDSUBJECT", "SORT=DISPLAY", "LOGIN-REFERRALS",
      "SNIPPET=FUZZY", "PREVIEW=FUZZY", "APPENDLIMIT", "X-GM-EXT-1", "XLIST", "CREATE-SPECIAL-USE",
      "SUBSCRIBED", "CHILDINFO", "OLDNAME"
    };
    for (String w : words) {
      byte[] b = w.getBytes(StandardCharsets.ISO_8859_1);
      int h = hash(b, 0, b.length) & (SIZE - 1);
      while (KEYS[h] != null && !java.util.Arrays.equals(KEYS[h], b)) {
        h = (h + 1) & (SIZE - 1);
      }
      KEYS[h] = b;
      VALUES[h] = w;
    }
  }

  private Vocab() {}

  private static int hash(byte[] a, int off, int len) {
    int h = len;
    for (int i = off; i < off + len; i++) {
      h = h * 31 + a[i];
    }
    return h ^ (h >>> 16);
  }

  /**
   * A per-decoder cache of short strings on top of the fixed vocabulary: a response stream repeats
   * host names, mailbox names, display names and parameter values, and a hit returns the String made
   * for an earlier occurrence instead of a new one. Direct-mapped ({@value #CACHE_SIZE} slots, ASCII
   * strings of at most {@value #MAX_LEN} bytes); a miss replaces the slot. Not thread-safe.
   */
  public static final class Cache {
    private static final int CACHE_SIZE = 512;
    private final String[] slots = new String[CACHE_SIZE];

    /** The string of {@code a[off, off+len)} (UTF-8): a vocabulary word, a cached string, or a new one. */
    public String string(byte[] a, int off, int len) {
      if (len > MAX_LEN || len == 0) {
        return len == 0 ? "" : new String(a, off, len, StandardCharsets.UTF_8);
      }
      int h = len;
      int hi = 0;
      for (int i = off; i < off + len; i++) {
        byte x = a[i];
        h = h * 31 + x;
        hi |= x;
      }
      h ^= h >>> 16;
      int v = h & (SIZE - 1);
      byte[] k;
      while ((k = KEYS[v]) != null) {
        if (k.length == len && java.util.Arrays.equals(k, 0, len, a, off, off + len)) {
          return VALUES[v];
        }
        v = (v + 1) & (SIZE - 1);
      }
      if (hi < 0) {
        return new String(a, off, len, StandardCharsets.UTF_8);
      }
      int slot = h & (CACHE_SIZE - 1);
      String c = slots[slot];
      if (c != null && c.length() == len) {
        int i = 0;
        while (i < len && c.charAt(i) == a[off + i]) {
          i++;
        }
        if (i == len) {
          return c;
        }
      }
      String s = new String(a, off, len, StandardCharsets.ISO_8859_1);
      slots[slot] = s;
      return s;
    }
  }

  /** The string of {@code a[off, off+len)} (UTF-8), interned when it is a known word. */
  public static String string(byte[] a, int off, int len) {
    if (len <= MAX_LEN && len > 0) {
      int h = hash(a, off, len) & (SIZE - 1);
      byte[] k;
      while ((k = KEYS[h]) != null) {
        if (k.length == len && java.util.Arrays.equals(k, 0, len, a, off, off + len)) {
          return VALUES[h];
        }
        h = (h + 1) & (SIZE - 1);
      }
    }
    return new String(a, off, len, StandardCharsets.UTF_8);
  }
}
