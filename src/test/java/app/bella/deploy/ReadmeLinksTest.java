package app.bella.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README and the operator's docs point only at files that exist, and the layout names only docs that exist. */
class ReadmeLinksTest {

    @Test
    void everyLinkedFileExists() throws Exception {
        for (String doc : new String[] {"README.md", "docs/operations.md", "docs/deployment.md", "docs/faq.md", "docs/api.md"}) {
            Path file = Path.of(doc);
            Matcher m = Pattern.compile("\\]\\(([^)#:]+)(#[^)]*)?\\)").matcher(Files.readString(file));
            while (m.find()) {
                assertThat(file.toAbsolutePath().getParent().resolve(m.group(1))).as("%s links %s", doc, m.group(1)).exists();
            }
        }
    }

    @Test
    void theLayoutNamesOnlyDocsThatExist() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String layout = readme.substring(readme.indexOf("## Layout"));
        Matcher docs = Pattern.compile("docs/\\s+(.+?)\\n\\n", Pattern.DOTALL).matcher(layout);
        assertThat(docs.find()).isTrue();
        for (String name : docs.group(1).replaceAll("\\([^)]*\\)", "").split("[,\\s]+")) {
            if (!name.isBlank()) {
                assertThat(Files.exists(Path.of("docs", name + ".md")) || Files.isDirectory(Path.of("docs", name)))
                        .as("README's layout names docs/%s", name).isTrue();
            }
        }
    }
}
