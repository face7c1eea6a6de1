// Renders a streaming value in the terminal. On a TTY the view is redrawn in place (cursor up,
// clear, draw) so the partial object visibly fills in; anywhere else (pipes, CI logs) each new
// partial is one plain line, so the output stays readable as a log.

/** The parts of a stream the view writes to (process.stdout in the demo). */
export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
  rows?: number;
  columns?: number;
}

const ESC = '\x1b[';
const dim = (s: string) => `${ESC}2m${s}${ESC}22m`;
const bold = (s: string) => `${ESC}1m${s}${ESC}22m`;
const green = (s: string) => `${ESC}32m${s}${ESC}39m`;
const cyan = (s: string) => `${ESC}36m${s}${ESC}39m`;

/** A live view of one streamed call. */
export interface LiveView {
  partial(value: unknown): void;
  final(value: unknown): void;
  /** Restores the cursor if the run ends early. */
  stop(): void;
}

/** Creates the view; `title` names what is streaming (shown above the value). */
export function createLiveView(out: Output, title: string): LiveView {
  const started = Date.now();
  const tty = out.isTTY === true;
  let drawn = 0;
  let count = 0;
  let last = '';

  const width = out.columns || 120;
  const redraw = (lines: string[], fit = true) => {
    // While streaming, never draw more lines than fit: a view taller than the screen cannot be
    // redrawn in place. The final value is drawn whole; it is not redrawn afterwards.
    const room = Math.max(5, (out.rows || 40) - 2);
    const shown =
      fit && lines.length > room
        ? [...lines.slice(0, room - 1), dim(`  … ${lines.length - room + 1} more lines`)]
        : lines;
    const clipped = shown.map((line) => clip(line, width));
    out.write(`${drawn > 0 ? `${ESC}${drawn}F` : ''}${ESC}0J${clipped.join('\n')}\n`);
    drawn = clipped.length;
  };

  if (tty) out.write(`${ESC}?25l`);

  return {
    partial(value) {
      const json = JSON.stringify(value);
      if (json === last) return;
      last = json;
      count++;
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (!tty) {
        out.write(`partial ${count} (${seconds}s): ${json}\n`);
        return;
      }
      redraw([
        `${cyan('●')} ${bold(title)} ${dim(`streaming · partial ${count} · ${seconds}s`)}`,
        ...pretty(value, width),
      ]);
    },
    final(value) {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const header = `${green('✓')} ${bold(title)} ${dim(`final, validated · ${count} partials · ${seconds}s`)}`;
      if (tty) {
        redraw([header, ...pretty(value, width)], false);
        out.write(`${ESC}?25h`);
      } else {
        out.write(`final (${seconds}s, ${count} partials):\n${JSON.stringify(value, null, 2)}\n`);
      }
    },
    stop() {
      if (tty) out.write(`${ESC}?25h`);
    },
  };
}

/**
 * JSON laid out for a terminal: a value that fits on one line stays on one line (so each
 * receipt item is one row), larger ones are expanded. `null` (not known yet) is dimmed.
 */
export function pretty(value: unknown, width = 100): string[] {
  const lines: string[] = [];
  const emit = (v: unknown, indent: string, prefix: string, suffix: string) => {
    const inline = oneLine(v);
    if (
      typeof v !== 'object' ||
      v === null ||
      indent.length + prefix.length + inline.length + suffix.length <= width - 4
    ) {
      lines.push(`${indent}${prefix}${inline}${suffix}`);
      return;
    }
    const entries: [string, unknown][] = Array.isArray(v)
      ? v.map((item) => ['', item])
      : Object.entries(v as object);
    lines.push(`${indent}${prefix}${Array.isArray(v) ? '[' : '{'}`);
    entries.forEach(([key, item], i) => {
      emit(
        item,
        `${indent}  `,
        Array.isArray(v) ? '' : `${JSON.stringify(key)}: `,
        i < entries.length - 1 ? ',' : '',
      );
    });
    lines.push(`${indent}${Array.isArray(v) ? ']' : '}'}${suffix}`);
  };
  emit(value, '  ', '', '');
  return lines.map((line) => line.replace(/\bnull\b(?=(?:[^"]*"[^"]*")*[^"]*$)/g, dim('null')));
}

/** `{"a": 1, "b": [2, 3]}`: JSON on one line with a space after colons and commas. */
function oneLine(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(oneLine).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}: ${oneLine(v)}`)
      .join(', ')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Cuts a line to the terminal width (ignoring escape codes when counting). */
function clip(line: string, width: number): string {
  let visible = 0;
  let out = '';
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\x1b') {
      const end = line.indexOf('m', i);
      out += line.slice(i, end + 1);
      i = end;
      continue;
    }
    if (visible >= width - 1) return `${out}${ESC}0m`;
    out += line[i];
    visible++;
  }
  return out;
}
