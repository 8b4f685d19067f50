package org.mailwire.activesync.wbxml;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mailwire.activesync.internal.CodePageTable;

/**
 * The ActiveSync WBXML code pages 0 to 25 of [MS-ASWBXML] section 2.1.2.1 and lookups by (page,
 * token) and by (namespace, name). Every lookup is allocation-free: an array index or a hash map
 * probe.
 *
 * <pre>{@code
 * Tag syncKey = CodePages.tag("AirSync", "SyncKey");      // page 0, token 0x0B
 * Tag same = CodePages.tag(0, 0x0B);
 * boolean in25 = syncKey.supportedIn(ProtocolVersion.V2_5);
 * }</pre>
 */
public final class CodePages {
  /** The highest code page number ActiveSync defines (25, Find). */
  public static final int MAX_PAGE = 25;

  private static final CodePage[] PAGES = new CodePage[MAX_PAGE + 1];
  private static final Map<String, CodePage> BY_NAMESPACE = new HashMap<>();

  static {
    parse(CodePageTable.TABLE);
  }

  private CodePages() {}

  /**
   * Returns a code page by number.
   *
   * @param page the page number
   * @return the page, or {@code null} when {@code page} is not 0 to 25
   */
  public static CodePage page(int page) {
    return page >= 0 && page <= MAX_PAGE ? PAGES[page] : null;
  }

  /**
   * Returns a code page by namespace. Accepts the ActiveSync name ({@code "AirSyncBase"}), the same
   * with a trailing colon as libwbxml writes it ({@code "AirSyncBase:"}) and the aliases of {@link
   * CodePage#namespaceAliases()}.
   *
   * @param namespace the namespace
   * @return the page, or {@code null} when no page has that namespace
   */
  public static CodePage page(String namespace) {
    return namespace == null ? null : BY_NAMESPACE.get(namespace);
  }

  /** Returns all 26 code pages in page order. */
  public static List<CodePage> pages() {
    return List.of(PAGES);
  }

  /**
   * Returns the tag with the given page and token.
   *
   * @param page the code page number
   * @param token the token, with or without the content bit
   * @return the tag, or {@code null} when the page is unknown or defines no such token
   */
  public static Tag tag(int page, int token) {
    CodePage p = page(page);
    return p == null ? null : p.tag(token);
  }

  /**
   * Returns the tag with the given namespace and name (or alias).
   *
   * @param namespace a namespace as {@link #page(String)} accepts it
   * @param name a tag name or alias
   * @return the tag, or {@code null} when there is none
   */
  public static Tag tag(String namespace, String name) {
    CodePage p = page(namespace);
    return p == null ? null : p.tag(name);
  }

  /**
   * Returns the tag with the given namespace and name, for code that names tags as constants.
   *
   * @throws IllegalArgumentException when there is no such tag
   */
  public static Tag require(String namespace, String name) {
    Tag t = tag(namespace, name);
    if (t == null) {
      throw new IllegalArgumentException("no ActiveSync tag " + namespace + ":" + name);
    }
    return t;
  }

  private static void parse(String table) {
    int number = -1;
    String ns = null;
    List<String> nsAliases = null;
    Tag[] byToken = null;
    Map<String, Tag> byName = null;
    List<Tag> tags = null;
    for (String raw : table.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split(" ");
      if (f[0].equals("page")) {
        if (ns != null) {
          install(number, ns, nsAliases, byToken, byName, tags);
        }
        number = Integer.parseInt(f[1]);
        ns = f[2];
        nsAliases = aliases(f, 3);
        byToken = new Tag[64];
        byName = new HashMap<>();
        tags = new ArrayList<>();
        continue;
      }
      int token = Integer.parseInt(f[0], 16);
      List<String> aliases = aliases(f, 3);
      Tag tag = new Tag(number, token, f[1], ns, versionMask(f[2]), aliases);
      if (byToken[token] == null) {
        byToken[token] = tag;
      }
      tags.add(tag);
      putName(byName, f[1], tag);
      for (String a : aliases) {
        putName(byName, a, tag);
      }
    }
    install(number, ns, nsAliases, byToken, byName, tags);
    for (int i = 0; i <= MAX_PAGE; i++) {
      if (PAGES[i] == null) {
        throw new IllegalStateException("code page " + i + " missing from the table");
      }
    }
  }

  private static void putName(Map<String, Tag> byName, String name, Tag tag) {
    if (byName.putIfAbsent(name, tag) != null) {
      throw new IllegalStateException("duplicate name " + name + " on page " + tag.page());
    }
  }

  private static void install(
      int number,
      String ns,
      List<String> nsAliases,
      Tag[] byToken,
      Map<String, Tag> byName,
      List<Tag> tags) {
    CodePage page = new CodePage(number, ns, nsAliases, byToken, byName, tags);
    PAGES[number] = page;
    BY_NAMESPACE.put(ns, page);
    BY_NAMESPACE.put(ns + ":", page);
    for (String a : nsAliases) {
      BY_NAMESPACE.put(a, page);
      BY_NAMESPACE.put(a + ":", page);
    }
  }

  private static List<String> aliases(String[] f, int from) {
    List<String> out = new ArrayList<>();
    for (int i = from; i < f.length; i++) {
      if (!f[i].equals("aka")) {
        out.add(f[i]);
      }
    }
    return out;
  }

  private static int versionMask(String spec) {
    ProtocolVersion[] all = ProtocolVersion.values();
    if (spec.equals("*")) {
      return (1 << all.length) - 1;
    }
    int from;
    int to;
    if (spec.endsWith("+")) {
      from = ProtocolVersion.of(spec.substring(0, spec.length() - 1)).ordinal();
      to = all.length - 1;
    } else if (spec.indexOf('-') > 0) {
      int dash = spec.indexOf('-');
      from = ProtocolVersion.of(spec.substring(0, dash)).ordinal();
      to = ProtocolVersion.of(spec.substring(dash + 1)).ordinal();
    } else {
      from = to = ProtocolVersion.of(spec).ordinal();
    }
    int mask = 0;
    for (int i = from; i <= to; i++) {
      mask |= 1 << i;
    }
    return mask;
  }
}
