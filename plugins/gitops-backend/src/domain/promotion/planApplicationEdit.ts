import { InputError } from '@backstage/errors';
import type {
  PromotionFile,
  PromotionValueChange,
} from '@slipway/plugin-gitops-common';
import {
  Alias,
  Document,
  isAlias,
  isCollection,
  isMap,
  isScalar,
  isSeq,
  Node,
  parseDocument,
  Scalar,
  stringify,
  visit,
  YAMLMap,
} from 'yaml';
import { parseYamlSafely, YamlReadError } from '../yaml/safeYaml';
import {
  formatValuePath,
  parseValuePath,
  PathSegment,
  PathSyntaxError,
} from '../yaml/valuePath';
import { resolveAppFile } from './appFilePath';

export interface ApplicationEditInput {
  /** What the product promotes: files relative to the application's source path and paths into them. */
  promotionFiles: PromotionFile[];
  /** The source application's `spec.source.path`. */
  sourcePath: string;
  /** The target application's `spec.source.path`. */
  targetPath: string;
  /** Keyed by `PromotionFile.file`: content at the source application's synced revision. */
  sourceFiles: Record<string, string | undefined>;
  /** Keyed by `PromotionFile.file`: content at the target branch head. */
  targetFiles: Record<string, string | undefined>;
}

export interface PlannedFileEdit {
  /** Relative to the repository root. */
  path: string;
  before: string;
  after: string;
}

export interface ApplicationEditPlan {
  /** Only files whose text changes. */
  files: PlannedFileEdit[];
  /** Every promoted path, changed or not: `from` is the target's old value, `to` the new one. */
  values: PromotionValueChange[];
  /** True when the target already has every value: nothing to commit. */
  noChange: boolean;
}

type AnyNode = Node | Alias;

/** What a value node is, to compare and report it. */
interface ValueText {
  /** As written for a scalar; YAML flow text for a collection. */
  text: string;
  /** Canonical form to decide "unchanged": a scalar's kind plus text, a collection's JSON. */
  identity: string;
}

function inputError(file: string, path: string | undefined, message: string) {
  return new InputError(`${file}${path ? ` ${path}` : ''}: ${message}`);
}

/** Refuses oversized files, alias bombs, several documents and bad syntax (see `parseYamlSafely`). */
function checkSafe(text: string, label: string): void {
  try {
    parseYamlSafely(text);
  } catch (e) {
    if (e instanceof YamlReadError) {
      throw new InputError(
        `${label} ${e.message}${e.line ? ` (line ${e.line})` : ''}`,
      );
    }
    throw e;
  }
}

function parseEditable(text: string): Document.Parsed {
  // Checked by checkSafe first; keepSourceTokens is not needed since edits splice the text itself.
  return parseDocument(text, { prettyErrors: true });
}

function scalarText(node: Scalar): string {
  if (typeof node.value === 'string') {
    return node.value;
  }
  // Plain numbers, booleans and nulls as written: `1.10` stays `1.10`.
  return node.source ?? (node.value === null ? '' : String(node.value));
}

function describeValue(doc: Document, node: AnyNode): ValueText {
  const resolved = isAlias(node) ? node.resolve(doc) : node;
  if (isScalar(resolved)) {
    const text = scalarText(resolved);
    return {
      text,
      identity: `${typeof resolved.value === 'string' ? 'str' : 'other'}:${text}`,
    };
  }
  const data = resolved ? (resolved as Node).toJS(doc, { maxAliasCount: 100 }) : null;
  return {
    text: stringify(data, { collectionStyle: 'flow', lineWidth: 0 }).trim(),
    identity: `json:${JSON.stringify(data)}`,
  };
}

function mapEntry(map: YAMLMap, key: string) {
  return map.items.find(
    pair => isScalar(pair.key) && scalarKey(pair.key) === key,
  );
}

function scalarKey(node: Scalar): string {
  return typeof node.value === 'string' ? node.value : scalarText(node);
}

function filterMatches(doc: Document, item: AnyNode, key: string, value: string) {
  const element = isAlias(item) ? item.resolve(doc) : item;
  if (!isMap(element)) return false;
  const field = mapEntry(element, key)?.value;
  const resolved = isAlias(field) ? field.resolve(doc) : field;
  return (
    isScalar(resolved) &&
    resolved.value !== null &&
    (scalarText(resolved) === value || String(resolved.value) === value)
  );
}

type Located =
  | { found: true; node: AnyNode; parent: Node | undefined }
  | {
      found: false;
      reason: string;
      /** Set when only the last key is missing from a mapping that exists. */
      missingKey?: { map: YAMLMap; key: string };
    };

/**
 * Walks the document's nodes (not plain data) along a path so the node can be edited in place.
 * `followAliases`: the source may read through aliases; the target may not, because editing
 * through an alias would change every place that shares the anchor.
 */
function locate(
  doc: Document,
  segments: readonly PathSegment[],
  followAliases: boolean,
): Located {
  let current: AnyNode | null | undefined = doc.contents as AnyNode | null;
  let parent: Node | undefined;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    const at = formatValuePath(segments.slice(0, i));
    if (isAlias(current)) {
      if (!followAliases) {
        return {
          found: false,
          reason: `${at} is a YAML alias (*${current.source}); Slipway does not edit through aliases, write the value out`,
        };
      }
      current = current.resolve(doc);
    }
    if (segment.kind === 'key') {
      if (!isMap(current)) {
        return { found: false, reason: `${at} is not a mapping` };
      }
      const pair = mapEntry(current, segment.key);
      if (!pair) {
        return {
          found: false,
          reason: `${at} has no "${segment.key}"`,
          ...(i === segments.length - 1
            ? { missingKey: { map: current, key: segment.key } }
            : {}),
        };
      }
      parent = current;
      current = pair.value as AnyNode | null;
    } else if (!isSeq(current)) {
      return { found: false, reason: `${at} is not a list` };
    } else if (segment.kind === 'index') {
      if (segment.index >= current.items.length) {
        return {
          found: false,
          reason: `${at} has ${current.items.length} elements, no index ${segment.index}`,
        };
      }
      parent = current;
      current = current.items[segment.index] as AnyNode | null;
    } else {
      const seq = current;
      const match = seq.items.find(item =>
        filterMatches(doc, item as AnyNode, segment.key, segment.value),
      );
      if (match === undefined) {
        return {
          found: false,
          reason: `no element of ${at} has ${segment.key} "${segment.value}"`,
        };
      }
      parent = seq;
      current = match as AnyNode;
    }
  }
  if (current === null || current === undefined) {
    // `key:` with nothing after it; an empty scalar we cannot locate in the text.
    return {
      found: false,
      reason: `${formatValuePath(segments)} is empty`,
    };
  }
  return { found: true, node: current, parent };
}

function containsAlias(node: Node): boolean {
  let found = false;
  visit(node, {
    Alias: () => {
      found = true;
      return visit.BREAK;
    },
  });
  return found;
}

/** A copy of the source node that can live in the target document. */
function copyNode(sourceDoc: Document, node: AnyNode, targetDoc: Document): Node {
  const resolved = isAlias(node) ? node.resolve(sourceDoc) : node;
  if (resolved && !containsAlias(resolved)) {
    const clone = resolved.clone() as Node;
    // Anchors could clash with the target's own; the copy needs none.
    visit(clone, (_key, n) => {
      if ((isScalar(n) || isCollection(n)) && n.anchor) delete n.anchor;
    });
    if ((isScalar(clone) || isCollection(clone)) && clone.anchor) delete clone.anchor;
    return clone;
  }
  // Aliases inside would point at anchors the target does not have: copy the data instead.
  return targetDoc.createNode(
    resolved ? resolved.toJS(sourceDoc, { maxAliasCount: 100 }) : null,
  );
}

const STRING_STYLES = ['PLAIN', 'QUOTE_SINGLE', 'QUOTE_DOUBLE'] as const;
type StringStyle = (typeof STRING_STYLES)[number];

/**
 * The text of a replacement scalar. The target's quoting is kept where it means the same value:
 * a quoted target stays quoted in the same quotes; a plain target stays plain unless plain text
 * would read as another type (then it is quoted, as YAML needs). A source number or boolean written
 * plain is copied as written, so `1.10` stays `1.10` and `true` stays a boolean.
 */
function renderScalar(
  source: Scalar,
  target: AnyNode,
  insideFlow: boolean,
): string {
  const text = scalarText(source);
  const targetStyle: StringStyle =
    isScalar(target) &&
    STRING_STYLES.includes(target.type as StringStyle)
      ? (target.type as StringStyle)
      : 'PLAIN';
  const sourceIsString = typeof source.value === 'string';
  const multiline = text.includes('\n');
  if (!sourceIsString && targetStyle === 'PLAIN') {
    return text;
  }
  let style: StringStyle = targetStyle;
  if (multiline || (insideFlow && /[,[\]{}]/.test(text))) {
    style = 'QUOTE_DOUBLE';
  }
  const rendered = stringify(text, {
    defaultStringType: style,
    defaultKeyType: 'PLAIN',
    lineWidth: 0,
    minContentWidth: 0,
  }).replace(/\n$/, '');
  if (rendered.includes('\n')) {
    // A block scalar or a folded quote would need the target's indentation: use one line instead.
    return JSON.stringify(text);
  }
  return rendered;
}

function splice(text: string, start: number, end: number, insert: string) {
  return text.slice(0, start) + insert + text.slice(end);
}

interface SingleEdit {
  text: string;
  change: PromotionValueChange;
}

/**
 * Copies one path's value from the source document into the target text. A scalar replacing a
 * one-line scalar (or an alias) is spliced into the text, so every other byte of the file stays as
 * it was. Anything else goes through the `yaml` document API, which keeps comments and key order but
 * may re-indent: a collection value, a multi-line (block) scalar, or a key that is missing from the
 * target. Creating that missing key is allowed when its parent mapping exists (a new value the
 * source started to set, e.g. `image.digest`); a missing parent is an error, since the target's
 * layout then differs from the source's and guessing where the value goes would be wrong.
 */
function applyPath(
  file: string,
  pathText: string,
  segments: PathSegment[],
  sourceDoc: Document,
  sourceNode: AnyNode,
  targetText: string,
  targetLabel: string,
): SingleEdit {
  const targetDoc = parseEditable(targetText);
  const located = locate(targetDoc, segments, false);
  const to = describeValue(sourceDoc, sourceNode);
  if (!located.found) {
    if (!located.missingKey) {
      throw inputError(targetLabel, pathText, `not found in the target: ${located.reason}`);
    }
    located.missingKey.map.set(
      targetDoc.createNode(located.missingKey.key),
      copyNode(sourceDoc, sourceNode, targetDoc),
    );
    return {
      text: targetDoc.toString({ lineWidth: 0 }),
      change: { file, path: pathText, to: to.text },
    };
  }
  const from = describeValue(targetDoc, located.node);
  const change: PromotionValueChange = { file, path: pathText, from: from.text, to: to.text };
  if (from.identity === to.identity) {
    return { text: targetText, change };
  }
  const sourceValue = isAlias(sourceNode) ? sourceNode.resolve(sourceDoc) : sourceNode;
  const target = located.node;
  const oneLineTarget =
    isAlias(target) ||
    (isScalar(target) &&
      (STRING_STYLES as readonly string[]).includes(target.type ?? 'PLAIN'));
  if (isScalar(sourceValue) && oneLineTarget && target.range) {
    const insideFlow = isCollection(located.parent) && located.parent.flow === true;
    const rendered = renderScalar(sourceValue, target, Boolean(insideFlow));
    const [start, valueEnd] = target.range;
    return {
      text: splice(targetText, start, valueEnd, rendered),
      change,
    };
  }
  const replacement = copyNode(sourceDoc, sourceNode, targetDoc);
  const parent = located.parent;
  if (isMap(parent)) {
    const pair = parent.items.find(item => item.value === target);
    if (pair) pair.value = replacement;
  } else if (isSeq(parent)) {
    parent.items[parent.items.indexOf(target)] = replacement;
  } else {
    (targetDoc as Document).contents = replacement;
  }
  return { text: targetDoc.toString({ lineWidth: 0 }), change };
}

/** Makes sure the edited text parses and holds the promoted value: a guard against a bad splice. */
function verifyEdit(
  text: string,
  segments: PathSegment[],
  expected: ValueText,
  label: string,
  pathText: string,
) {
  const doc = parseEditable(text);
  const located = doc.errors.length === 0 ? locate(doc, segments, true) : undefined;
  const actual = located?.found ? describeValue(doc, located.node) : undefined;
  const same =
    actual !== undefined &&
    (actual.identity === expected.identity ||
      // A number the target quotes on purpose stays a string with the same text.
      actual.text === expected.text);
  if (!same) {
    throw new Error(
      `Editing ${label} ${pathText} did not produce the promoted value; the file was left unchanged`,
    );
  }
}

/**
 * Plans the edit of one application's files for a promotion: every `promotion.files` path is copied
 * from the source application's files to the target's, changing nothing else in the files.
 */
export function planApplicationEdit(
  input: ApplicationEditInput,
): ApplicationEditPlan {
  const values: PromotionValueChange[] = [];
  // Several entries may name the same file; edits accumulate on one text per repository path.
  const edited = new Map<string, { before: string; after: string }>();

  for (const promotionFile of input.promotionFiles) {
    const file = promotionFile.file;
    const sourcePath = resolveAppFile(input.sourcePath, file);
    const targetPath = resolveAppFile(input.targetPath, file);
    const sourceLabel = `Source file ${sourcePath}`;
    const targetLabel = `Target file ${targetPath}`;

    const sourceText = input.sourceFiles[file];
    if (sourceText === undefined) {
      throw inputError(sourceLabel, undefined, 'does not exist at the source application\'s synced revision');
    }
    const before = edited.get(targetPath)?.before ?? input.targetFiles[file];
    if (before === undefined) {
      throw inputError(targetLabel, undefined, 'does not exist on the target branch');
    }
    checkSafe(sourceText, sourceLabel);
    checkSafe(before, targetLabel);
    const sourceDoc = parseEditable(sourceText);
    let text = edited.get(targetPath)?.after ?? before;

    for (const pathText of promotionFile.paths) {
      let segments: PathSegment[];
      try {
        segments = parseValuePath(pathText);
      } catch (e) {
        if (e instanceof PathSyntaxError) {
          throw new InputError(`${file}: ${e.message}`);
        }
        throw e;
      }
      if (segments.length === 0) {
        throw inputError(file, pathText, 'points at the whole file; name a value inside it');
      }
      const sourceLocated = locate(sourceDoc, segments, true);
      if (!sourceLocated.found) {
        throw inputError(sourceLabel, pathText, `not found: ${sourceLocated.reason}`);
      }
      const expected = describeValue(sourceDoc, sourceLocated.node);
      if (expected.text === '' || expected.identity === 'json:null') {
        throw inputError(sourceLabel, pathText, 'is empty; refusing to blank the target');
      }
      const edit = applyPath(file, pathText, segments, sourceDoc, sourceLocated.node, text, targetLabel);
      if (edit.text !== text) {
        checkSafe(edit.text, targetLabel);
        verifyEdit(edit.text, segments, expected, targetLabel, pathText);
      }
      text = edit.text;
      values.push(edit.change);
    }
    edited.set(targetPath, { before, after: text });
  }

  const files = [...edited.entries()]
    .filter(([, { before, after }]) => before !== after)
    .map(([path, { before, after }]) => ({ path, before, after }));
  return { files, values, noChange: files.length === 0 };
}
