package io.syncc.runtime.util;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the JVM does when it is told to stop (Ctrl-C, SIGTERM), in order: first the tasks that
 * finish work (a run cancels and waits for its splits in flight to roll back, and prints its
 * summary), then the tasks that release what that work used (the embedded PostgreSQL stops). The
 * JVM runs its own shutdown hooks all at once, in no order: a server stopped by one hook while
 * another still rolls a run back turns a clean cancel into lost connections. One hook runs these.
 */
public final class ShutdownTasks {

    private static final List<Runnable> FIRST = new CopyOnWriteArrayList<>();
    private static final List<Runnable> LAST = new CopyOnWriteArrayList<>();
    private static boolean installed;
    private static boolean stopping;

    private ShutdownTasks() {
    }

    /**
     * A task that finishes work; {@link Task#remove()} when the work is over.
     *
     * @return {@code null} when the JVM is stopping already (the task would never run: do not start the work)
     */
    public static Task first(Runnable task) {
        return add(FIRST, task);
    }

    /**
     * A task that runs once every {@link #first} task has returned.
     *
     * @return {@code null} when the JVM is stopping already
     */
    public static Task last(Runnable task) {
        return add(LAST, task);
    }

    private static synchronized Task add(List<Runnable> list, Runnable task) {
        if (stopping) {
            return null;
        }
        if (!installed) {
            Runtime.getRuntime().addShutdownHook(new Thread(ShutdownTasks::runAll, "syncc-shutdown"));
            installed = true;
        }
        list.add(task);
        return () -> list.remove(task);
    }

    /** A registered task. */
    @FunctionalInterface
    public interface Task {
        /** Takes it out (it does not run at shutdown); a no-op once shutdown has taken it. */
        void remove();
    }

    private static void runAll() {
        List<Runnable> first;
        List<Runnable> last;
        synchronized (ShutdownTasks.class) {
            stopping = true;
            first = List.copyOf(FIRST);
            last = List.copyOf(LAST);
            FIRST.clear();
            LAST.clear();
        }
        runEach(first);
        runEach(last);
    }

    /** Runs the tasks at once (each may wait), and returns when all have. */
    private static void runEach(List<Runnable> tasks) {
        List<Thread> threads = new java.util.ArrayList<>();
        for (Runnable t : tasks) {
            Thread th = new Thread(() -> {
                try {
                    t.run();
                } catch (RuntimeException | Error e) {
                    System.err.println("syncc: while stopping: " + e.getMessage());
                }
            }, "syncc-shutdown-task");
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) {
            try {
                th.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
