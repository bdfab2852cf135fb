import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMMANDS } from '../../src/cli/commands.js';

// The README is a five-minute read; everything else is in docs/. These checks keep the two
// linked: every relative link lands on a file, every #anchor on a heading of its page.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');
const DOC_PAGES = readdirSync(join(ROOT, 'docs'))
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((f) => `docs/${f}`);
/** Every markdown file whose links are checked. */
const PAGES = ['README.md', 'infra/README.md', ...DOC_PAGES];

/** The text with fenced code blocks blanked out (line numbers kept) and code spans neutral. */
function prose(text: string): string {
  let fence: string | undefined;
  return text
    .split('\n')
    .map((line) => {
      const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
      if (fence !== undefined) {
        if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length)
          fence = undefined;
        return '';
      }
      if (marker !== undefined) {
        fence = marker;
        return '';
      }
      return line.replace(/(`+)(?:(?!\1).)+?\1/g, 'code');
    })
    .join('\n');
}

/** GitHub's heading anchor (github-slugger): lowercase, punctuation but - and _ dropped, each space a -. */
function slug(heading: string): string {
  const text = heading
    .replace(/`/g, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\*+/g, '')
    .trim();
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors of a page's headings, a repeated one numbered -1, -2 as GitHub does. */
function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const line of prose(text).split('\n')) {
    const heading = /^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const base = slug(heading);
    let id = base;
    while (seen.has(id)) {
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      id = `${base}-${n}`;
    }
    seen.set(id, 0);
    out.add(id);
  }
  return out;
}

/** The inline links' targets of a page, outside code. */
function links(text: string): string[] {
  return [...prose(text).matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map(
    (m) => m[1] ?? ''
  );
}

/**
 * What is wrong with each relative link of `file` (a path from the repository root): a target that
 * does not exist, or an anchor that is no heading of its page. `readPage` gives a file's text,
 * undefined when it does not exist.
 */
function linkProblems(
  file: string,
  text: string,
  readPage: (path: string) => string | undefined,
  isDirectory: (path: string) => boolean = () => false
): string[] {
  const problems: string[] = [];
  for (const target of links(text)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: ...
    const [path = '', anchor] = target.split('#', 2);
    const resolved = path === '' ? file : relative('.', join(dirname(file), decodeURI(path)));
    if (resolved.startsWith('..')) {
      problems.push(`${file}: ${target} leaves the repository`);
      continue;
    }
    const page = readPage(resolved);
    if (page === undefined && !isDirectory(resolved)) {
      problems.push(`${file}: ${target}: no file ${resolved}`);
      continue;
    }
    if (anchor === undefined) continue;
    if (page === undefined || !resolved.endsWith('.md'))
      problems.push(`${file}: ${target}: an anchor into ${resolved}, which has no headings`);
    else if (!anchors(page).has(decodeURIComponent(anchor)))
      problems.push(`${file}: ${target}: ${resolved} has no heading #${anchor}`);
  }
  return problems;
}

const fromDisk = (path: string): string | undefined => {
  const full = join(ROOT, path);
  return existsSync(full) && statSync(full).isFile() ? readFileSync(full, 'utf8') : undefined;
};
const isDirectoryOnDisk = (path: string): boolean => {
  const full = join(ROOT, path);
  return existsSync(full) && statSync(full).isDirectory();
};

/** The text under a `## heading` of a page, up to the next `## `. */
const section = (text: string, heading: string): string =>
  text.split(`\n## ${heading}\n`)[1]?.split('\n## ')[0] ?? '';

describe('GitHub heading anchors', () => {
  it('lowercase, drop punctuation but - and _, turn each space into -', () => {
    expect(slug('Exit status of the coordinate step')).toBe('exit-status-of-the-coordinate-step');
    expect(slug('What the CLI shows, and what it accepts')).toBe(
      'what-the-cli-shows-and-what-it-accepts'
    );
    expect(slug('`doctor` --fix & `thaw`')).toBe('doctor---fix--thaw');
    expect(slug("Why each permission (it's [least](x.md) privilege)")).toBe(
      'why-each-permission-its-least-privilege'
    );
    expect(slug('snake_case Ünïcode 2')).toBe('snake_case-ünïcode-2');
  });

  it('number repeated headings -1, -2, and ignore # lines in code', () => {
    const page = '# A\n\n## Notes\n\n```sh\n# Notes\n```\n\n## Notes\n\n### Notes\n';
    expect([...anchors(page)]).toEqual(['a', 'notes', 'notes-1', 'notes-2']);
  });
});

describe('the link check', () => {
  const pages: Record<string, string> = {
    'README.md': '# Title\n\n## Usage\n\nSee [usage](#usage) and [cli](docs/cli.md#unlock).\n',
    'docs/cli.md': '# CLI\n\n## Unlock\n\n[back](../README.md#usage) `[not](a-link.md)`\n'
  };
  const readPage = (path: string): string | undefined => pages[path];

  it('accepts links to files and headings that exist', () => {
    for (const [file, text] of Object.entries(pages))
      expect(linkProblems(file, text, readPage)).toEqual([]);
  });

  it('fails on a missing file, a missing heading and a missing in-page anchor', () => {
    const text =
      '# T\n\n[a](docs/gone.md) [b](docs/cli.md#lock) [c](#nowhere) [d](https://example.com/x#y)\n';
    expect(linkProblems('README.md', text, readPage)).toEqual([
      'README.md: docs/gone.md: no file docs/gone.md',
      'README.md: docs/cli.md#lock: docs/cli.md has no heading #lock',
      'README.md: #nowhere: README.md has no heading #nowhere'
    ]);
  });
});

describe('README.md and docs/', () => {
  it.each(PAGES)('every relative link and anchor of %s resolves', (file) => {
    expect(linkProblems(file, read(file), fromDisk, isDirectoryOnDisk)).toEqual([]);
  });

  it('the README is a five-minute read: under 250 lines', () => {
    expect(read('README.md').trimEnd().split('\n').length).toBeLessThan(250);
  });

  it("the README's Documentation section links every page of docs/, one line each", () => {
    const lines = section(read('README.md'), 'Documentation')
      .split('\n')
      .filter((l) => l.startsWith('- '));
    const linked = lines.flatMap((l) =>
      links(l)
        .filter((t) => t.startsWith('docs/'))
        .map((t) => t.split('#')[0])
    );
    expect([...linked].sort()).toEqual(DOC_PAGES);
    for (const line of lines) expect(line).toMatch(/^- \[[^\]]+\]\([^)]+\): \S/);
  });

  it('every page of docs/ has one title and links back to the README', () => {
    for (const file of DOC_PAGES) {
      const text = read(file);
      expect(text.match(/^# /gm)).toHaveLength(1);
      expect(links(text)).toContain('../README.md');
    }
  });

  it("docs/cli.md opens with the table of every command, unlock's among them", () => {
    const text = read('docs/cli.md');
    const first = /^## (.*)$/m.exec(text)?.[1];
    expect(first).toBe('Commands');
    const rows = section(text, 'Commands')
      .split('\n')
      .filter((l) => /^\| `/.test(l))
      .map((l) => /^\| `([^`]+)`/.exec(l)?.[1]);
    expect([...rows].sort()).toEqual(Object.keys(COMMANDS).sort());
    expect(anchors(text).has('unlock-a-stuck-environment')).toBe(true);
  });
});
