import {
  ConfigProblem,
  DeliveryConfig,
  Environment,
  Product,
  PromotionFlow,
  validateDocument,
} from '@slipway/plugin-gitops-common';
import {
  parseYamlSafely,
  SafeYamlOptions,
  YamlReadError,
} from '../domain/yaml/safeYaml';
import { checkCrossReferences } from './crossReferences';
import {
  AnySchema,
  DELIVERY_FOLDERS,
  DeliveryFile,
  documentNameOf,
  isDeliveryDocument,
} from './deliveryFiles';

export interface ValidationOptions {
  /** Runtime names configured in app-config `gitops.runtimes`. */
  runtimeNames: readonly string[];
  yaml?: Pick<SafeYamlOptions, 'maxBytes' | 'maxAliasCount'>;
}

type Named = { name: string };
type Entry = { value: Named; file: string; raw: unknown };

/**
 * Validates the files of the delivery repository: each document on its own, then the references
 * between them. A broken file is reported and left out; it never hides the valid ones.
 */
export function validateDeliveryFiles(
  files: readonly DeliveryFile[],
  options: ValidationOptions,
): Omit<DeliveryConfig, 'commit'> {
  const problems: ConfigProblem[] = [];
  const byKind = new Map<string, Map<string, Entry>>();

  for (const folder of DELIVERY_FOLDERS) {
    const documents = new Map<string, Entry>();
    const valid: Entry[] = [];
    byKind.set(folder.kind, documents);
    const inFolder = files
      .filter(file => isDeliveryDocument(folder.dir, file.path))
      .sort((a, b) => a.path.localeCompare(b.path));
    for (const file of inFolder) {
      const report = (
        path: string,
        message: string,
        severity: ConfigProblem['severity'] = 'error',
      ) => problems.push({ file: file.path, path, message, severity });
      if (file.path.slice(folder.dir.length + 1).includes('/')) {
        report(
          '',
          `the file is in a subfolder; Slipway reads only ${folder.dir}/*.yaml`,
          'warning',
        );
        continue;
      }
      let data: unknown;
      try {
        data = parseYamlSafely(file.text, options.yaml);
      } catch (e) {
        if (!(e instanceof YamlReadError)) throw e;
        report('', `the file ${e.message}`);
        continue;
      }
      if (typeof data !== 'object' || data === null || Array.isArray(data)) {
        report(
          '',
          `the file does not hold a ${folder.kind} document (a mapping with apiVersion, kind, metadata and spec)`,
        );
        continue;
      }
      const kind = (data as { kind?: unknown }).kind;
      const home = DELIVERY_FOLDERS.find(other => other.kind === kind);
      if (kind !== folder.kind && home) {
        report(
          'kind',
          `is ${home.kind}, but ${folder.dir}/ holds ${folder.kind} documents; move the file to ${home.dir}/`,
        );
        continue;
      }
      const { value, issues } = validateDocument(
        folder.schema as AnySchema,
        data,
      );
      issues.forEach(issue =>
        report(issue.path, issue.message, issue.severity),
      );
      if (!value) continue;
      const name = (value as Named).name;
      if (documentNameOf(file.path) !== name) {
        report(
          'metadata.name',
          `is "${name}" but the file is named ${documentNameOf(
            file.path,
          )}; name the file after the document`,
          'warning',
        );
      }
      valid.push({ value: value as Named, file: file.path, raw: data });
    }
    // Of two documents with one name, the file named after it wins, else the first by path.
    const preferred = (entry: Entry) =>
      documentNameOf(entry.file) === entry.value.name ? 0 : 1;
    valid.sort(
      (a, b) => preferred(a) - preferred(b) || a.file.localeCompare(b.file),
    );
    for (const entry of valid) {
      const existing = documents.get(entry.value.name);
      if (existing) {
        problems.push({
          file: entry.file,
          path: 'metadata.name',
          message: `"${entry.value.name}" is already defined in ${existing.file}; this file was left out`,
          severity: 'error',
        });
      } else {
        documents.set(entry.value.name, entry);
      }
    }
  }

  const values = <T>(kind: string) =>
    [...byKind.get(kind)!.values()].map(entry => ({
      ...entry,
      value: entry.value as T,
    }));
  const checked = checkCrossReferences(
    {
      environments: values<Environment>('Environment'),
      products: values<Product>('Product'),
      flows: values<PromotionFlow>('PromotionFlow'),
    },
    options.runtimeNames,
  );
  problems.push(...checked.problems);
  problems.sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.path.localeCompare(b.path, undefined, { numeric: true }) ||
      a.severity.localeCompare(b.severity), // errors before warnings
  );
  return {
    environments: checked.environments.sort(
      (a, b) => a.order - b.order || a.name.localeCompare(b.name),
    ),
    products: checked.products.sort((a, b) => a.name.localeCompare(b.name)),
    flows: checked.flows.sort((a, b) => a.name.localeCompare(b.name)),
    problems,
  };
}
