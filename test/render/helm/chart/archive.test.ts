import { describe, expect, it } from "@jest/globals";
import { gzipSync } from "node:zlib";
import { ArchiveError, readChartArchive, writeTar } from "../../../../src/render/helm/chart/archive.js";

describe("chart archives", () => {
  it("reads the files under the top-level folder", () => {
    const tgz = gzipSync(
      writeTar([
        { name: "mychart/", type: "5" },
        { name: "mychart/Chart.yaml", data: "name: mychart\nversion: 1.0.0\n" },
        { name: "mychart/templates/cm.yaml", data: "kind: ConfigMap\n" },
      ]),
    );
    const files = readChartArchive(tgz);
    expect(files.map((f) => [f.name, Buffer.from(f.data).toString()])).toStrictEqual([
      ["Chart.yaml", "name: mychart\nversion: 1.0.0\n"],
      ["templates/cm.yaml", "kind: ConfigMap\n"],
    ]);
  });

  it("refuses an entry that climbs out of the archive", () => {
    const tgz = gzipSync(writeTar([{ name: "mychart/../../etc/passwd", data: "x" }]));
    expect(() => readChartArchive(tgz)).toThrow(ArchiveError);
    expect(() => readChartArchive(tgz)).toThrow('chart illegally contains content outside the base directory: "mychart/../../etc/passwd"');
  });

  it("refuses an absolute entry", () => {
    const tgz = gzipSync(writeTar([{ name: "/etc/passwd", data: "x" }]));
    expect(() => readChartArchive(tgz)).toThrow("outside the base directory");
  });

  it("refuses a symbolic link that points outside the chart, skips one inside", () => {
    const outside = gzipSync(writeTar([{ name: "mychart/templates/x.yaml", type: "2", link: "../../../../etc/shadow" }]));
    expect(() => readChartArchive(outside)).toThrow('link outside the base directory: "mychart/templates/x.yaml" -> "../../../../etc/shadow"');
    const inside = gzipSync(
      writeTar([
        { name: "mychart/Chart.yaml", data: "name: m\n" },
        { name: "mychart/templates/y.yaml", type: "2", link: "../Chart.yaml" },
      ]),
    );
    expect(readChartArchive(inside).map((f) => f.name)).toStrictEqual(["Chart.yaml"]);
  });

  it("stops a decompression bomb at the total size limit without expanding it", () => {
    const bomb = gzipSync(writeTar([{ name: "mychart/big", data: Buffer.alloc(4 * 1024 * 1024) }]));
    expect(bomb.length).toBeLessThan(20_000);
    expect(() => readChartArchive(bomb, { maxTotalBytes: 1024 * 1024 })).toThrow("decompressed archive is larger than the limit of 1048576 bytes");
  });

  it("refuses a file above the per-file limit and too many entries", () => {
    const big = gzipSync(writeTar([{ name: "mychart/big", data: Buffer.alloc(2000) }]));
    expect(() => readChartArchive(big, { maxFileBytes: 1000 })).toThrow("file mychart/big is larger than the limit of 1000 bytes");
    const many = gzipSync(writeTar(Array.from({ length: 20 }, (_, i) => ({ name: `mychart/f${i}`, data: "x" }))));
    expect(() => readChartArchive(many, { maxEntries: 10 })).toThrow("archive has more than 10 entries");
  });

  it("refuses what is not gzip and a corrupt header", () => {
    expect(() => readChartArchive(new Uint8Array([1, 2, 3]))).toThrow(/^not a gzip archive/);
    const tar = writeTar([{ name: "mychart/a", data: "x" }]);
    tar[3] ^= 0x01;
    expect(() => readChartArchive(gzipSync(tar))).toThrow("corrupt tar header at offset 0");
  });
});
