package io.sealift.agent.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileRuleTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"rw-r-----, 0640", "rwxrwxrwx, 0777", "---------, 0000", "r--------, 0400", "rw----r-x, 0605"})
    void octal_isTheChmodForm(String symbolic, String octal) {
        assertEquals(octal, FileRule.octal(PosixFilePermissions.fromString(symbolic)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "CONFIG | rw-r----- | ",
        "CONFIG | rwxr-x--x | ",
        "CONFIG | rw-r--r-- | readable by other users (mode 0644); run: chmod 640",
        "CONFIG | rw-rw---- | writable by its group (mode 0660); run: chmod 640",
        "KEY    | rw------- | ",
        "KEY    | r-------- | ",
        "KEY    | rw-r----- | readable by its group (mode 0640); run: chmod 600",
        "KEY    | rw-rw-rw- | writable by other users, readable by other users, writable by its group,"
                + " readable by its group (mode 0666); run: chmod 600",
    })
    void check_refusesExactlyWhatTheRuleForbids(FileRule rule, String mode, String problem) throws IOException {
        Path file = Files.createFile(dir.resolve("file"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));

        if (problem == null) {
            rule.check("thing", file);
        } else {
            ExposedFileException e = assertThrows(ExposedFileException.class, () -> rule.check("thing", file));
            assertEquals("thing " + file + ": " + problem + " " + file, e.getMessage());
        }
    }

    @Test
    void check_ofAMissingFile_saysSoAsAnIoError() {
        assertThrows(NoSuchFileException.class, () -> FileRule.KEY.check("thing", dir.resolve("missing")));
    }

    @Test
    void check_followsASymlink_toTheFileThatWouldBeRead() throws IOException {
        Path target = Files.createFile(dir.resolve("target"));
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);

        assertThrows(ExposedFileException.class, () -> FileRule.CONFIG.check("config", link));
    }
}
