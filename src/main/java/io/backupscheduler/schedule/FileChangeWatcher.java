package io.backupscheduler.schedule;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Watches the directories that enabled FILE_CHANGE schedules name (the part of each glob before its first
 * wildcard, with every directory below it) and fires those schedules once a changed path has been quiet for the
 * debounce time, with the path and the kind of change as event data. Each node watches its own file system.
 */
@ApplicationScoped
public class FileChangeWatcher {
    private static final Logger LOG = Logger.getLogger(FileChangeWatcher.class.getName());

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedThreadFactory threads;

    @Resource
    ManagedScheduledExecutorService timer;

    @PersistenceContext
    EntityManager em;

    @Inject
    ScheduleFiring firing;

    @Inject
    @ConfigProperty(name = "backup.events.file-debounce-millis", defaultValue = "2000")
    long debounceMillis;

    private WatchService watcher;
    private final Map<WatchKey, Path> watched = new HashMap<>();
    private final Set<Path> roots = new HashSet<>();
    /** The roots the schedules named at the last refresh, watchable or not: unchanged means nothing to do. */
    private Set<Path> named = Set.of();
    private final Map<Path, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    private final Map<Path, String> lastChange = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    /** Starts watching (once) and watches what the schedules name now. */
    public synchronized void start() {
        if (watcher == null && !stopped) {
            try {
                watcher = FileSystems.getDefault().newWatchService();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "file change events are off: no watch service", e);
                return;
            }
            Thread loop = threads.newThread(this::loop); // runs for the application's life: its own thread
            loop.setName("backup-file-watcher");
            loop.start();
        }
        refresh();
    }

    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) ScheduleChanged changed) {
        if (watcher != null) {
            executor.execute(this::refresh);
        }
    }

    /** Watches the roots of the enabled FILE_CHANGE schedules' globs, and stops watching the others. */
    public synchronized void refresh() {
        if (watcher == null) {
            return;
        }
        List<String> globs;
        try {
            globs = em.createQuery("select s.eventSource from Schedule s where s.enabled = true and s.type = :event"
                            + " and s.eventType = :files", String.class)
                    .setParameter("event", ScheduleType.EVENT)
                    .setParameter("files", EventType.FILE_CHANGE)
                    .getResultList();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "could not read the watched paths; keeping the current ones", e);
            return;
        }
        Set<Path> wanted = new HashSet<>();
        for (String glob : globs) {
            wanted.add(rootOf(glob));
        }
        // nothing to do when the schedules name the same roots and none of the missing ones has appeared since
        if (wanted.equals(named) && wanted.stream().allMatch(root -> roots.contains(root) || !Files.isDirectory(root))) {
            return;
        }
        Set<Path> newlyNamed = new HashSet<>(wanted);
        newlyNamed.removeAll(named);
        named = wanted;
        watched.keySet().forEach(WatchKey::cancel);
        watched.clear();
        roots.clear();
        for (Path root : wanted) {
            if (Files.isDirectory(root)) {
                registerTree(root);
                roots.add(root);
            } else if (newlyNamed.contains(root)) {
                LOG.warning(() -> "file change schedules name " + root + ", which is not a directory on this node");
            }
        }
        LOG.info(() -> "watching for file changes under " + roots);
    }

    /** The directory a glob is rooted at: its path up to the first segment with a wildcard. */
    static Path rootOf(String glob) {
        Path root = Path.of("/");
        for (Path segment : Path.of(glob.strip())) {
            if (segment.toString().matches(".*[*?\\[\\]{}].*")) {
                break;
            }
            root = root.resolve(segment);
        }
        return root.equals(Path.of(glob.strip())) && !Files.isDirectory(root) ? root.getParent() : root;
    }

    private void registerTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    watched.put(dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
                            StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE), dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot watch " + root, e);
        }
    }

    private void loop() {
        while (!stopped) {
            WatchKey key;
            try {
                key = watcher.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            if (key == null) {
                continue;
            }
            Path dir;
            synchronized (this) {
                dir = watched.get(key);
            }
            for (WatchEvent<?> event : key.pollEvents()) {
                if (dir == null || event.kind() == StandardWatchEventKinds.OVERFLOW) {
                    continue;
                }
                Path path = dir.resolve((Path) event.context());
                if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(path)) {
                    synchronized (this) {
                        registerTree(path);
                    }
                    continue;
                }
                debounce(path, event.kind() == StandardWatchEventKinds.ENTRY_CREATE ? "CREATED"
                        : event.kind() == StandardWatchEventKinds.ENTRY_DELETE ? "DELETED" : "MODIFIED");
            }
            key.reset();
        }
    }

    /** A path that keeps changing (a file being written) fires once, when it has been quiet for a while. */
    private void debounce(Path path, String change) {
        lastChange.merge(path, change, (before, now) -> "CREATED".equals(before) && !"DELETED".equals(now) ? before : now);
        ScheduledFuture<?> previous = pending.put(path, timer.schedule(() -> fire(path), debounceMillis, TimeUnit.MILLISECONDS));
        if (previous != null) {
            previous.cancel(false);
        }
    }

    private void fire(Path path) {
        pending.remove(path);
        String change = lastChange.remove(path);
        String data = Json.createObjectBuilder().add("path", path.toString()).add("change", change == null ? "MODIFIED" : change)
                .build().toString();
        try {
            List<Long> queued = firing.fireEvent(EventType.FILE_CHANGE, path.toString(), data);
            if (!queued.isEmpty()) {
                LOG.info(() -> "file " + change + " " + path + ": queued " + queued);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "file change " + path + " could not fire its schedules", e);
        }
    }

    @PreDestroy
    synchronized void stop() {
        stopped = true;
        pending.values().forEach(f -> f.cancel(false));
        if (watcher != null) {
            try {
                watcher.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "closing the watch service", e);
            }
        }
    }
}
