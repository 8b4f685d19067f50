package org.mailwire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every library module is a named module that requires only the JDK and other mailwire modules,
 * and exports no {@code .internal} package. The cli module depends on all of them, so their
 * compiled {@code module-info.class} files are all on this test's class path.
 */
class LibraryModulesTest {
  private static final Set<String> LIBRARY_MODULES =
      Set.of(
          "org.mailwire.transport",
          "org.mailwire.sasl",
          "org.mailwire.pop3",
          "org.mailwire.imap",
          "org.mailwire.smtp",
          "org.mailwire.activesync");

  private static Set<ModuleDescriptor> descriptors() {
    Path[] entries =
        java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
            .map(Path::of)
            .filter(p -> p.toString().contains("mailwire") || p.toString().contains("/target/classes"))
            .toArray(Path[]::new);
    return ModuleFinder.of(entries).findAll().stream()
        .map(ModuleReference::descriptor)
        .filter(d -> LIBRARY_MODULES.contains(d.name()))
        .collect(Collectors.toSet());
  }

  @Test
  void everyLibraryModuleIsFoundWithADescriptor() {
    Set<String> found = descriptors().stream().map(ModuleDescriptor::name).collect(Collectors.toCollection(TreeSet::new));
    assertThat(found).containsExactlyInAnyOrderElementsOf(LIBRARY_MODULES);
    assertThat(descriptors()).allSatisfy(d -> assertThat(d.isAutomatic()).as(d.name()).isFalse());
  }

  @Test
  void libraryModulesRequireOnlyTheJdkAndEachOther() {
    for (ModuleDescriptor d : descriptors()) {
      for (ModuleDescriptor.Requires r : d.requires()) {
        assertThat(r.name())
            .as("%s requires %s", d.name(), r.name())
            .matches("java\\..*|jdk\\..*|org\\.mailwire\\..*");
      }
    }
  }

  @Test
  void internalPackagesAreNotExported() {
    for (ModuleDescriptor d : descriptors()) {
      for (ModuleDescriptor.Exports e : d.exports()) {
        assertThat(e.source()).as("%s exports %s", d.name(), e.source()).doesNotContain(".internal");
        assertThat(e.isQualified()).as("%s exports %s to specific modules", d.name(), e.source()).isFalse();
      }
    }
  }

  @Test
  void transportExportsItsApiAndByteUtilitiesOnly() {
    ModuleDescriptor t =
        descriptors().stream().filter(d -> d.name().equals("org.mailwire.transport")).findFirst().orElseThrow();
    assertThat(t.exports().stream().map(ModuleDescriptor.Exports::source))
        .containsExactlyInAnyOrder("org.mailwire.transport", "org.mailwire.transport.bytes");
    assertThat(t.packages()).contains("org.mailwire.transport.internal");
  }
}
