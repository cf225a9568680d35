package io.copilot.metrics.bench;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The CSV export's memory and speed: the packaged service under the benchmark's capped heap
 * (128 MiB, Serial GC) streams the last {@code days} of a generated database (about a million
 * rows at scale 10 and 30 days) to a client that reads as fast as it can, then to one that reads
 * slowly; the service's RSS is sampled throughout. Constant memory means the peak RSS does not
 * follow the rows or the client's pace.
 *
 * <pre>java -cp ... io.copilot.metrics.bench.ExportBenchmark [scale=10] [days=30] [slowMegabytes=20]</pre>
 */
public final class ExportBenchmark {

    private ExportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int scale = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int slowMegabytes = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        String database = "copilot_metrics_bench_" + scale;
        Instant end = DataGenerator.END;
        String range = "from=" + end.minus(Duration.ofDays(days)) + "&to=" + end;
        try (BenchService service = BenchService.start(database, "service-export.log", Map.of())) {
            long pid = service.pid();
            String admin = service.sign("bench-admin", null, List.of("platform-admin"));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI uri = URI.create(service.base() + "/export/costs.csv?" + range);
            System.out.printf("service %s, export of %d days (%s)%n", service.jvmOptions(), days, range);
            System.out.printf("RSS before: %d MiB%n", BenchService.rssKb(pid) / 1024);

            for (String pace : List.of("fast", "slow")) {
                AtomicLong peakKb = new AtomicLong();
                AtomicBoolean running = new AtomicBoolean(true);
                Thread sampler = new Thread(() -> {
                    while (running.get()) {
                        peakKb.accumulateAndGet(BenchService.rssKb(pid), Math::max);
                        sleep(100);
                    }
                });
                sampler.start();
                long cpuBefore = CpuTime.ofProcess(pid);
                long started = System.nanoTime();
                long[] counted = read(http, uri, admin, pace.equals("slow") ? slowMegabytes * 1024L * 1024 : Long.MAX_VALUE,
                        pace.equals("slow") ? 2 * 1024 * 1024 : 0);
                double seconds = (System.nanoTime() - started) / 1e9;
                double cpuMs = CpuTime.millis(CpuTime.ofProcess(pid) - cpuBefore);
                running.set(false);
                sampler.join();
                System.out.printf("%s client: %,d rows, %,d MB in %.1f s = %,.0f rows/s, service CPU %.1f µs/row, "
                        + "peak RSS %d MiB%n", pace, counted[0] - 1, counted[1] / 1_000_000, seconds,
                        (counted[0] - 1) / seconds, cpuMs * 1000 / Math.max(1, counted[0] - 1), peakKb.get() / 1024);
            }
            System.out.printf("RSS after: %d MiB%n", BenchService.rssKb(pid) / 1024);
        }
    }

    /** Lines and bytes read, up to {@code limit} bytes, at most {@code bytesPerSecond} (0: no bound). */
    private static long[] read(HttpClient http, URI uri, String token, long limit, long bytesPerSecond)
            throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("export answered " + response.statusCode() + ": "
                    + new String(response.body().readAllBytes()));
        }
        long lines = 0;
        long bytes = 0;
        long started = System.nanoTime();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream body = response.body()) {
            for (int n; bytes < limit && (n = body.read(buffer)) > 0; ) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
                if (bytesPerSecond > 0) {
                    long due = started + bytes * 1_000_000_000L / bytesPerSecond;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
            }
        }
        return new long[] { lines, bytes };
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
