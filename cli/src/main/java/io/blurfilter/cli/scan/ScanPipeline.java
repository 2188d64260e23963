package io.blurfilter.cli.scan;

import io.blurfilter.imageio.DecodedImage;
import io.blurfilter.imageio.ImageDecodeException;
import io.blurfilter.imageio.ImageDecoder;
import io.blurfilter.imageio.PhotoMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decodes and scores files on a thread pool while the walk goes on, and hands the rows to a
 * {@link RowSink} on the calling thread in the order the files were found.
 *
 * <p>At most {@code 4 x threads} files are in flight; the walk waits for the oldest one when the
 * window is full. Memory therefore stays bounded however many files there are, and the output order
 * is the walk order whatever the thread count.
 */
public final class ScanPipeline {
    private final ImageDecoder decoder;
    private final BlurScorer scorer;
    private final Labels labels;
    private final int threads;
    private final Thumbnailer thumbnailer;
    private final boolean readMetadata;
    /** Makes each scored photo's blur map ({@code scan --maps}); null for none. */
    private RegionMapper mapper;
    /** A second look at photos called blurred ({@code scan --sharp-region}); null for none. */
    private BlurVeto veto;

    /** @param thumbnailer null when no thumbnails are needed */
    public ScanPipeline(ImageDecoder decoder, BlurScorer scorer, Labels labels, int threads, Thumbnailer thumbnailer) {
        this(decoder, scorer, labels, threads, thumbnailer, false);
    }

    /**
     * @param thumbnailer null when no thumbnails are needed
     * @param readMetadata read each scored photo's EXIF metadata ({@link PhotoMetadata}) into its row
     */
    public ScanPipeline(ImageDecoder decoder, BlurScorer scorer, Labels labels, int threads, Thumbnailer thumbnailer,
            boolean readMetadata) {
        this.decoder = decoder;
        this.scorer = scorer;
        this.labels = labels;
        this.threads = threads;
        this.thumbnailer = thumbnailer;
        this.readMetadata = readMetadata;
    }

    /**
     * Also maps each scored photo with {@code mapper} (whose failure becomes the row's error). The
     * decoder must then give whole images. Returns this pipeline.
     */
    public ScanPipeline withMaps(RegionMapper mapper) {
        this.mapper = mapper;
        return this;
    }

    /**
     * Gives photos the model calls blurred a second look: those {@code veto} calls clear get the
     * negative label (their score unchanged). Returns this pipeline.
     */
    public ScanPipeline withVeto(BlurVeto veto) {
        this.veto = veto;
        return this;
    }

    /** Walks the roots and delivers every row to {@code sink}; IO errors of the sink end the scan. */
    public void run(EntrySource source, RowSink sink) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
        ArrayDeque<Future<ScanRow>> inFlight = new ArrayDeque<>();
        int window = 4 * threads;
        try {
            source.forEach(entry -> {
                try {
                    while (inFlight.size() >= window
                            || (!inFlight.isEmpty() && inFlight.peekFirst().isDone())) {
                        sink.accept(await(inFlight.pollFirst()));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (mapper != null) {
                    mapper.reserve(entry);
                }
                inFlight.addLast(pool.submit(() -> process(entry)));
            });
            while (!inFlight.isEmpty()) {
                sink.accept(await(inFlight.pollFirst()));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Decodes and scores one file (and reads its metadata); never throws, failures become rows with an error. */
    ScanRow process(InputEntry entry) {
        if (entry.error() != null) {
            return ScanRow.failed(entry, entry.error());
        }
        DecodedImage image;
        try {
            image = decoder.decode(entry.path());
        } catch (ImageDecodeException e) {
            return ScanRow.failed(entry, e.getMessage());
        }
        float score;
        try {
            score = scorer.blurScore(image);
        } catch (RuntimeException e) {
            return ScanRow.failed(entry, "model failed on this image: " + e);
        }
        if (!(score >= 0 && score <= 1)) {
            return ScanRow.failed(entry, "model produced an invalid score " + score);
        }
        String label = labels.of(score);
        if (veto != null && labels.isPositive(score)) {
            try {
                if (veto.clearAfterAll(entry, image)) {
                    label = labels.negative();
                }
            } catch (IOException | RuntimeException e) {
                return ScanRow.failed(entry, "sharp-region check failed: " + e.getMessage());
            }
        }
        byte[] thumbnail = thumbnailer == null ? null : thumbnailer.jpeg(image);
        // a second, bounded read of the file's first bytes; it never throws, and what it cannot read is absent
        PhotoMetadata metadata = readMetadata ? PhotoMetadata.read(entry.path()) : PhotoMetadata.NONE;
        RegionGrid map = null;
        String mapError = null;
        if (mapper != null) {
            try {
                map = mapper.map(entry, image);
            } catch (IOException | RuntimeException e) {
                mapError = "no blur map: " + e.getMessage();
            }
        }
        return new ScanRow(entry, score, label, image.fullWidth(), image.fullHeight(), mapError, thumbnail, metadata,
                map);
    }

    private static ScanRow await(Future<ScanRow> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("scan interrupted", e);
        } catch (ExecutionException e) {
            // process() catches everything it can; an Error (e.g. StackOverflowError) lands here
            throw new IllegalStateException("scan worker failed", e.getCause());
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "blurfilter-scan-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
