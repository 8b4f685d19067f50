package org.mailwire.activesync.wbxml;

import java.util.List;
import java.util.Map;

/**
 * One ActiveSync WBXML code page: a number, the XML namespace it stands for and its tags
 * ([MS-ASWBXML] section 2.1.2.1). Obtained from {@link CodePages}; immutable.
 */
public final class CodePage {
  private final int number;
  private final String namespace;
  private final List<String> namespaceAliases;
  private final Tag[] byToken;
  private final Map<String, Tag> byName;
  private final List<Tag> tags;

  CodePage(
      int number,
      String namespace,
      List<String> namespaceAliases,
      Tag[] byToken,
      Map<String, Tag> byName,
      List<Tag> tags) {
    this.number = number;
    this.namespace = namespace;
    this.namespaceAliases = List.copyOf(namespaceAliases);
    this.byToken = byToken;
    this.byName = Map.copyOf(byName);
    this.tags = List.copyOf(tags);
  }

  /** Returns the page number (0 to 25). */
  public int number() {
    return number;
  }

  /**
   * Returns the namespace as ActiveSync names it, without a colon, e.g. {@code "AirSyncBase"}.
   * libwbxml writes it with a trailing colon ({@code "AirSyncBase:"}).
   */
  public String namespace() {
    return namespace;
  }

  /** Returns other names accepted for this namespace (e.g. {@code "Gal"} for {@code "GAL"}). */
  public List<String> namespaceAliases() {
    return namespaceAliases;
  }

  /**
   * Returns the tag with the given token. Allocation-free.
   *
   * @param token a token, with or without the content bit (0x40); the attribute bit must be clear
   * @return the tag, or {@code null} if this page defines no tag with that token
   */
  public Tag tag(int token) {
    int t = token & 0x3F;
    if (token < 0 || token > 0x7F) {
      return null;
    }
    return byToken[t];
  }

  /**
   * Returns the tag with the given name or alias. Allocation-free.
   *
   * @param name a tag name such as {@code "SyncKey"}
   * @return the tag, or {@code null} if this page has no tag of that name
   */
  public Tag tag(String name) {
    return byName.get(name);
  }

  /**
   * Returns every tag of the page in token order. A token with two names in the specification
   * (Provision 0x10) appears twice; {@link #tag(int)} returns the first.
   */
  public List<Tag> tags() {
    return tags;
  }

  @Override
  public String toString() {
    return "CodePage[" + number + " " + namespace + "]";
  }
}
