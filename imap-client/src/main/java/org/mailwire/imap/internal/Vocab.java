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
  // before the static block that hashes the words
  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
  private static final long MUL = 0x9E3779B97F4A7C15L;

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
    return (int) scan(a, off, len);
  }

  /**
   * Hashes {@code a[off, off+len)} eight bytes at a time: the hash in the low 32 bits, and bit 63
   * set when a byte is not ASCII.
   */
  private static long scan(byte[] a, int off, int len) {
    long acc = len;
    long or;
    int e = off + len;
    if (len >= 8) {
      or = 0;
      int i = off;
      for (; i + 8 <= e; i += 8) {
        long w = (long) LONGS.get(a, i);
        or |= w;
        acc = (acc ^ w) * MUL;
      }
      if (i < e) {
        long w = (long) LONGS.get(a, e - 8);
        or |= w;
        acc = (acc ^ w) * MUL;
      }
    } else {
      long w = 0;
      for (int k = 0; k < len; k++) {
        w |= (a[off + k] & 0xffL) << (k << 3);
      }
      or = w;
      acc = (acc ^ w) * MUL;
    }
    int h = (int) (acc ^ (acc >>> 32));
    h ^= h >>> 16;
    return (h & 0xffffffffL) | ((or & 0x8080808080808080L) != 0 ? Long.MIN_VALUE : 0);
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
      long sc = scan(a, off, len);
      int h = (int) sc;
      int v = h & (SIZE - 1);
      byte[] k;
      while ((k = KEYS[v]) != null) {
        if (k.length == len && java.util.Arrays.equals(k, 0, len, a, off, off + len)) {
          return VALUES[v];
        }
        v = (v + 1) & (SIZE - 1);
      }
      if (sc < 0) {
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
