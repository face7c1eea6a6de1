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

  const redraw = (lines: string[]) => {
    // Never draw more lines than fit: a view taller than the screen cannot be redrawn in place.
    const room = Math.max(5, (out.rows ?? 40) - 2);
    const shown = lines.length > room ? [...lines.slice(0, room - 1), dim(`  … ${lines.length - room + 1} more lines`)] : lines;
    const width = out.columns ?? 120;
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
      redraw([`${cyan('●')} ${bold(title)} ${dim(`streaming · partial ${count} · ${seconds}s`)}`, ...pretty(value)]);
    },
    final(value) {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const header = `${green('✓')} ${bold(title)} ${dim(`final, validated · ${count} partials · ${seconds}s`)}`;
      if (tty) {
        redraw([header, ...pretty(value)]);
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

/** Pretty JSON with `null` (not known yet) dimmed. */
function pretty(value: unknown): string[] {
  return JSON.stringify(value, null, 2)
    .split('\n')
    .map((line) => `  ${line.replace(/: null(,?)$/, `: ${dim('null')}$1`)}`);
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
