package org.nacosgi.itest.support;

import java.io.IOException;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * A full thread dump (stacks and locks) written when a deadline wait fails, so a failure on a loaded CI machine
 * shows what SCR, the framework and the client threads were doing at that moment.
 */
public final class ThreadDumps {
    private ThreadDumps() {
    }

    /** Writes the dump under {@code itest.work/thread-dumps}; returns " (thread dump: path)" for a failure message. */
    public static String write(String reason) {
        StringBuilder sb = new StringBuilder(reason).append("\n\n");
        for (ThreadInfo ti : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            sb.append('"').append(ti.getThreadName()).append("\" ").append(ti.getThreadState());
            if (ti.getLockName() != null) {
                sb.append(" on ").append(ti.getLockName());
            }
            if (ti.getLockOwnerName() != null) {
                sb.append(" owned by \"").append(ti.getLockOwnerName()).append('"');
            }
            sb.append('\n');
            StackTraceElement[] stack = ti.getStackTrace();
            for (int i = 0; i < stack.length; i++) {
                sb.append("\tat ").append(stack[i]).append('\n');
                for (MonitorInfo m : ti.getLockedMonitors()) {
                    if (m.getLockedStackDepth() == i) {
                        sb.append("\t- locked ").append(m).append('\n');
                    }
                }
            }
            for (LockInfo l : ti.getLockedSynchronizers()) {
                sb.append("\t- owns ").append(l).append('\n');
            }
            sb.append('\n');
        }
        try {
            Path dir = Paths.get(System.getProperty("itest.work", "target/itest-work"), "thread-dumps");
            Files.createDirectories(dir);
            Path file = dir.resolve(System.currentTimeMillis() + ".txt");
            Files.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
            return " (thread dump: " + file + ")";
        } catch (IOException e) {
            return " (no thread dump: " + e + ")";
        }
    }
}
