import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startReplayServer } from '../../demo/replay-server.js';
import { memoryIo } from '../../src/cli/cli-io.js';
import { runCli } from '../../src/cli/program.js';

const source = `
class Answer {
  city string
}

function Capital(country: string) -> Answer {
  client Replay
  prompt #"Capital of {{ country }}? {{ ctx.output_format }}"#
}

client<llm> Replay {
  provider "openai-generic"
  options {
    base_url env.REPLAY_URL
    model "fake"
    api_key "x"
  }
}

test France {
  functions [Capital]
  args { country "France" }
}

test Nowhere {
  functions [Capital]
  args { country "Atlantis" }
}
`;

function project(text = source): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tsbaml-test-cmd-'));
  mkdirSync(path.join(dir, 'baml_src'));
  writeFileSync(path.join(dir, 'baml_src', 'main.baml'), text);
  return dir;
}

// Test blocks with @@check / @@assert over `this`, `_.result`, `_.checks` and `_.latency_ms`.
const constrained = `${source.replace(/test France[\s\S]*$/, '')}
test Holds {
  functions [Capital]
  args { country "France" }
  @@check(is_paris, {{ this.city == "Paris" }})
  @@check(short, {{ _.result.city|length < 3 }})
  @@assert(quick, {{ _.checks.is_paris and _.latency_ms < 60000 }})
}

test Breaks {
  functions [Capital]
  args { country "France" }
  @@assert(is_rome, {{ this.city == "Rome" }})
  @@assert({{ true }})
}
`;

describe('tsbaml test', () => {
  it('runs every test block and reports pass/fail per case', async () => {
    const replay = await startReplayServer({
      answer: '{"city": "Paris"}',
      tokensPerSecond: 5000,
      firstTokenMs: 0,
    });
    try {
      const io = memoryIo(project(), { REPLAY_URL: replay.url });
      const code = await runCli(['test'], { io });
      expect(io.stderr).toBe('');
      expect(code).toBe(0);
      expect(io.stdout).toContain('Running 2 test cases');
      expect(io.stdout).toMatch(/PASS Capital::France \d+\.\ds\n\s+\{"city":"Paris"\}/);
      expect(io.stdout).toContain('2 passed, 0 failed');
    } finally {
      await replay.close();
    }
  });

  it('fails (exit 1) with a readable reason, and --include filters', async () => {
    const replay = await startReplayServer({
      answer: 'no idea',
      tokensPerSecond: 5000,
      firstTokenMs: 0,
    });
    try {
      const io = memoryIo(project(), { REPLAY_URL: replay.url });
      const code = await runCli(['test', '-i', 'NOWHERE'], { io });
      expect(code).toBe(1);
      expect(io.stdout).toContain('Running 1 test case\n');
      expect(io.stdout).toMatch(/FAIL Capital::Nowhere .*\n\s+BamlValidationError: /);
      expect(io.stdout).toContain('0 passed, 1 failed');
    } finally {
      await replay.close();
    }
  });

  it('evaluates test-level @@check and @@assert on the result', async () => {
    const replay = await startReplayServer({
      answer: '{"city": "Paris"}',
      tokensPerSecond: 5000,
      firstTokenMs: 0,
    });
    try {
      const io = memoryIo(project(constrained), { REPLAY_URL: replay.url });
      const code = await runCli(['test'], { io });
      expect(io.stderr).toBe('');
      expect(code).toBe(1);
      // A failing check is listed but does not fail the case; the assert reads the passing one.
      expect(io.stdout).toMatch(
        /PASS Capital::Holds \d+\.\ds\n\s+\{"city":"Paris"\}\n\s+check short failed: \{\{ _\.result\.city\|length < 3 \}\}\n/,
      );
      expect(io.stdout).toMatch(
        /FAIL Capital::Breaks \d+\.\ds\n\s+assert is_rome failed: \{\{ this\.city == "Rome" \}\}\n\s+\{"city":"Paris"\}\n/,
      );
      expect(io.stdout).toContain('1 passed, 1 failed');
    } finally {
      await replay.close();
    }
  });

  it('applies the type_builder block of a test, and reports a bad one as a failed case', async () => {
    const dynamic = `${source.replace(/test France[\s\S]*$/, '').replace('  city string\n', '  city string\n  @@dynamic\n')}
test WithPopulation {
  functions [Capital]
  args { country "France" }
  type_builder {
    class Size {
      people int
    }
    dynamic class Answer {
      size Size @description("how big")
    }
  }
  @@assert(big, {{ this.size.people > 1000 }})
}

test NotDynamic {
  functions [Capital]
  args { country "France" }
  type_builder {
    dynamic class Size {
      x int
    }
  }
}
`;
    const replay = await startReplayServer({
      answer: '{"city": "Paris", "size": {"people": 2100000}}',
      tokensPerSecond: 5000,
      firstTokenMs: 0,
    });
    try {
      const io = memoryIo(project(dynamic), { REPLAY_URL: replay.url });
      const code = await runCli(['test'], { io });
      expect(code).toBe(1);
      expect(io.stdout).toMatch(
        /PASS Capital::WithPopulation \d+\.\ds\n\s+\{"city":"Paris","size":\{"people":2100000\}\}/,
      );
      expect(io.stdout).toMatch(
        /FAIL Capital::NotDynamic [^\n]*\n[^\n]*Type 'Size' does not exist/,
      );
      expect(io.stdout).toContain('1 passed, 1 failed');
    } finally {
      await replay.close();
    }
  });
});
