package org.nacosgi.config.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One root directory of config files laid out as {@code {root}/{namespace}/{group}/{dataId}} ({@code public} for
 * the public namespace, "" or "public"). Names come from {@link ConfigNames}, so no separator, no {@code ..} and no
 * NUL reaches a path; on top of that every path is checked by its real path (symbolic links resolved) to stay under
 * the root's real path. Writes go to a temp file in the same directory and are moved into place atomically, so a
 * reader sees the old or the new content, never part of one. New directories and files are owner-only where the
 * file system has POSIX permissions.
 */
final class LocalFileTree {
    static final String PUBLIC_DIR = "public";
    private static final String TEMP_PREFIX = ".nacosgi-";
    private static final String TEMP_SUFFIX = ".tmp";
    private static final Set<PosixFilePermission> DIR_PERMS = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_PERMS = PosixFilePermissions.fromString("rw-------");

    private final Path root;
    private final boolean posix;

    LocalFileTree(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.posix = this.root.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** The file of a key (it may not exist), without any check against links. */
    Path pathOf(ConfigKey key) {
        return root.resolve(key.isPublicNamespace() ? PUBLIC_DIR : key.namespace())
                .resolve(key.group()).resolve(key.dataId());
    }

    /** The content of a key's file; empty when there is none. */
    Optional<String> read(ConfigKey key) throws IOException {
        Path file = pathOf(key);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Path real = file.toRealPath();
        if (!real.startsWith(realRoot()) || !Files.isRegularFile(real)) {
            throw new IOException("refused " + file + ": it resolves to " + real + ", outside " + realRoot()
                    + " or not a regular file");
        }
        try {
            return Optional.of(Files.readString(real, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty(); // deleted between the check and the read
        }
    }

    /** Whether any file may exist for the namespace: lets a poller skip per-key checks when the directory is absent. */
    boolean mayHoldNamespace(ConfigKey key) {
        return Files.isDirectory(root.resolve(key.isPublicNamespace() ? PUBLIC_DIR : key.namespace()));
    }

    /** Replaces a key's file atomically; does nothing when it already holds exactly this content. */
    void write(ConfigKey key, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Path file = pathOf(key);
        Path dir = file.getParent();
        createDirectories(dir);
        Path realDir = dir.toRealPath();
        if (!realDir.startsWith(realRoot())) {
            throw new IOException("refused to write under " + dir + ": it resolves to " + realDir + ", outside "
                    + realRoot());
        }
        Path target = realDir.resolve(file.getFileName());
        if (sameContent(target, bytes)) {
            return;
        }
        Path temp = posix
                ? Files.createTempFile(realDir, TEMP_PREFIX, TEMP_SUFFIX, PosixFilePermissions.asFileAttribute(FILE_PERMS))
                : Files.createTempFile(realDir, TEMP_PREFIX, TEMP_SUFFIX);
        try {
            Files.write(temp, bytes);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                // same directory, so only an exotic file system gets here; a plain replace is the best it offers
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Deletes a key's file (a link is removed, never its target); true when there was one. */
    boolean delete(ConfigKey key) throws IOException {
        Path file = pathOf(key);
        Path dir = file.getParent();
        if (!Files.isDirectory(dir)) {
            return false;
        }
        Path realDir = dir.toRealPath();
        if (!realDir.startsWith(realRoot())) {
            throw new IOException("refused to delete under " + dir + ": it resolves to " + realDir + ", outside "
                    + realRoot());
        }
        return Files.deleteIfExists(realDir.resolve(file.getFileName()));
    }

    /**
     * What identifies a key's file as it is now (size, modification time, file key), without reading it; null when
     * there is no regular file. Cheap: one stat.
     */
    Object stamp(ConfigKey key) {
        try {
            BasicFileAttributes a = Files.readAttributes(pathOf(key), BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            return a.isRegularFile() ? List.of(a.size(), a.lastModifiedTime(), String.valueOf(a.fileKey())) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private Path realRoot() throws IOException {
        return root.toRealPath();
    }

    private void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            if (posix) {
                FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(DIR_PERMS);
                Files.createDirectories(dir, attr);
            } else {
                Files.createDirectories(dir);
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        } catch (InvalidPathException e) {
            throw new IOException("not a valid path on this file system: " + dir, e);
        }
    }

    private static boolean sameContent(Path target, byte[] bytes) {
        try {
            if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) || Files.size(target) != bytes.length) {
                return false;
            }
            return Arrays.equals(Files.readAllBytes(target), bytes);
        } catch (IOException e) {
            return false;
        }
    }
}
