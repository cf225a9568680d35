package io.copilot.metrics.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** CPU time of processes from /proc (Linux): user + system, in clock ticks. */
final class CpuTime {

    /** USER_HZ: what /proc counts in; 100 on every Linux the benchmark runs on. */
    private static final double TICKS_PER_SECOND = 100;

    private CpuTime() {
    }

    static long ofProcess(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // after the parenthesised command name: state is field 3, utime 14 and stime 15
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** Every postgres process of this machine (the server, its backends and workers). */
    static long ofPostgres() {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(dir -> dir.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(CpuTime::isPostgres)
                    .mapToLong(dir -> ofProcess(Long.parseLong(dir.getFileName().toString())))
                    .sum();
        } catch (IOException e) {
            return 0;
        }
    }

    static double millis(long ticks) {
        return ticks * 1000 / TICKS_PER_SECOND;
    }

    private static boolean isPostgres(Path process) {
        try {
            return Files.readString(process.resolve("comm")).trim().equals("postgres");
        } catch (IOException | RuntimeException gone) {
            return false;
        }
    }
}
