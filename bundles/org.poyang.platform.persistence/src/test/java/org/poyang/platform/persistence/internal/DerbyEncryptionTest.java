package org.poyang.platform.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Derby database encryption (Art. 31): AES-256, a random boot password in an owner-only file, never DES. */
class DerbyEncryptionTest {

    private static final String MARKER = "PoyangPlaintextMarker" + "7319";

    @TempDir
    Path dir;

    private static EmbeddedDataSource source(Path db, String attributes) {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(db.toString());
        ds.setCreateDatabase("create");
        if (!attributes.isEmpty()) {
            ds.setConnectionAttributes(attributes);
        }
        return ds;
    }

    private static void shutdown(Path db) {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(db.toString());
        ds.setShutdownDatabase("shutdown");
        try {
            ds.getConnection().close();
        } catch (SQLException expected) {
            assertThat(expected.getSQLState()).isEqualTo("08006");
        }
    }

    private static void write(EmbeddedDataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE T (V VARCHAR(100))");
            for (int i = 0; i < 200; i++) {
                s.executeUpdate("INSERT INTO T VALUES ('" + MARKER + i + "')");
            }
        }
    }

    private static int rows(EmbeddedDataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM T")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Whether any file of the database holds the marker in plain text. */
    private static boolean plaintextOnDisk(Path db) throws IOException {
        byte[] marker = MARKER.getBytes(StandardCharsets.US_ASCII);
        try (Stream<Path> files = Files.walk(db)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] content = Files.readAllBytes(f);
                outer:
                for (int i = 0; i + marker.length <= content.length; i++) {
                    for (int j = 0; j < marker.length; j++) {
                        if (content[i + j] != marker[j]) {
                            continue outer;
                        }
                    }
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void aNewDatabaseIsCreatedWithAesAndOpensOnlyWithItsBootPassword() throws Exception {
        Path db = dir.resolve("encrypted");
        Path key = dir.resolve("security/database-boot.key");
        String create = DerbyEncryption.attributes(db, DerbyEncryption.Mode.AES, key);
        assertThat(create).contains("dataEncryption=true").contains("encryptionAlgorithm=AES/CBC/NoPadding").contains("encryptionKeyLength=256");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        write(source(db, create));
        shutdown(db);

        assertThat(plaintextOnDisk(db)).as("plaintext in the database files").isFalse();
        String service = Files.readString(db.resolve("service.properties"), StandardCharsets.ISO_8859_1);
        assertThat(service).contains("dataEncryption=true").contains("AES/CBC/NoPadding");

        assertThatThrownBy(() -> rows(source(db, "bootPassword=" + "0".repeat(64)))).isInstanceOf(SQLException.class);
        String boot = DerbyEncryption.attributes(db, DerbyEncryption.Mode.AES, key);
        assertThat(boot).startsWith("bootPassword=").doesNotContain("dataEncryption");
        assertThat(rows(source(db, boot))).isEqualTo(200);
        shutdown(db);
        // switching encryption off in the configuration does not open the database without its key
        assertThat(rows(source(db, DerbyEncryption.attributes(db, DerbyEncryption.Mode.NONE, key)))).isEqualTo(200);
        shutdown(db);
    }

    @Test
    void anExistingPlainDatabaseIsEncryptedInPlaceAtItsNextBoot() throws Exception {
        Path db = dir.resolve("plain");
        Path key = dir.resolve("k/boot.key");
        assertThat(DerbyEncryption.attributes(db, DerbyEncryption.Mode.NONE, key)).isEmpty();
        write(source(db, ""));
        shutdown(db);
        assertThat(plaintextOnDisk(db)).as("control: an unencrypted database shows its data").isTrue();

        assertThat(rows(source(db, DerbyEncryption.attributes(db, DerbyEncryption.Mode.AES, key)))).isEqualTo(200);
        shutdown(db);
        assertThat(Files.readString(db.resolve("service.properties"), StandardCharsets.ISO_8859_1)).contains("dataEncryption=true");
        assertThat(plaintextOnDisk(db)).as("plaintext left after encrypting in place").isFalse();
        assertThat(rows(source(db, DerbyEncryption.attributes(db, DerbyEncryption.Mode.AES, key)))).isEqualTo(200);
        shutdown(db);
    }

    @Test
    void desIsNeverAccepted() throws Exception {
        assertThatThrownBy(() -> DerbyEncryption.mode("DES")).hasMessageContaining("DES");
        assertThat(DerbyEncryption.mode(" aes ")).isEqualTo(DerbyEncryption.Mode.AES);
        assertThat(DerbyEncryption.mode("")).isEqualTo(DerbyEncryption.Mode.NONE);
        Path db = dir.resolve("des");
        Files.createDirectories(db);
        Files.writeString(db.resolve("service.properties"), "dataEncryption=true\nencryptionAlgorithm=DES/CBC/NoPadding\n");
        assertThatThrownBy(() -> DerbyEncryption.attributes(db, DerbyEncryption.Mode.AES, dir.resolve("key")))
                .hasMessageContaining("only AES");
        Path noAlgorithm = dir.resolve("default");
        Files.createDirectories(noAlgorithm);
        Files.writeString(noAlgorithm.resolve("service.properties"), "dataEncryption=true\n");
        assertThatThrownBy(() -> DerbyEncryption.attributes(noAlgorithm, DerbyEncryption.Mode.AES, dir.resolve("key")))
                .as("Derby's default algorithm is DES").hasMessageContaining("only AES");
    }

    @Test
    void anEncryptedDatabaseWithoutItsKeyFileIsAClearError() throws Exception {
        Path db = dir.resolve("lost");
        Path key = dir.resolve("lost.key");
        write(source(db, DerbyEncryption.attributes(db, DerbyEncryption.Mode.AES, key)));
        shutdown(db);
        Files.delete(key);
        assertThatThrownBy(() -> DerbyEncryption.attributes(db, DerbyEncryption.Mode.AES, key)).hasMessageContaining("key file");
    }
}
