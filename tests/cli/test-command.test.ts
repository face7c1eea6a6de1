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

  it('renders a template_string call in args; a failing call fails only its case', async () => {
    const replay = await startReplayServer({
      answer: '{"city": "Paris"}',
      tokensPerSecond: 5000,
      firstTokenMs: 0,
    });
    const calls = `${source.replace(/test France[\s\S]*$/, '')}
template_string Country(code: string) #"
  {{ code }}
"#

test Rendered {
  functions [Capital]
  args { country: Country("FR") }
}

test Miscounted {
  functions [Capital]
  args { country Country() }
}
`;
    try {
      const io = memoryIo(project(calls), { REPLAY_URL: replay.url });
      const code = await runCli(['test'], { io });
      expect(code).toBe(1);
      expect(io.stdout).toMatch(/PASS Capital::Rendered /);
      expect(io.stdout).toMatch(
        /FAIL Capital::Miscounted .*\n\s+BamlInvalidArgumentError: Template string 'Country' expects 1 arguments, but 0 were provided/,
      );
      expect(replay.stats.requests).toBe(1);
      expect(io.stdout).toContain('1 passed, 1 failed');
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

  it('applies the type_builder block of a test, and rejects a bad one as `check` does', async () => {
    const schema = source
      .replace(/test France[\s\S]*$/, '')
      .replace('  city string\n', '  city string\n  @@dynamic\n');
    const good = `${schema}
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
`;
    const bad = `${schema}
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
      const io = memoryIo(project(good), { REPLAY_URL: replay.url });
      expect(await runCli(['test'], { io })).toBe(0);
      expect(io.stdout).toMatch(
        /PASS Capital::WithPopulation \d+\.\ds\n\s+\{"city":"Paris","size":\{"people":2100000\}\}/,
      );
      const rejected = memoryIo(project(bad), { REPLAY_URL: replay.url });
      expect(await runCli(['test'], { io: rejected })).not.toBe(0);
      expect(rejected.stderr).toMatch(/main\.baml:26:19: error\[type_builder_unknown_type\]/);
    } finally {
      await replay.close();
    }
  });
});
