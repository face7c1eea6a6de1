// `client<llm>` blocks and client references. A reference is either the name of a declared
// client or the shorthand "provider/model", which becomes an implicit client of that name.
// `env.NAME` option values stay references; nothing is read from the environment here.

import { shorthandClient } from '../../../ir/shorthand-client.js';
import type { ClientDef, ConfigValue } from '../../../ir/types.js';
import type { DiagnosticSink } from '../../diagnostics/diagnostic.js';
import { findCycles } from '../../utils/find-cycles.js';
import { suggestName } from '../../utils/suggest-name.js';
import type { ConfigBlockDecl, ConfigValueNode } from '../1-parse/ast.js';
import { checkClientOptions } from './check-client-options.js';
import { configMap, configText } from './config-values.js';
import type { ClientReference } from './lower-functions.js';
import { readProperties } from './properties.js';
import type { Scope } from './scope.js';

const CLIENT_PROPERTIES = new Set(['provider', 'options', 'retry_policy']);

/** A declared client plus the references inside it that are resolved once all are known. */
export interface LoweredClient {
  def: ClientDef;
  retryPolicy?: ClientReference;
  /** Client names listed in a fallback/round-robin `strategy`. */
  strategy: ClientReference[];
}

/** Lowers a `client<llm>` block. */
export function lowerClient(decl: ConfigBlockDecl, sink: DiagnosticSink): LoweredClient {
  const name = decl.name.value;
  if (decl.clientType && decl.clientType.value !== 'llm') {
    sink.report('unexpected_token', decl.clientType, {
      expected: '`llm`',
      found: `\`${decl.clientType.value}\``,
    });
  }
  const block = `client \`${name}\``;
  const properties = readProperties(decl.entries, block, CLIENT_PROPERTIES, sink);
  let provider = '';
  const providerEntry = properties.get('provider');
  if (!providerEntry) {
    sink.report('missing_property', decl.name, { block, property: 'provider' });
  } else {
    const text = configText(providerEntry.value);
    if (!text) {
      sink.report('invalid_property_value', providerEntry.value, {
        property: 'provider',
        expected: 'a provider name such as `openai`',
      });
    } else {
      provider = text;
    }
  }
  let options: { [key: string]: ConfigValue } = {};
  const strategy: ClientReference[] = [];
  const optionsEntry = properties.get('options');
  if (optionsEntry) {
    if (optionsEntry.value.kind !== 'map') {
      sink.report('invalid_property_value', optionsEntry.value, {
        property: 'options',
        expected: 'a block `{ … }`',
      });
    } else {
      options = configMap(optionsEntry.value.entries);
      checkClientOptions(provider, optionsEntry.value.entries, sink);
      const strategyEntry = optionsEntry.value.entries.find((e) => e.key.value === 'strategy');
      if (strategyEntry && (provider === 'fallback' || provider === 'round-robin')) {
        collectStrategy(strategyEntry.value, sink, strategy);
      }
    }
  }
  const def: ClientDef = { name, provider, options };
  const lowered: LoweredClient = { def, strategy };
  const retryEntry = properties.get('retry_policy');
  if (retryEntry) {
    const text = configText(retryEntry.value);
    if (!text) {
      sink.report('invalid_property_value', retryEntry.value, {
        property: 'retry_policy',
        expected: 'the name of a retry_policy',
      });
    } else {
      def.retryPolicy = text;
      lowered.retryPolicy = { name: text, ...span(retryEntry.value), file: sink.file };
    }
  }
  return lowered;
}

function span(node: ConfigValueNode): { start: number; end: number } {
  return { start: node.start, end: node.end };
}

function collectStrategy(node: ConfigValueNode, sink: DiagnosticSink, into: ClientReference[]) {
  if (node.kind !== 'array') {
    sink.report('invalid_property_value', node, {
      property: 'strategy',
      expected: 'a list of client names, e.g. `[ClientA, ClientB]`',
    });
    return;
  }
  for (const item of node.items) {
    const text = configText(item);
    if (text) into.push({ name: text, ...span(item), file: sink.file });
    else {
      sink.report('invalid_property_value', item, {
        property: 'strategy',
        expected: 'a client name',
      });
    }
  }
}

/**
 * Resolves a client reference against `clients`, adding an implicit client for a
 * "provider/model" shorthand. Reports unknown clients. Returns false when unresolved.
 */
export function resolveClientReference(
  reference: ClientReference,
  clients: Record<string, ClientDef>,
  sink: DiagnosticSink,
): boolean {
  if (Object.hasOwn(clients, reference.name)) return true;
  sink.file = reference.file;
  if (reference.name.includes('/')) {
    const shorthand = shorthandClient(reference.name);
    if (!shorthand) {
      sink.report('invalid_shorthand_client', reference, { name: reference.name });
      return false;
    }
    clients[reference.name] = shorthand;
    return true;
  }
  const declared = Object.values(clients)
    .filter((c) => !c.shorthand)
    .map((c) => c.name);
  const suggestion = suggestName(reference.name, declared);
  sink.report(
    'unknown_client',
    reference,
    suggestion ? { name: reference.name, suggestion } : { name: reference.name },
  );
  return false;
}

/** A fallback client that reaches itself through its `strategy` could never finish a call. */
export function reportFallbackCycles(
  clients: LoweredClient[],
  scope: Scope,
  sink: DiagnosticSink,
): void {
  const edges = new Map<string, string[]>();
  for (const client of clients) {
    const fallback = client.def.provider === 'fallback';
    const targets = fallback ? client.strategy.map((reference) => reference.name) : [];
    edges.set(
      client.def.name,
      targets.filter((name) => scope.clients.has(name)),
    );
  }
  for (const cycle of findCycles(edges)) {
    const located = scope.clients.get(cycle[0] ?? '');
    if (!located) continue;
    sink.file = located.file;
    sink.report('fallback_cycle', located.declaration, { names: cycle });
  }
}
