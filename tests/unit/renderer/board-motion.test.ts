import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The display board's stylesheets: everything that moves is in motion.css, animates only what the
 * compositor draws without the page (a hall TV often composites in software), and stands still
 * with prefers-reduced-motion. The built page is checked in Chromium by tests/e2e/board-motion.spec.ts.
 */

const BOARD_DIR = resolve(import.meta.dirname, '../../../renderer/board');
const css = (file: string): string => readFileSync(join(BOARD_DIR, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');

/** The block that follows `opener` (e.g. an @media), braces matched. */
function block(text: string, opener: string): string {
  const start = text.indexOf(opener);
  if (start < 0) return '';
  const open = text.indexOf('{', start);
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(open + 1, i);
  }
  return '';
}

/** Plain rules (no at-rules) of a stylesheet: selector → declarations. */
const rules = (text: string): Array<{ selector: string; body: string }> =>
  [...text.matchAll(/([^{}@]+)\{([^{}]*)\}/g)].map((m) => ({ selector: (m[1] ?? '').trim(), body: m[2] ?? '' }));

describe('display board: what moves (motion.css)', () => {
  const REDUCED = '@media (prefers-reduced-motion: reduce)';
  const motion = css('motion.css');
  const moving = motion.replace(block(motion, REDUCED), '');

  it('every animation changes only opacity or transform, which the compositor draws without the page', () => {
    const frames = [...motion.matchAll(/@keyframes\s+([\w-]+)/g)].map((m) => m[1] ?? '');
    expect(frames.length).toBeGreaterThan(0);
    for (const name of frames) {
      const properties = [...block(motion, `@keyframes ${name}`).matchAll(/([\w-]+)\s*:/g)].map((m) => m[1]);
      expect(properties.filter((p) => p !== 'opacity' && p !== 'transform'), name).toEqual([]);
    }
  });

  it('nothing else on the board animates or transitions', () => {
    for (const file of ['board.css', 'sound.css']) expect(css(file), file).not.toMatch(/(^|[\s;{])(animation|transition)[\w-]*\s*:|@keyframes/);
  });

  it('with prefers-reduced-motion every animation stops', () => {
    const animated = rules(moving).filter((r) => /(^|[\s;])animation(-name)?\s*:\s*(?!none)/.test(r.body));
    expect(animated.length).toBeGreaterThan(0);
    const reduced = rules(block(motion, REDUCED));
    for (const { selector } of animated) {
      for (const one of selector.split(',').map((s) => s.trim())) {
        const stopped = reduced.some((r) => r.selector.split(',').map((s) => s.trim()).includes(one) && /animation\s*:\s*none|display\s*:\s*none/.test(r.body));
        expect(stopped, one).toBe(true);
      }
    }
  });
});
