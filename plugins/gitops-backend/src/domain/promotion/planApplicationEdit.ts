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
} from '@slipway/plugin-gitops-common';
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
  return new InputError(
    path ? `${file} ${path}: ${message}` : `${file} ${message}`,
  );
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
      identity: `${
        typeof resolved.value === 'string' ? 'str' : 'other'
      }:${text}`,
    };
  }
  const data = resolved
    ? (resolved as Node).toJS(doc, { maxAliasCount: 100 })
    : null;
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

function filterMatches(
  doc: Document,
  item: AnyNode,
  key: string,
  value: string,
) {
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
function copyNode(
  sourceDoc: Document,
  node: AnyNode,
  targetDoc: Document,
): Node {
  const resolved = isAlias(node) ? node.resolve(sourceDoc) : node;
  if (resolved && !containsAlias(resolved)) {
    const clone = resolved.clone() as Node;
    // Anchors could clash with the target's own; the copy needs none.
    visit(clone, (_key, n) => {
      if ((isScalar(n) || isCollection(n)) && n.anchor) delete n.anchor;
    });
    if ((isScalar(clone) || isCollection(clone)) && clone.anchor)
      delete clone.anchor;
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
    isScalar(target) && STRING_STYLES.includes(target.type as StringStyle)
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

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

function indentLines(lines: string[], spaces: number): string[] {
  return lines.map(line => (line === '' ? line : ' '.repeat(spaces) + line));
}

/** `key: value` as YAML lines, with the value's own nested indentation of two spaces. */
function renderPair(key: Node, value: Node): string[] {
  const doc = new Document(new YAMLMap());
  (doc.contents as YAMLMap).items.push(doc.createPair(key, value));
  return doc
    .toString({ lineWidth: 0, flowCollectionPadding: false })
    .replace(/\n$/, '')
    .split('\n');
}

/** A collection as one line of flow YAML (`{cpu: "2", memory: 1Gi}`), without comments. */
function renderFlow(node: Node): string | undefined {
  const clone = node.clone() as Node;
  visit(clone, (_key, n) => {
    if (isCollection(n)) n.flow = true;
    if (isScalar(n) || isCollection(n)) {
      delete n.comment;
      delete n.commentBefore;
    }
  });
  if (isCollection(clone)) clone.flow = true;
  const lines = renderPair(new Scalar('k'), clone);
  return lines.length === 1 ? lines[0].slice('k: '.length) : undefined;
}

/** The value part of `renderPair`: either inline text or block lines (indentation removed). */
function renderValue(
  node: Node,
): { inline: string } | { header: string; lines: string[] } {
  const [first, ...rest] = renderPair(new Scalar('k'), node);
  const header = first.slice('k:'.length).trim();
  if (rest.length === 0) {
    return { inline: header };
  }
  const indent = Math.min(
    ...rest
      .filter(line => line.trim() !== '')
      .map(line => line.length - line.trimStart().length),
  );
  return { header, lines: rest.map(line => line.slice(indent)) };
}

/**
 * Replaces the target node's text with the replacement node, touching nothing else in the file.
 * `undefined` when the target's shape is one this cannot splice; the caller then writes the file
 * through the document API.
 */
function spliceReplacement(
  text: string,
  target: AnyNode,
  parent: Node | undefined,
  replacement: Node,
): string | undefined {
  if (!target.range) return undefined;
  const [start, valueEnd] = target.range;
  const original = text.slice(start, valueEnd);
  const endsWithNewline = original.endsWith('\n');
  const inlineTarget =
    isAlias(target) ||
    (isScalar(target) &&
      (STRING_STYLES as readonly string[]).includes(target.type ?? 'PLAIN')) ||
    (isCollection(target) && target.flow === true);
  const insideFlow = isCollection(parent) && parent.flow === true;
  if (inlineTarget || insideFlow) {
    const inline = isScalar(replacement) ? renderValue(replacement) : undefined;
    const value =
      inline && 'inline' in inline ? inline.inline : renderFlow(replacement);
    return value === undefined
      ? undefined
      : splice(text, start, valueEnd, value);
  }
  const rendered = renderValue(replacement);
  if (isCollection(target)) {
    // A block collection starts at its first key or dash, at column C; its text ends with a newline.
    const column = columnOf(text, start);
    const value =
      'inline' in rendered
        ? rendered.inline
        : [
            rendered.lines[0],
            ...indentLines(rendered.lines.slice(1), column),
          ].join('\n');
    return splice(text, start, valueEnd, value + (endsWithNewline ? '\n' : ''));
  }
  if (isScalar(target)) {
    // A block scalar: header on the key's line, content indented below it.
    const contentIndent =
      /\n( +)\S/.exec(original)?.[1].length ?? columnOf(text, start) + 2;
    const value =
      'inline' in rendered
        ? rendered.inline
        : [rendered.header, ...indentLines(rendered.lines, contentIndent)].join(
            '\n',
          );
    const newline = endsWithNewline || !('inline' in rendered) ? '\n' : '';
    return splice(text, start, valueEnd, value + newline);
  }
  return undefined;
}

/** Adds `key: value` to a mapping in the text, after its last entry. */
function spliceNewKey(
  text: string,
  map: YAMLMap,
  key: string,
  value: Node,
): string | undefined {
  if (!map.range) return undefined;
  const keyNode = new Scalar(key);
  if (map.flow) {
    const last = map.items[map.items.length - 1];
    const inline = isScalar(value) ? renderValue(value) : undefined;
    const rendered =
      inline && 'inline' in inline ? inline.inline : renderFlow(value);
    if (rendered === undefined) return undefined;
    const entry = `${stringify(keyNode, { lineWidth: 0 }).trim()}: ${rendered}`;
    if (last && (last.value as Node | null)?.range) {
      const end = (last.value as Node).range![1];
      return splice(text, end, end, `, ${entry}`);
    }
    const open = text.indexOf('{', map.range[0]);
    return open < 0 ? undefined : splice(text, open + 1, open + 1, entry);
  }
  const column = columnOf(text, map.range[0]);
  const at = map.range[1];
  let prefix = '';
  if (text[at - 1] !== '\n') {
    // The mapping ends the file without a final newline.
    if (at !== text.length) return undefined;
    prefix = '\n';
  }
  const lines = indentLines(renderPair(keyNode, value), column);
  return splice(text, at, at, `${prefix}${lines.join('\n')}\n`);
}

interface SingleEdit {
  text: string;
  change: PromotionValueChange;
}

function dataOf(doc: Document): string {
  try {
    return JSON.stringify(doc.toJS({ maxAliasCount: 100 }));
  } catch (e) {
    throw new InputError(
      `The edited file cannot be read back: ${(e as Error).message}`,
    );
  }
}

/** The spliced text when it parses to exactly the data the document API produced; otherwise undefined. */
function checkedSplice(spliced: string | undefined, expectedData: string) {
  if (spliced === undefined) return undefined;
  const doc = parseDocument(spliced);
  if (doc.errors.length > 0) return undefined;
  try {
    return JSON.stringify(doc.toJS({ maxAliasCount: 100 })) === expectedData
      ? spliced
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Copies one path's value from the source document into the target text. The edit is made twice:
 * through the `yaml` document API (keeps comments and key order, but re-indents the whole file) and
 * as a splice of just the value's text (every other byte stays as it was). The splice is used when
 * it reads back to exactly the same data as the document API's result, which is the usual case;
 * otherwise the document API's text is written.
 *
 * A key missing from the target is created when its parent mapping exists (a value the source
 * started to set, e.g. `image.digest`). A missing parent is an error: the target's layout then
 * differs from the source's and guessing where the value belongs would be wrong.
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
  const sourceValue = isAlias(sourceNode)
    ? sourceNode.resolve(sourceDoc)
    : sourceNode;

  if (!located.found) {
    if (!located.missingKey) {
      throw inputError(
        targetLabel,
        pathText,
        `not found in the target: ${located.reason}`,
      );
    }
    const { map, key } = located.missingKey;
    const value = isScalar(sourceValue)
      ? scalarNode(
          renderScalar(sourceValue, new Scalar(null), map.flow === true),
        )
      : copyNode(sourceDoc, sourceNode, targetDoc);
    const spliced = spliceNewKey(targetText, map, key, value);
    map.set(targetDoc.createNode(key), value);
    return {
      text:
        checkedSplice(spliced, dataOf(targetDoc)) ??
        targetDoc.toString({ lineWidth: 0 }),
      change: { file, path: pathText, to: to.text },
    };
  }

  const from = describeValue(targetDoc, located.node);
  const change: PromotionValueChange = {
    file,
    path: pathText,
    from: from.text,
    to: to.text,
  };
  if (from.identity === to.identity) {
    return { text: targetText, change };
  }
  const { node: target, parent } = located;
  const insideFlow = isCollection(parent) && parent.flow === true;
  const isBlock = (node: unknown) =>
    isScalar(node) &&
    (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED');
  // A multi-line block scalar copied into a block scalar stays a block; other scalars are one line.
  const replacement =
    isScalar(sourceValue) && !(isBlock(sourceValue) && isBlock(target))
      ? scalarNode(renderScalar(sourceValue, target, insideFlow))
      : copyNode(sourceDoc, sourceNode, targetDoc);
  const spliced = spliceReplacement(targetText, target, parent, replacement);
  if ((isScalar(target) || isCollection(target)) && target.anchor) {
    // Other places alias this value: they follow it, as the splice (which keeps `&anchor`) does.
    (replacement as Scalar).anchor = target.anchor;
  }
  if (isMap(parent)) {
    const pair = parent.items.find(item => item.value === target);
    if (pair) pair.value = replacement;
  } else if (isSeq(parent)) {
    parent.items[parent.items.indexOf(target)] = replacement;
  } else {
    (targetDoc as Document).contents = replacement;
  }
  return {
    text:
      checkedSplice(spliced, dataOf(targetDoc)) ??
      targetDoc.toString({ lineWidth: 0 }),
    change,
  };
}

/** The node a rendered scalar reads as, so both ways of editing write the same value and quotes. */
function scalarNode(rendered: string): Scalar {
  const node = parseDocument(rendered).contents;
  if (!isScalar(node)) {
    throw new Error(`Rendered value ${rendered} is not a scalar`);
  }
  return node;
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
  const located =
    doc.errors.length === 0 ? locate(doc, segments, true) : undefined;
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
      throw inputError(
        sourceLabel,
        undefined,
        "does not exist at the source application's synced revision",
      );
    }
    const before = edited.get(targetPath)?.before ?? input.targetFiles[file];
    if (before === undefined) {
      throw inputError(
        targetLabel,
        undefined,
        'does not exist on the target branch',
      );
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
        throw inputError(
          file,
          pathText,
          'points at the whole file; name a value inside it',
        );
      }
      const sourceLocated = locate(sourceDoc, segments, true);
      if (!sourceLocated.found) {
        throw inputError(
          sourceLabel,
          pathText,
          `not found: ${sourceLocated.reason}`,
        );
      }
      const expected = describeValue(sourceDoc, sourceLocated.node);
      if (expected.text === '' || expected.identity === 'json:null') {
        throw inputError(
          sourceLabel,
          pathText,
          'is empty; refusing to blank the target',
        );
      }
      const edit = applyPath(
        file,
        pathText,
        segments,
        sourceDoc,
        sourceLocated.node,
        text,
        targetLabel,
      );
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
