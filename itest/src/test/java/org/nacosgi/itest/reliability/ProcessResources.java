package org.nacosgi.itest.reliability;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What this JVM holds right now, from the JDK and /proc (Linux): threads, file descriptors, UDP sockets, heap. */
final class ProcessResources {
    private static final Path FD_DIR = Paths.get("/proc/self/fd");

    private ProcessResources() {
    }

    static boolean available() {
        return Files.isDirectory(FD_DIR);
    }

    static int threads() {
        return Threads.live().size();
    }

    /** Open file descriptors: entries of /proc/self/fd. */
    static int fileDescriptors() {
        int n = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(FD_DIR)) {
            for (Path ignored : fds) {
                n++;
            }
        } catch (IOException e) {
            throw new AssertionError("cannot list " + FD_DIR, e);
        }
        return n - 1; // the directory stream's own descriptor
    }

    /** UDP sockets of this process: socket inodes behind /proc/self/fd that /proc/net/udp(6) lists. */
    static int udpSockets() {
        Set<String> udpInodes = new HashSet<>();
        for (String table : new String[] {"/proc/net/udp", "/proc/net/udp6"}) {
            try {
                List<String> lines = Files.readAllLines(Paths.get(table));
                for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 9) {
                        udpInodes.add(f[9]);
                    }
                }
            } catch (IOException e) {
                // no IPv6 table on this host
            }
        }
        int n = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(FD_DIR)) {
            for (Path fd : fds) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    continue; // closed meanwhile
                }
                if (target.startsWith("socket:[") && udpInodes.contains(target.substring(8, target.length() - 1))) {
                    n++;
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot list " + FD_DIR, e);
        }
        return n;
    }

    /** Used heap after full collections, once it stops shrinking. */
    static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long previous = Long.MAX_VALUE;
        long used = 0;
        for (int i = 0; i < 10; i++) {
            System.gc();
            System.runFinalization();
            used = memory.getHeapMemoryUsage().getUsed();
            if (used >= previous - 256 * 1024) {
                break;
            }
            previous = used;
        }
        return used;
    }

    static String describe() {
        return "threads=" + threads() + " fds=" + fileDescriptors() + " udp=" + udpSockets();
    }
}
