import { DetectedVersion, VersionSource } from '@slipway/plugin-gitops-common';
import { imageName, parseImageReference } from './imageTag';
import { readYamlValue } from './readYamlValue';

export interface VersionEvidence {
  /** The product's version source; absent when the product reads versions from images only. */
  versionSource?: VersionSource;
  /** Text of the version file at the application's synced revision; absent when the file is missing. */
  fileText?: string;
  /** Why the file could not be read, when it was not simply missing (e.g. the Git host failed). */
  fileProblem?: string;
  /** Images Argo CD reports for the application (`summary.images`). */
  images: readonly string[];
  /** Component name of the application (see `componentOf`), to pick its own image among sidecars. */
  component: string;
}

function versionFromImages(
  images: readonly string[],
  component: string,
): { tag: string; image: string } | string {
  const tagged = images
    .map(image => ({ image, ...parseImageReference(image) }))
    .filter(ref => ref.tag);
  if (tagged.length === 0) {
    return images.length === 0
      ? 'Argo CD reports no images'
      : 'no image has a tag';
  }
  const own = tagged.filter(ref => imageName(ref.repository) === component);
  const candidates = own.length > 0 ? own : tagged;
  const tags = new Set(candidates.map(ref => ref.tag));
  if (tags.size > 1) {
    return `the images disagree (${candidates
      .map(ref => ref.image)
      .join(', ')})`;
  }
  return { tag: candidates[0].tag!, image: candidates[0].image };
}

/**
 * The version an application runs: the value at the product's version path in its source at the synced
 * revision, else the tag of its image as Argo CD reports it, else unknown with the reasons.
 */
export function detectVersion(evidence: VersionEvidence): DetectedVersion {
  const reasons: string[] = [];
  const source = evidence.versionSource;
  if (source) {
    if (evidence.fileText !== undefined) {
      const reading = readYamlValue(
        source.file,
        evidence.fileText,
        source.path,
      );
      if (reading.ok) {
        return {
          value: reading.value,
          source: 'file',
          detail: `${source.file} ${source.path}`,
        };
      }
      reasons.push(reading.problem);
    } else {
      reasons.push(
        evidence.fileProblem ??
          `${source.file} does not exist at the synced revision`,
      );
    }
  }
  const fromImages = versionFromImages(evidence.images, evidence.component);
  if (typeof fromImages !== 'string') {
    return {
      value: fromImages.tag,
      source: 'image',
      detail: [`image ${fromImages.image}`, ...reasons].join('; '),
    };
  }
  reasons.push(fromImages);
  return { source: 'unknown', detail: reasons.join('; ') };
}
