import type { Report, Rule } from "../../src/engine/types.js";
import type { ImageReference } from "../../src/engine/image-reference.js";
import type { DockerfileModel } from "../../src/engine/dockerfile/model.js";
import { describeImage, externalImages } from "./latest-tag.js";
import { cisDocker, reportIn } from "./support.js";

/**
 * One row of the end-of-life table. A row applies to a base image when
 * - `images` lists the image's official name (Docker Hub `library/<name>`, also through the
 *   public.ecr.aws and mirror.gcr.io mirrors) and `tag` matches its tag, or
 * - `repository` matches `registry/repository` and `tag` (when given) matches, or
 * - `tagToken` matches one `-`/`_`-separated part of the tag of ANY image (distribution code names
 *   such as `buster` or `alpine3.16` in `python:3.11-slim-buster`, `node:18-alpine3.16`).
 * `eol` is the day upstream support ended (for distributions: the end of the free LTS/standard
 * support, not paid extended support), in UTC.
 */
export interface EolRow {
  product: string;
  eol: string;
  images?: readonly string[];
  repository?: RegExp;
  tag?: RegExp;
  tagToken?: RegExp;
}

/** `^3\.8` followed by `.`, `-` or the end: `3.8`, `3.8.19`, `3.8-slim`, but not `3.80`. */
function v(version: string): RegExp {
  return new RegExp(`^${version.replace(/\./g, "\\.")}(?:[.-]|$)`);
}

export const EOL_TABLE: readonly EolRow[] = [
  // Debian: https://wiki.debian.org/LTS (end of LTS for each release)
  { product: 'Debian 7 "wheezy"', eol: "2018-05-31", images: ["debian"], tag: /^(?:7(?:[.-]|$)|wheezy)/ },
  { product: 'Debian 8 "jessie"', eol: "2020-06-30", images: ["debian"], tag: /^(?:8(?:[.-]|$)|jessie)/ },
  { product: 'Debian 9 "stretch"', eol: "2022-06-30", images: ["debian"], tag: /^(?:9(?:[.-]|$)|stretch)/ },
  { product: 'Debian 10 "buster"', eol: "2024-06-30", images: ["debian"], tag: /^(?:10(?:[.-]|$)|buster)/ },
  { product: 'Debian 11 "bullseye"', eol: "2026-08-31", images: ["debian"], tag: /^(?:11(?:[.-]|$)|bullseye)/ },
  { product: 'Debian 7 "wheezy"', eol: "2018-05-31", tagToken: /^wheezy$/ },
  { product: 'Debian 8 "jessie"', eol: "2020-06-30", tagToken: /^jessie$/ },
  { product: 'Debian 9 "stretch"', eol: "2022-06-30", tagToken: /^stretch$/ },
  { product: 'Debian 10 "buster"', eol: "2024-06-30", tagToken: /^buster$/ },
  { product: 'Debian 11 "bullseye"', eol: "2026-08-31", tagToken: /^bullseye$/ },
  // Ubuntu: https://ubuntu.com/about/release-cycle and https://wiki.ubuntu.com/Releases (end of standard support)
  { product: "Ubuntu 12.04 (precise)", eol: "2017-04-28", images: ["ubuntu"], tag: /^(?:12\.04|precise)(?:[.-]|$)/ },
  { product: "Ubuntu 14.04 (trusty)", eol: "2019-04-30", images: ["ubuntu"], tag: /^(?:14\.04|trusty)(?:[.-]|$)/ },
  { product: "Ubuntu 16.04 (xenial)", eol: "2021-04-30", images: ["ubuntu"], tag: /^(?:16\.04|xenial)(?:[.-]|$)/ },
  { product: "Ubuntu 18.04 (bionic)", eol: "2023-05-31", images: ["ubuntu"], tag: /^(?:18\.04|bionic)(?:[.-]|$)/ },
  { product: "Ubuntu 20.04 (focal)", eol: "2025-05-31", images: ["ubuntu"], tag: /^(?:20\.04|focal)(?:[.-]|$)/ },
  { product: "Ubuntu 22.10 (kinetic)", eol: "2023-07-20", images: ["ubuntu"], tag: /^(?:22\.10|kinetic)(?:[.-]|$)/ },
  { product: "Ubuntu 23.04 (lunar)", eol: "2024-01-25", images: ["ubuntu"], tag: /^(?:23\.04|lunar)(?:[.-]|$)/ },
  { product: "Ubuntu 23.10 (mantic)", eol: "2024-07-11", images: ["ubuntu"], tag: /^(?:23\.10|mantic)(?:[.-]|$)/ },
  { product: "Ubuntu 24.10 (oracular)", eol: "2025-07-10", images: ["ubuntu"], tag: /^(?:24\.10|oracular)(?:[.-]|$)/ },
  { product: "Ubuntu 14.04 (trusty)", eol: "2019-04-30", tagToken: /^trusty$/ },
  { product: "Ubuntu 16.04 (xenial)", eol: "2021-04-30", tagToken: /^xenial$/ },
  { product: "Ubuntu 18.04 (bionic)", eol: "2023-05-31", tagToken: /^bionic$/ },
  { product: "Ubuntu 20.04 (focal)", eol: "2025-05-31", tagToken: /^focal$/ },
  // CentOS Linux: https://www.centos.org/centos-linux-eol/ ; the Docker Hub image is unmaintained as a whole
  { product: "CentOS Linux 6", eol: "2020-11-30", images: ["centos"], tag: /^(?:centos)?6(?:[.-]|$)/ },
  { product: "CentOS Linux 8", eol: "2021-12-31", images: ["centos"], tag: /^(?:(?:centos)?8(?:[.-]|$)|latest$)/ },
  { product: "CentOS Linux 7", eol: "2024-06-30", images: ["centos"], tag: /^(?:centos)?7(?:[.-]|$)/ },
  { product: "CentOS Linux", eol: "2024-06-30", images: ["centos"], tag: /^(?!(?:centos)?[678](?:[.-]|$)|latest$|stream9|stream10)/ },
  // CentOS Stream 8: https://blog.centos.org/2023/04/end-dates-are-coming-for-centos-stream-8-and-centos-linux-7/
  { product: "CentOS Stream 8", eol: "2024-05-31", repository: /^quay\.io\/centos\/centos$/, tag: /^stream8/ },
  // Red Hat UBI 7 follows RHEL 7 maintenance support: https://access.redhat.com/support/policy/updates/errata
  { product: "Red Hat UBI 7 (RHEL 7)", eol: "2024-06-30", repository: /^registry\.(?:access\.)?redhat\.(?:com|io)\/ubi7(?:\/|$)/ },
  // Amazon Linux: https://aws.amazon.com/amazon-linux-ami/faqs/ and https://aws.amazon.com/amazon-linux-2/faqs/
  { product: "Amazon Linux 1 (2018.03)", eol: "2023-12-31", images: ["amazonlinux"], tag: /^(?:1(?:[.-]|$)|201[5-8]\.)/ },
  { product: "Amazon Linux 2", eol: "2026-06-30", images: ["amazonlinux"], tag: v("2") },
  // Alpine: https://alpinelinux.org/releases/ (end of main repository support)
  { product: "Alpine Linux 3.11 or older", eol: "2021-11-01", images: ["alpine"], tag: /^3\.(?:\d|1[01])(?:[.-]|$)/ },
  ...["3.12:2022-05-01", "3.13:2022-11-01", "3.14:2023-05-01", "3.15:2023-11-01", "3.16:2024-05-23", "3.17:2024-11-22", "3.18:2025-05-09", "3.19:2025-11-01", "3.20:2026-04-01", "3.21:2026-11-01"].flatMap(
    (row) => {
      const [version, eol] = row.split(":");
      return [
        { product: `Alpine Linux ${version}`, eol, images: ["alpine"], tag: v(version) },
        { product: `Alpine Linux ${version}`, eol, tagToken: new RegExp(`^alpine${version.replace(".", "\\.")}$`) },
      ];
    },
  ),
  { product: "Alpine Linux 3.11 or older", eol: "2021-11-01", tagToken: /^alpine3\.(?:\d|1[01])$/ },
  // Python: https://devguide.python.org/versions/ (end of life)
  { product: "Python 2", eol: "2020-01-01", images: ["python", "pypy"], tag: v("2") },
  { product: "Python 3.3 or older", eol: "2017-09-29", images: ["python"], tag: /^3\.[0-3](?:[.-]|$)/ },
  { product: "Python 3.4", eol: "2019-03-18", images: ["python"], tag: v("3.4") },
  { product: "Python 3.5", eol: "2020-09-13", images: ["python"], tag: v("3.5") },
  { product: "Python 3.6", eol: "2021-12-23", images: ["python"], tag: v("3.6") },
  { product: "Python 3.7", eol: "2023-06-27", images: ["python"], tag: v("3.7") },
  { product: "Python 3.8", eol: "2024-10-07", images: ["python"], tag: v("3.8") },
  { product: "Python 3.9", eol: "2025-10-31", images: ["python"], tag: v("3.9") },
  // Node.js: https://github.com/nodejs/Release (end of life; odd releases end on June 1st after their release)
  { product: "Node.js 7 or older (except 6)", eol: "2018-04-30", images: ["node"], tag: /^(?:0|4|5|7|argon)(?:[.-]|$)/ },
  { product: "Node.js 6", eol: "2019-04-30", images: ["node"], tag: /^(?:6|boron)(?:[.-]|$)/ },
  { product: "Node.js 8", eol: "2019-12-31", images: ["node"], tag: /^(?:8|carbon)(?:[.-]|$)/ },
  { product: "Node.js 9", eol: "2018-06-30", images: ["node"], tag: v("9") },
  { product: "Node.js 10", eol: "2021-04-30", images: ["node"], tag: /^(?:10|dubnium)(?:[.-]|$)/ },
  { product: "Node.js 11", eol: "2019-06-01", images: ["node"], tag: v("11") },
  { product: "Node.js 12", eol: "2022-04-30", images: ["node"], tag: /^(?:12|erbium)(?:[.-]|$)/ },
  { product: "Node.js 13", eol: "2020-06-01", images: ["node"], tag: v("13") },
  { product: "Node.js 14", eol: "2023-04-30", images: ["node"], tag: /^(?:14|fermium)(?:[.-]|$)/ },
  { product: "Node.js 15", eol: "2021-06-01", images: ["node"], tag: v("15") },
  { product: "Node.js 16", eol: "2023-09-11", images: ["node"], tag: /^(?:16|gallium)(?:[.-]|$)/ },
  { product: "Node.js 17", eol: "2022-06-01", images: ["node"], tag: v("17") },
  { product: "Node.js 18", eol: "2025-04-30", images: ["node"], tag: /^(?:18|hydrogen)(?:[.-]|$)/ },
  { product: "Node.js 19", eol: "2023-06-01", images: ["node"], tag: v("19") },
  { product: "Node.js 20", eol: "2026-04-30", images: ["node"], tag: /^(?:20|iron)(?:[.-]|$)/ },
  { product: "Node.js 21", eol: "2024-06-01", images: ["node"], tag: v("21") },
  { product: "Node.js 23", eol: "2025-06-01", images: ["node"], tag: v("23") },
  // Go supports the two newest releases: each ends when the release two versions later ships, https://go.dev/doc/devel/release
  { product: "Go 1.19 or older", eol: "2023-08-08", images: ["golang"], tag: /^1\.(?:\d|1\d)(?:[.-]|rc|$)/ },
  { product: "Go 1.20", eol: "2024-02-06", images: ["golang"], tag: v("1.20") },
  { product: "Go 1.21", eol: "2024-08-13", images: ["golang"], tag: v("1.21") },
  { product: "Go 1.22", eol: "2025-02-11", images: ["golang"], tag: v("1.22") },
  { product: "Go 1.23", eol: "2025-08-12", images: ["golang"], tag: v("1.23") },
  // The openjdk Docker Official Image is deprecated and no longer updated (notice on https://hub.docker.com/_/openjdk, July 2022)
  { product: "the deprecated openjdk image", eol: "2022-07-31", images: ["openjdk"], tag: /^(?:[0-9]|1[0-9]|2[0-1])(?:[.-]|u|$)/ },
  // Ruby: https://www.ruby-lang.org/en/downloads/branches/
  { product: "Ruby 2.6 or older", eol: "2022-04-12", images: ["ruby"], tag: /^(?:1\.|2\.[0-6](?:[.-]|$))/ },
  { product: "Ruby 2.7", eol: "2023-03-31", images: ["ruby"], tag: v("2.7") },
  { product: "Ruby 3.0", eol: "2024-04-23", images: ["ruby"], tag: v("3.0") },
  { product: "Ruby 3.1", eol: "2025-03-26", images: ["ruby"], tag: v("3.1") },
  // PHP: https://www.php.net/eol.php
  { product: "PHP 7.3 or older", eol: "2021-12-06", images: ["php"], tag: /^(?:5|7\.[0-3])(?:[.-]|$)/ },
  { product: "PHP 7.4", eol: "2022-11-28", images: ["php"], tag: v("7.4") },
  { product: "PHP 8.0", eol: "2023-11-26", images: ["php"], tag: v("8.0") },
  { product: "PHP 8.1", eol: "2025-12-31", images: ["php"], tag: v("8.1") },
  // PostgreSQL: https://www.postgresql.org/support/versioning/
  { product: "PostgreSQL 9.6 or older", eol: "2021-11-11", images: ["postgres"], tag: /^9(?:[.-]|$)/ },
  { product: "PostgreSQL 10", eol: "2022-11-10", images: ["postgres"], tag: v("10") },
  { product: "PostgreSQL 11", eol: "2023-11-09", images: ["postgres"], tag: v("11") },
  { product: "PostgreSQL 12", eol: "2024-11-21", images: ["postgres"], tag: v("12") },
  { product: "PostgreSQL 13", eol: "2025-11-13", images: ["postgres"], tag: v("13") },
  // MySQL: https://www.mysql.com/support/eol-notice.html
  { product: "MySQL 5.6 or older", eol: "2021-02-28", images: ["mysql"], tag: /^5\.[0-6](?:[.-]|$)/ },
  { product: "MySQL 5.7", eol: "2023-10-31", images: ["mysql"], tag: v("5.7") },
];

/** The official image name (`python` for docker.io/library/python or its well-known mirrors), or undefined. */
export function officialImageName(ref: ImageReference): string | undefined {
  const repo = ref.repository.toLowerCase();
  if ((ref.registry === "docker.io" || ref.registry === "mirror.gcr.io") && repo.startsWith("library/")) return repo.slice("library/".length);
  if (ref.registry === "public.ecr.aws" && repo.startsWith("docker/library/")) return repo.slice("docker/library/".length);
  return undefined;
}

/** The table rows that apply to an image reference, one per product. */
export function endOfLifeRows(ref: ImageReference, table: readonly EolRow[] = EOL_TABLE): EolRow[] {
  const official = officialImageName(ref);
  // An untagged reference means "latest" (only the CentOS rows match that).
  const tag = (ref.tag ?? (ref.digest ? "" : "latest")).toLowerCase();
  const tokens = tag.split(/[-_]/);
  const full = `${ref.registry}/${ref.repository}`.toLowerCase();
  const rows: EolRow[] = [];
  const seen = new Set<string>();
  for (const row of table) {
    let applies = false;
    if (row.images && official && row.images.includes(official)) applies = tag !== "" && (row.tag?.test(tag) ?? true);
    else if (row.repository && row.repository.test(full)) applies = row.tag?.test(tag) ?? true;
    else if (row.tagToken && ref.tag !== undefined) applies = tokens.some((t) => row.tagToken?.test(t));
    if (!applies || seen.has(row.product)) continue;
    seen.add(row.product);
    rows.push(row);
  }
  return rows;
}

export const eolBaseImage: Rule<DockerfileModel> = {
  meta: {
    id: "dockerfile/eol-base-image",
    kind: "dockerfile",
    title: "End-of-life base image",
    severity: "warning",
    rationale:
      "Once a distribution or runtime reaches end of life, new vulnerabilities in it are no longer fixed: rebuilding the image no longer makes it safer. Builder stages count too, because an end-of-life compiler or runtime ends up in what they produce. The dates come from a table in the rule, each row citing the upstream source, and are judged against today's date.",
    remediation: "Move to a supported release of the image (for example a current Debian, Alpine, Python or Node.js version) and rebuild regularly.",
    references: [
      cisDocker("4.4", "Ensure images are scanned and rebuilt to include security patches"),
      { title: "endoflife.date", url: "https://endoflife.date/" },
    ],
    standards: ["cis-docker-4.4"],
    examples: { bad: "FROM python:3.7-slim\n", good: "FROM python:3.13-slim\n" },
  },
  check(model, ctx): Report[] {
    const today = ctx.now.toISOString().slice(0, 10);
    const reports: Report[] = [];
    for (const from of externalImages(model)) {
      const ended = endOfLifeRows(from.reference).filter((row) => row.eol <= today);
      if (ended.length === 0) continue;
      const what = ended.map((row) => `${row.product} (support ended ${row.eol})`).join(", ");
      reports.push(
        reportIn(from.instruction, from.imageRange, `base image ${describeImage(from)} is end-of-life: ${what}; it gets no more security fixes, move to a supported version`, from.resolved ?? from.written),
      );
    }
    return reports;
  },
};
