package org.nacosgi.config.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nacosgi.api.InvalidArgumentException;

/** The file layout, atomic replacement, permissions and the refusal of every way out of the root. */
class LocalFileTreeTest {
    @TempDir
    Path dir;

    static ConfigKey key(String dataId, String group, String namespace) {
        return new ConfigKey(ConfigNames.dataId(dataId), ConfigNames.group(group), ConfigNames.namespace(namespace));
    }

    @Test
    void layoutIsNamespaceGroupDataId() throws IOException {
        LocalFileTree tree = new LocalFileTree(dir.resolve("root"));
        tree.write(key("app.properties", "G", ""), "a");
        tree.write(key("app.properties", "G", "public"), "b");
        tree.write(key("app.properties", null, "dev"), "c");
        assertEquals("b", Files.readString(dir.resolve("root/public/G/app.properties")));
        assertEquals("c", Files.readString(dir.resolve("root/dev/DEFAULT_GROUP/app.properties")));
        assertEquals(Optional.of("b"), tree.read(key("app.properties", "G", "")));
        assertTrue(tree.delete(key("app.properties", "G", "")));
        assertEquals(Optional.empty(), tree.read(key("app.properties", "G", "")));
        assertFalse(tree.delete(key("app.properties", "G", "")));
    }

    @Test
    void filesAndDirectoriesAreOwnerOnly() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        LocalFileTree tree = new LocalFileTree(dir.resolve("root"));
        tree.write(key("app", null, "ns"), "secret=1");
        Path file = dir.resolve("root/ns/DEFAULT_GROUP/app");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("root"))));
    }

    @Test
    void escapeAttemptsNeverBecomeNames() {
        List<String> attempts = List.of("../x", "..", ".", "/etc/passwd", "a/../../b", "a\\b", "a\u0000b", "C:\\x",
                "~root", "a b", "d".repeat(257), "%2e%2e");
        for (String name : attempts) {
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                    () -> key(name, null, ""), name);
            assertEquals("dataId", e.argument());
            InvalidArgumentException g = assertThrows(InvalidArgumentException.class,
                    () -> key("ok", name, ""), name);
            assertEquals("group", g.argument());
            InvalidArgumentException n = assertThrows(InvalidArgumentException.class,
                    () -> key("ok", null, name), name);
            assertEquals("namespace", n.argument());
        }
        assertFalse(Files.exists(dir.resolve("x")));
    }

    @Test
    void linksOutOfTheRootAreNotFollowed() throws IOException {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("app"), "outside");
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.createDirectories(root.resolve("public"));
        try {
            Files.createSymbolicLink(root.resolve("public/DEFAULT_GROUP"), outside);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "no symbolic links here: " + e);
        }
        LocalFileTree tree = new LocalFileTree(root);
        ConfigKey k = key("app", null, "");
        assertThrows(IOException.class, () -> tree.read(k));
        assertThrows(IOException.class, () -> tree.write(k, "evil"));
        assertThrows(IOException.class, () -> tree.delete(k));
        assertEquals("outside", Files.readString(outside.resolve("app")));

        // a link to a file outside, inside an honest directory
        Files.createDirectories(root.resolve("public/G"));
        Files.createSymbolicLink(root.resolve("public/G/app"), outside.resolve("app"));
        assertThrows(IOException.class, () -> tree.read(key("app", "G", "")));
        // writing replaces the link itself, never the file it points to
        tree.write(key("app", "G", ""), "inside");
        assertFalse(Files.isSymbolicLink(root.resolve("public/G/app")));
        assertEquals("inside", Files.readString(root.resolve("public/G/app")));
        assertEquals("outside", Files.readString(outside.resolve("app")));
    }

    @Test
    void aRootReachedThroughALinkStillWorks() throws IOException {
        Path real = Files.createDirectories(dir.resolve("real"));
        Path link;
        try {
            link = Files.createSymbolicLink(dir.resolve("link"), real);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "no symbolic links here: " + e);
            return;
        }
        LocalFileTree tree = new LocalFileTree(link);
        tree.write(key("app", null, ""), "x");
        assertEquals(Optional.of("x"), tree.read(key("app", null, "")));
    }

    @Test
    void readersSeeTheOldOrTheNewContentNeverPartOfOne() throws Exception {
        LocalFileTree tree = new LocalFileTree(dir.resolve("root"));
        ConfigKey k = key("big", null, "");
        String a = "a".repeat(256 * 1024);
        String b = "b".repeat(192 * 1024);
        tree.write(k, a);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> torn = new AtomicReference<>();
        AtomicInteger reads = new AtomicInteger();
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread t = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        String s = tree.read(k).orElse("<missing>");
                        reads.incrementAndGet();
                        if (!s.equals(a) && !s.equals(b)) {
                            torn.set(s.length() + " chars");
                        }
                    } catch (IOException e) {
                        torn.set(e.toString());
                    }
                }
            }, "reader-" + i);
            t.start();
            readers.add(t);
        }
        for (int i = 0; i < 200; i++) {
            tree.write(k, i % 2 == 0 ? b : a);
        }
        stop.set(true);
        for (Thread t : readers) {
            t.join(Timing.scaledMillis(10_000));
        }
        assertEquals(null, torn.get(), "a reader saw a partial file");
        assertTrue(reads.get() > 0);
        try (Stream<Path> files = Files.list(dir.resolve("root/public/DEFAULT_GROUP"))) {
            Set<String> names = Set.copyOf(files.map(p -> p.getFileName().toString())
                    .collect(java.util.stream.Collectors.toList()));
            assertEquals(Set.of("big"), names, "no temp file may be left behind");
        }
    }

    @Test
    void unchangedContentIsNotRewritten() throws IOException {
        LocalFileTree tree = new LocalFileTree(dir.resolve("root"));
        ConfigKey k = key("app", null, "");
        tree.write(k, "same");
        Path file = tree.pathOf(k);
        Object inode = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        tree.write(k, "same");
        assertEquals(inode, Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey());
        tree.write(k, "other");
        assertEquals("other", Files.readString(file));
    }
}
