/**
 * The documentation holds together: every relative link of README.md, CHANGELOG.md and docs/*.md
 * leads to a file of the repository and, with a `#fragment`, to a heading of the target as GitHub
 * makes its anchor; every page of docs/ (and the changelog) is reachable from README.md by
 * following links; README.md stays short and states the checkout's two commands near its top
 * (.ci/run runs "the README's test command"); docs/architecture.md names every file of generator/
 * and runtime/. The checker is tested first on small documents (given → want), so that a broken
 * link is known to fail. Reads files only: no child process.
 */
import test from 'ava';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const README_MAX_LINES = 300;

/** What the checker reads: a page's text (undefined for a folder or no file) and whether a path exists. Paths are relative to the repository, with `/`. */
interface Docs {
  text(rel: string): string | undefined;
  exists(rel: string): boolean;
}

const onDisk: Docs = {
  text: (rel) => {
    const file = path.join(ROOT, rel);
    return existsSync(file) && statSync(file).isFile() ? readFileSync(file, 'utf8') : undefined;
  },
  exists: (rel) => existsSync(path.join(ROOT, rel)),
};

/** The lines of a Markdown text with fenced code blocks blanked out (kept as empty lines, so line numbers hold). */
function proseLines(markdown: string): string[] {
  let fence: string | undefined;
  return markdown.split('\n').map((line) => {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === undefined && marker !== undefined) {
      fence = marker;
      return '';
    }
    if (fence !== undefined) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
      return '';
    }
    return line;
  });
}

/** A line without its code spans (a link written inside backticks is not a link). */
function withoutCodeSpans(line: string): string {
  return line.replace(/(`+)[\s\S]*?\1/g, (span) => ' '.repeat(span.length));
}

/**
 * GitHub's anchor of a heading (github-slugger's rule): the heading's text as rendered (code spans,
 * emphasis and link targets gone), lower-cased, every character that is not a letter, a mark, a
 * number, `_`, `-` or a space removed, then every space a `-` (two spaces make two).
 */
export function githubSlug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]*>/g, '')
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '').replace(/ /g, '-');
}

/** Every anchor a page offers: its headings' slugs (a repeated slug gets -1, -2, … as on GitHub) and explicit `<a name>` / `id` anchors. */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const counts = new Map<string, number>();
  const add = (heading: string) => {
    const slug = githubSlug(heading);
    const seen = counts.get(slug) ?? 0;
    counts.set(slug, seen + 1);
    anchors.add(seen === 0 ? slug : `${slug}-${seen}`);
  };
  const lines = proseLines(markdown);
  lines.forEach((line, i) => {
    const atx = /^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (atx) return add(atx[1] ?? '');
    const next = lines[i + 1];
    if (next !== undefined && line.trim() !== '' && !/^ {0,3}([-*_>|]|\d+[.)])/.test(line) && /^ {0,3}(=+|-+)[ \t]*$/.test(next)) add(line);
    for (const m of line.matchAll(/<a\s[^>]*\b(?:name|id)="([^"]+)"/g)) anchors.add(m[1]!);
  });
  return anchors;
}

export interface Link {
  line: number;
  /** the link as written, for the message */
  written: string;
  target: string;
}

/** The links of a page outside code: inline links and images `[text](target "title")`, and reference definitions `[label]: target`. */
export function linksOf(markdown: string): Link[] {
  const links: Link[] = [];
  proseLines(markdown).forEach((raw, i) => {
    const line = withoutCodeSpans(raw);
    for (const m of line.matchAll(/!?\[(?:[^[\]]|\[[^\]]*\])*\]\(\s*(<[^>]*>|[^\s)]+)(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g)) {
      links.push({ line: i + 1, written: m[0], target: m[1]!.replace(/^<|>$/g, '') });
    }
    const definition = /^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)/.exec(line);
    if (definition) links.push({ line: i + 1, written: definition[0], target: definition[1]!.replace(/^<|>$/g, '') });
  });
  return links;
}

const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');

/** Where a relative link of `page` leads: the repository path (`''` for the page itself) and the fragment, if any. */
function resolve(page: string, target: string): { rel: string; fragment?: string } {
  const hash = target.indexOf('#');
  const file = decodeURI(hash === -1 ? target : target.slice(0, hash));
  const fragment = hash === -1 ? undefined : decodeURIComponent(target.slice(hash + 1));
  const rel = file === '' ? page : path.posix.normalize(path.posix.join(path.posix.dirname(page), file)).replace(/\/$/, '');
  return fragment === undefined ? { rel } : { rel, fragment };
}

/** What is wrong with the relative links of one page: each problem names the page, the line, the link and what to fix. */
export function problemsOf(page: string, docs: Docs): string[] {
  const text = docs.text(page);
  if (text === undefined) return [`${page}: no such page`];
  const problems: string[] = [];
  for (const link of linksOf(text)) {
    if (isExternal(link.target)) continue;
    const where = `${page}:${link.line}: ${link.written}`;
    const { rel, fragment } = resolve(page, link.target);
    if (rel === '..' || rel.startsWith('../')) {
      problems.push(`${where}: leads out of the repository (${rel}); link to a file of the repository`);
      continue;
    }
    if (!docs.exists(rel)) {
      problems.push(`${where}: ${rel} does not exist; correct the path (relative to ${page})`);
      continue;
    }
    if (fragment === undefined || fragment === '') continue;
    const target = docs.text(rel);
    if (target === undefined || !rel.endsWith('.md')) {
      problems.push(`${where}: #${fragment} points into ${rel}, which is not a Markdown page`);
      continue;
    }
    const anchors = anchorsOf(target);
    if (!anchors.has(fragment)) problems.push(`${where}: ${rel} has no heading whose anchor is #${fragment}; its anchors: ${[...anchors].join(', ')}`);
  }
  return problems;
}

/** The Markdown pages reachable from `start` by following relative links. */
export function reachableFrom(start: string, docs: Docs): Set<string> {
  const seen = new Set<string>([start]);
  const queue = [start];
  for (let page = queue.shift(); page !== undefined; page = queue.shift()) {
    const text = docs.text(page);
    if (text === undefined) continue;
    for (const link of linksOf(text)) {
      if (isExternal(link.target)) continue;
      const { rel } = resolve(page, link.target);
      if (rel.endsWith('.md') && !seen.has(rel) && docs.text(rel) !== undefined) {
        seen.add(rel);
        queue.push(rel);
      }
    }
  }
  return seen;
}

/** An in-memory repository for the checker's own tests. */
function memoryDocs(files: Record<string, string>): Docs {
  const all = Object.keys(files);
  return {
    text: (rel) => files[rel],
    exists: (rel) => rel in files || all.some((f) => f.startsWith(`${rel}/`)),
  };
}

// --- the checker, given → want

test('githubSlug: GitHub\'s anchors of headings', (t) => {
  const cases: Array<[string, string]> = [
    ['Quick start: a backup client for your server', 'quick-start-a-backup-client-for-your-server'],
    ['Schema drift: `unknownElements: \'keep\'`', 'schema-drift-unknownelements-keep'],
    ['The stand-in Plesk server (`examples/stand-in/`)', 'the-stand-in-plesk-server-examplesstand-in'],
    ["The project's schemas: xsd/", 'the-projects-schemas-xsd'],
    ['How generated/ is kept fresh', 'how-generated-is-kept-fresh'],
    ['1. Install', '1-install'],
    ['`db_server` and **bold** and [a link](other.md)', 'db_server-and-bold-and-a-link'],
    ['Decode × 2 → 4', 'decode--2--4'],
    ['Ünïcode – Straße', 'ünïcode--straße'],
  ];
  t.deepEqual(cases.map(([heading]) => githubSlug(heading)), cases.map(([, want]) => want));
});

test('anchorsOf: ATX and setext headings, repeated ones numbered, explicit anchors; nothing from code blocks', (t) => {
  const page = ['# Title', '', '## Part', '', '```md', '## Not a heading', '```', '', '## Part', '', 'Setext', '------', '', '<a name="here"></a>', '', '### Part ###'].join('\n');
  t.deepEqual([...anchorsOf(page)].sort(), ['here', 'part', 'part-1', 'part-2', 'setext', 'title']);
});

test('linksOf: inline links, images and definitions, with their lines; none in code spans or fenced blocks', (t) => {
  const page = ['See [a](a.md) and ![b](img/b.png "B").', '`[not](code.md)` and [c](<c d.md#x>)', '```', '[not](fenced.md)', '```', '[ref]: ref.md'].join('\n');
  t.deepEqual(linksOf(page).map((l) => [l.line, l.target]), [[1, 'a.md'], [1, 'img/b.png'], [2, 'c d.md#x'], [6, 'ref.md']]);
});

test('problemsOf: a missing file, a missing anchor, a link out of the repository and a non-Markdown fragment fail; good links, folders and external links pass', (t) => {
  const docs = memoryDocs({
    'README.md': [
      '# Top', '', '[ok](docs/a.md#part-one) [self](#top) [folder](src/) [web](https://example.com/x#y)',
      '[gone](docs/gone.md) [bad anchor](docs/a.md#part-two)', '[out](../shared/x.md) [code](src/x.ts#L3)',
    ].join('\n'),
    'docs/a.md': '# A\n\n## Part one\n\n[back](../README.md#top) [wrong](../README.md#bottom)\n',
    'src/x.ts': 'export {};\n',
  });
  t.deepEqual(problemsOf('README.md', docs), [
    'README.md:4: [gone](docs/gone.md): docs/gone.md does not exist; correct the path (relative to README.md)',
    'README.md:4: [bad anchor](docs/a.md#part-two): docs/a.md has no heading whose anchor is #part-two; its anchors: a, part-one',
    'README.md:5: [out](../shared/x.md): leads out of the repository (../shared/x.md); link to a file of the repository',
    'README.md:5: [code](src/x.ts#L3): #L3 points into src/x.ts, which is not a Markdown page',
  ]);
  t.deepEqual(problemsOf('docs/a.md', docs), ['docs/a.md:5: [wrong](../README.md#bottom): README.md has no heading whose anchor is #bottom; its anchors: top']);
});

test('reachableFrom: pages reached through other pages; an unlinked page is not', (t) => {
  const docs = memoryDocs({ 'README.md': '[a](docs/a.md)', 'docs/a.md': '[b](b.md#x) [readme](../README.md)', 'docs/b.md': '# X', 'docs/orphan.md': '[a](a.md)' });
  t.deepEqual([...reachableFrom('README.md', docs)].sort(), ['README.md', 'docs/a.md', 'docs/b.md']);
});

// --- the documentation itself

const pages = ['README.md', 'CHANGELOG.md', ...readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];

test('every relative link of README.md, CHANGELOG.md and docs/*.md leads to an existing file, and every #anchor to a heading of its page', (t) => {
  const problems = pages.flatMap((page) => problemsOf(page, onDisk));
  t.deepEqual(problems, [], problems.join('\n'));
  t.true(pages.reduce((n, page) => n + linksOf(onDisk.text(page)!).length, 0) > 100, 'the pages were read and their links found');
});

test('every page of docs/, and the changelog, is reachable from README.md', (t) => {
  const reached = reachableFrom('README.md', onDisk);
  t.deepEqual(pages.filter((page) => !reached.has(page)), [], 'link each of these from README.md or from a page it reaches');
});

test(`README.md is at most ${README_MAX_LINES} lines and states the two commands for the checkout near its top`, (t) => {
  const lines = onDisk.text('README.md')!.replace(/\n$/, '').split('\n');
  t.true(lines.length <= README_MAX_LINES, `README.md has ${lines.length} lines: move detail to a page under docs/`);
  const top = lines.slice(0, 30);
  t.true(top.some((line) => /^ {4}npm ci && npm run generate\b/.test(line)), 'the install-and-generate command, as a code line in the first 30 lines');
  t.true(top.some((line) => /^ {4}npm test\b/.test(line)), 'the test command .ci/run runs (npm test), as a code line in the first 30 lines');
});

test('docs/architecture.md names every file of generator/ and runtime/', (t) => {
  const architecture = onDisk.text('docs/architecture.md')!;
  const filesUnder = (dir: string): string[] =>
    readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(`${dir}/${entry.name}`) : [`${dir}/${entry.name}`]));
  const files = [...filesUnder('generator'), ...filesUnder('runtime')];
  t.true(files.length > 50);
  t.deepEqual(files.filter((file) => !architecture.includes(file)), [], 'add a line for each to "Which file owns what" in docs/architecture.md');
});
