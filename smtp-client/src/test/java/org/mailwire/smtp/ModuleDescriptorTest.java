package org.mailwire.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Tests run on the class path; this checks what the module exports and requires. */
class ModuleDescriptorTest {

  @Test
  void exportsTheApiAndTheCodecOnly() throws Exception {
    Path info = Path.of("target/classes/module-info.class");
    assertThat(info).exists();
    ModuleDescriptor d;
    try (InputStream in = Files.newInputStream(info)) {
      d = ModuleDescriptor.read(in);
    }
    assertThat(d.name()).isEqualTo("org.mailwire.smtp");
    assertThat(d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("org.mailwire.smtp", "org.mailwire.smtp.codec");
    // javac does not record the package list; the internal package exists but is not exported
    assertThat(Path.of("target/classes/org/mailwire/smtp/internal")).isDirectory();
    assertThat(d.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()))
        .contains("org.mailwire.transport", "org.mailwire.sasl")
        .allMatch(n -> n.startsWith("org.mailwire.") || n.equals("java.base"));
  }
}
