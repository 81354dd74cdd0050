package org.edgebench.turns;

import org.edgebench.bench.state.Turns;

import java.io.Closeable;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs several sides at once and hands one turn round them at a time, so that each is measured in
 * the same seconds as the others and never beside them (docs/compare.md, "Taking turns"). A turn is
 * one JMH iteration of the side's current fork ({@link Turns}: the fork waits for a token before an
 * iteration and passes one back after it, and takes one more turn at the end of its trial, which it
 * ends with {@link Turns#LAST}: the turn then stays with the side until that fork has exited and the
 * next one has taken a token, so forks end and start inside their own side's turn). In every round each side that is
 * still running gets one turn, in an order shuffled anew for the round (randomized multiple
 * interleaved trials); the order is handed to a log.
 *
 * <p>Each side has two named pipes of its own, {@code NAME.go} (tokens to it) and {@code NAME.done}
 * (tokens back), named to it by {@value Turns#ENV}. This process holds the go pipe open for writing,
 * so a token given between two forks waits there for the next fork, and reads the done pipe, so it
 * sees at once when no fork of the side holds it any more: a fork that took its token and died has
 * ended its turn; a side whose process has ended is dropped from the rotation, with no cap on the
 * turns the others still take. If this process dies, the forks' next wait ends with an error
 * instead of hanging (nothing else holds their go pipes). A side that fails stops every other
 * side's process tree; {@link #close()} (also run by a shutdown hook, on SIGINT and SIGTERM) stops
 * whatever still runs and removes the pipes.
 */
public final class TurnTaking implements Closeable {

    private static final long POLL_MILLIS = 5;

    private final Path pipes;
    private final Random shuffle;
    private final List<Member> members = new ArrayList<>();
    private final Thread hook = new Thread(this::stopAll, "edgebench-turns-stop");

    private TurnTaking(Path pipes, long seed) {
        this.pipes = pipes;
        this.shuffle = new Random(seed);
    }

    /** One side's process or task and its ends of the side's two pipes. */
    private static final class Member {
        final String name;
        final Starter starter;
        Running process;
        RandomAccessFile go;
        InputStream goPending;
        InputStream done;
        boolean running = true;

        Member(String name, Starter starter) {
            this.name = name;
            this.starter = starter;
        }
    }

    /** Starts a side, given its pipes ({@code GO,DONE}; null when it runs alone). */
    private interface Starter {
        Running start(String turnsPipes) throws IOException;
    }

    /** A started side: a process with its descendants, or a task on a thread of this process. */
    private interface Running {
        boolean isAlive();

        /** The exit code once ended; a task's failures are its own, so a task ends with 0. */
        int exitValue();

        int waitFor() throws InterruptedException;

        /** The processes to stop when every side is stopped. */
        List<ProcessHandle> tree();
    }

    /**
     * A side that runs inside this process: {@code body} gets its pipes ({@code GO,DONE}) and
     * returns when its run has ended, whatever the outcome (it records that itself). The forks it
     * starts are stopped with every other side's.
     */
    public record Task(String name, Consumer<String> body) {
    }

    /** What one side's process gave: its exit code, and whether it was stopped because another side failed. */
    public record Ending(String side, int exit, boolean stopped) {
    }

    /**
     * Runs {@code sides} at once, taking turns, and waits for all of them; {@code order} receives
     * one line per turn, {@code round,side}. With {@code takeTurns} false the sides run one after
     * another instead, in an order shuffled by the same seed (for builds that cannot take turns).
     */
    public static List<Ending> run(List<Side> sides, boolean takeTurns, long seed, Consumer<String> order)
            throws IOException, InterruptedException {
        List<Member> members = sides.stream().map(s -> new Member(s.name(), pipes -> start(s, pipes))).toList();
        return runMembers(members, takeTurns, seed, order);
    }

    /**
     * Runs {@code tasks} on threads of this process, taking turns like {@link #run(List, boolean, long, Consumer)}'s
     * sides: the configurations of one benchmark run that are compared with each other. A task that
     * ends (finished or failed) leaves the rotation; the others go on.
     */
    public static void runTasks(List<Task> tasks, long seed, Consumer<String> order) throws IOException, InterruptedException {
        runMembers(tasks.stream().map(t -> new Member(t.name(), pipes -> onThread(t, pipes))).toList(), true, seed, order);
    }

    private static List<Ending> runMembers(List<Member> sides, boolean takeTurns, long seed, Consumer<String> order)
            throws IOException, InterruptedException {
        Path pipes = Files.createTempDirectory("edgebench-turns");
        try (TurnTaking turns = new TurnTaking(pipes, seed)) {
            Runtime.getRuntime().addShutdownHook(turns.hook);
            try {
                return takeTurns ? turns.inTurns(sides, order) : turns.oneAfterAnother(sides, order);
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(turns.hook);
                } catch (IllegalStateException shuttingDown) {
                    // The hook is running: it stops the sides itself.
                }
            }
        }
    }

    private List<Ending> oneAfterAnother(List<Member> sides, Consumer<String> order) throws IOException, InterruptedException {
        List<Member> shuffled = new ArrayList<>(sides);
        Collections.shuffle(shuffled, shuffle);
        List<Ending> endings = new ArrayList<>();
        for (Member member : shuffled) {
            order.accept("1," + member.name);
            members.add(member);
            member.process = member.starter.start(null);
            int exit = member.process.waitFor();
            endings.add(new Ending(member.name, exit, false));
            if (exit != 0) {
                shuffled.subList(shuffled.indexOf(member) + 1, shuffled.size())
                        .forEach(s -> endings.add(new Ending(s.name, -1, true)));
                break;
            }
        }
        endings.sort(Comparator.comparingInt(e -> indexOf(sides, e.side())));
        return endings;
    }

    private List<Ending> inTurns(List<Member> sides, Consumer<String> order) throws IOException, InterruptedException {
        for (Member member : sides) {
            Path go = fifo(member.name + ".go");
            Path done = fifo(member.name + ".done");
            member.go = new RandomAccessFile(go.toFile(), "rw");
            member.goPending = new FileInputStream(go.toFile());
            // Opened for reading only, so that a read sees the end of every writer; the brief
            // read-write handle lets that open return at once instead of waiting for a fork.
            try (RandomAccessFile unblock = new RandomAccessFile(done.toFile(), "rw")) {
                member.done = new FileInputStream(done.toFile());
            }
            members.add(member);
        }
        for (Member member : members) {
            member.process = member.starter.start(pipes.resolve(member.name + ".go") + "," + pipes.resolve(member.name + ".done"));
        }
        int round = 0;
        while (members.stream().anyMatch(m -> m.running) && !failed()) {
            round++;
            List<Member> live = new ArrayList<>(members.stream().filter(m -> m.running).toList());
            Collections.shuffle(live, shuffle);
            for (Member member : live) {
                if (failed()) {
                    break;
                }
                order.accept(round + "," + member.name);
                turn(member);
            }
        }
        boolean failed = failed();
        if (failed) {
            stopAll();
        }
        List<Ending> endings = new ArrayList<>();
        for (Member member : members) {
            int exit = member.process.waitFor();
            endings.add(new Ending(member.name, exit, failed && member.running && exit != 0));
        }
        return endings;
    }

    /** True when a side's process has ended with a failure: the others are then stopped. */
    private boolean failed() {
        return members.stream().anyMatch(m -> m.process != null && !m.process.isAlive() && m.process.exitValue() != 0);
    }

    /** One turn of {@code member}: a token to its fork, and the wait until the fork hands it back, ends or the side ends. */
    private void turn(Member member) throws IOException, InterruptedException {
        giveToken(member);
        while (true) {
            int token = member.done.read();
            if (token == Turns.LAST) {
                // The fork's last turn: the turn stays with this build while the fork exits and the
                // next one starts. The next token goes at once: waiting for the ending fork's end of
                // the pipe to close would race with the next fork opening it.
                giveToken(member);
                if (!awaitTaken(member)) {
                    return;
                }
                continue;
            }
            if (token >= 0) {
                return;
            }
            // No fork holds the done pipe. If the token was taken, the fork that took it has ended
            // without handing it back (a crash): its turn is over. Otherwise the side is between two
            // forks, or finished: wait for a fork to take it (then read again) or for the side's end.
            if (member.goPending.available() == 0 || !awaitTaken(member)) {
                return;
            }
        }
    }

    /** A token for {@code member}'s forks, unless one already waits in its pipe. */
    private static void giveToken(Member member) throws IOException {
        if (member.goPending.available() == 0) {
            member.go.write('t');
        }
    }

    /** Waits until a fork of {@code member} takes the waiting token; false (and out of the rotation) when the side's run ended first. */
    private static boolean awaitTaken(Member member) throws IOException, InterruptedException {
        while (member.goPending.available() > 0) {
            if (!member.process.isAlive()) {
                member.running = false;
                return false;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return true;
    }

    private static Running start(Side side, String turnsPipes) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(side.command()).directory(side.dir().toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(side.log().toFile()));
        builder.environment().putAll(side.env());
        builder.environment().put(Turns.ENV, turnsPipes == null ? "" : turnsPipes);
        Process process = builder.start();
        return new Running() {
            @Override
            public boolean isAlive() {
                return process.isAlive();
            }

            @Override
            public int exitValue() {
                return process.exitValue();
            }

            @Override
            public int waitFor() throws InterruptedException {
                return process.waitFor();
            }

            @Override
            public List<ProcessHandle> tree() {
                List<ProcessHandle> tree = new ArrayList<>(process.toHandle().descendants().toList());
                tree.add(process.toHandle());
                return tree;
            }
        };
    }

    private static Running onThread(Task task, String turnsPipes) {
        Thread thread = new Thread(() -> task.body().accept(turnsPipes), "edgebench-turns-" + task.name());
        thread.setDaemon(true);
        thread.start();
        return new Running() {
            @Override
            public boolean isAlive() {
                return thread.isAlive();
            }

            @Override
            public int exitValue() {
                return 0;
            }

            @Override
            public int waitFor() throws InterruptedException {
                thread.join();
                return 0;
            }

            @Override
            public List<ProcessHandle> tree() {
                // A task's forks are this process's children; stopping every side stops them all.
                return ProcessHandle.current().children().toList();
            }
        };
    }

    private Path fifo(String name) throws IOException {
        Path path = pipes.resolve(name);
        try {
            Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
            String output = new String(mkfifo.getInputStream().readAllBytes()).strip();
            if (mkfifo.waitFor() != 0) {
                throw new IOException("mkfifo " + path + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted making " + path, e);
        }
        return path;
    }

    private static int indexOf(List<Member> sides, String name) {
        for (int i = 0; i < sides.size(); i++) {
            if (sides.get(i).name.equals(name)) {
                return i;
            }
        }
        return sides.size();
    }

    /** Stops every side's process and its descendants (JMH's forks, valgrind): politely, then for good. */
    private synchronized void stopAll() {
        List<ProcessHandle> handles = new ArrayList<>();
        for (Member member : members) {
            if (member.process != null && member.process.isAlive()) {
                member.process.tree().stream().filter(h -> !handles.contains(h)).forEach(handles::add);
            }
        }
        handles.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + 5_000_000_000L;
        for (ProcessHandle handle : handles) {
            while (handle.isAlive() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(POLL_MILLIS * 4);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            handle.destroyForcibly();
        }
        removePipes();
    }

    private void removePipes() {
        try (Stream<Path> files = Files.list(pipes)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(pipes);
        } catch (IOException e) {
            if (Files.exists(pipes)) {
                throw new UncheckedIOException("cannot remove " + pipes, e);
            }
        }
    }

    @Override
    public void close() {
        stopAll();
        for (Member member : members) {
            closeQuietly(member.go);
            closeQuietly(member.goPending);
            closeQuietly(member.done);
        }
    }

    private static void closeQuietly(Closeable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (IOException ignored) {
                // Closing a pipe end this process no longer needs cannot lose anything.
            }
        }
    }
}
