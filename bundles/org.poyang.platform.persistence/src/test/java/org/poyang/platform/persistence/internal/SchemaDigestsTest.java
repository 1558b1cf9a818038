package org.poyang.platform.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

class SchemaDigestsTest {

    @TempDir
    Path root;

    /** A bundle whose entries are the files under {@code root}, as Bundle.findEntries would list them. */
    private Bundle bundle(String bsn) {
        return (Bundle) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Bundle.class}, (p, m, a) -> {
            switch (m.getName()) {
                case "getSymbolicName":
                    return bsn;
                case "findEntries":
                    Path dir = root.resolve((String) a[0]);
                    if (!Files.isDirectory(dir)) {
                        return null;
                    }
                    List<URL> urls = new ArrayList<>();
                    try (Stream<Path> files = Files.walk(dir)) {
                        for (Path f : (Iterable<Path>) files::iterator) {
                            urls.add(f.toUri().toURL());
                        }
                    }
                    Collections.shuffle(urls);
                    return Collections.enumeration(urls);
                default:
                    throw new UnsupportedOperationException(m.getName());
            }
        });
    }

    private void write(String path, String content) throws Exception {
        Path f = root.resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content);
    }

    @Test
    void digestIsStableAndIndependentOfListingOrder() throws Exception {
        write("db/a.b/changelog.xml", "<databaseChangeLog/>");
        write("db/a.b/sets/001.xml", "<changeSet id='1'/>");
        String first = SchemaDigests.digest(bundle("a.b"));
        assertThat(first).hasSize(64).isEqualTo(SchemaDigests.digest(bundle("a.b")));
    }

    @Test
    void anyChangeUnderTheBundlesFolderChangesTheDigest() throws Exception {
        write("db/a.b/changelog.xml", "<databaseChangeLog/>");
        write("db/a.b/sets/001.xml", "<changeSet id='1'/>");
        String before = SchemaDigests.digest(bundle("a.b"));
        write("db/a.b/sets/001.xml", "<changeSet id='1' author='x'/>");
        String edited = SchemaDigests.digest(bundle("a.b"));
        write("db/a.b/sets/002.xml", "<changeSet id='2'/>");
        String added = SchemaDigests.digest(bundle("a.b"));
        assertThat(edited).isNotEqualTo(before);
        assertThat(added).isNotEqualTo(edited).isNotEqualTo(before);
    }
}
