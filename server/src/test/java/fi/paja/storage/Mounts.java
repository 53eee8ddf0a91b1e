package fi.paja.storage;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * File-system faults for the storage tests, made for real: a small tmpfs, an ext4 image on a loop device, remounts
 * and immutable files. Needs root (CI runs as root); without it, or where mounting is not permitted (an
 * unprivileged container), the tests are skipped with the reason.
 */
final class Mounts {

  private Mounts() {
  }

  /** What a command printed and its exit status. */
  record Result(int status, String output) {
    boolean ok() {
      return status == 0;
    }
  }

  static void assumeRoot() throws Exception {
    Result id = run("id", "-u");
    assumeTrue(id.ok() && id.output().trim().equals("0"),
        "storage fault tests need root (mount, chattr); running as uid " + id.output().trim());
  }

  /** A fresh tmpfs of {@code size} (e.g. "32m"), mounted on a new directory under /tmp. */
  static Path tmpfs(String prefix, String size) throws Exception {
    assumeRoot();
    Path dir = Files.createTempDirectory(prefix);
    Result mount = run("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0755", "tmpfs", dir.toString());
    if (!mount.ok()) {
      Files.deleteIfExists(dir);
    }
    assumeTrue(mount.ok(), "mounting a tmpfs is not permitted here: " + mount.output());
    return dir;
  }

  /**
   * An ext4 file system in an image file on {@code tmpfs}, mounted on {@code mountPoint} through a loop device; its
   * device is returned. ext4 can be made read-only under a running process ({@link #abort}); a tmpfs cannot.
   */
  static String ext4(Path tmpfs, Path mountPoint, String size) throws Exception {
    Path image = tmpfs.resolve("ext4.img");
    check(run("truncate", "-s", size, image.toString()));
    Result mkfs = run("mkfs.ext4", "-q", "-F", image.toString());
    assumeTrue(mkfs.ok(), "cannot make an ext4 file system here (e2fsprogs): " + mkfs.output());
    Result loop = run("losetup", "-f", "--show", image.toString());
    assumeTrue(loop.ok(), "loop devices are not available here: " + loop.output());
    String device = loop.output().trim();
    Files.createDirectories(mountPoint);
    check(run("mount", device, mountPoint.toString()));
    return device;
  }

  /**
   * What the kernel does to ext4 after an I/O error (errors=remount-ro): the file system turns read-only at once,
   * whoever has files open for writing, and every write fails with EROFS. {@code mount -o remount,ro} cannot do
   * that: it is refused ("mount point is busy") while a file on it is open for writing, as the store file always is.
   */
  static void abort(Path mountPoint) throws Exception {
    check(run("mount", "-o", "remount,abort", mountPoint.toString()));
  }

  static void remount(Path dir, String mode) throws Exception {
    check(run("mount", "-o", "remount," + mode, dir.toString()));
  }

  /** Sets or clears the immutable attribute ({@code +i} or {@code -i}). */
  static void chattr(String flag, Path path) throws Exception {
    check(run("chattr", flag, path.toString()));
  }

  /** Whether the file system under {@code dir} takes {@code chattr +i}. */
  static boolean supportsImmutable(Path dir) throws Exception {
    Path probe = Files.createTempFile(dir, "chattr", ".probe");
    try {
      Result set = run("chattr", "+i", probe.toString());
      run("chattr", "-i", probe.toString());
      return set.ok();
    } finally {
      Files.deleteIfExists(probe);
    }
  }

  /**
   * Unmounts, waiting (a few seconds at most) for whoever still has a file open on it to let go; returns the last
   * refusal if it never did, or null.
   */
  static String umount(Path dir) throws Exception {
    Result last = null;
    long deadline = System.currentTimeMillis() + 10_000;
    do {
      last = run("umount", dir.toString());
      if (last.ok()) {
        return null;
      }
      Thread.sleep(100);
    } while (System.currentTimeMillis() < deadline);
    return last.output();
  }

  /** For finally blocks: undoes whatever is still in place, ignoring what was not. */
  static void cleanUp(Path tmpfs) throws Exception {
    if (tmpfs != null && umount(tmpfs) == null) {
      Files.deleteIfExists(tmpfs);
    }
  }

  static Result run(String... command) throws Exception {
    return run(List.of(command));
  }

  static Result run(List<String> command) throws Exception {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return new Result(127, e.getMessage());
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Result(124, out + " (timed out)");
    }
    return new Result(p.exitValue(), out);
  }

  static Result check(Result r) {
    if (!r.ok()) {
      throw new IllegalStateException("command failed (" + r.status() + "): " + r.output());
    }
    return r;
  }
}
