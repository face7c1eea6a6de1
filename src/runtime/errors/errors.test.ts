import { describe, expect, it } from 'vitest';
import {
  BamlAbortError,
  BamlClientError,
  BamlClientHttpError,
  BamlError,
  BamlTimeoutError,
  BamlValidationError,
  isBamlError,
  toBamlError,
} from './index.js';

describe('error classes', () => {
  it('keep BAML class names and ancestry', () => {
    const e = new BamlTimeoutError('Fake', 'timed out');
    expect(e.name).toBe('BamlTimeoutError');
    expect(e).toBeInstanceOf(BamlClientHttpError);
    expect(e).toBeInstanceOf(BamlClientError);
    expect(e.status_code).toBe(408);
    expect(BamlClientHttpError.isInstance(e)).toBe(true);
    expect(BamlValidationError.isInstance(e)).toBe(false);
  });

  it('are recognised across copies of the package by marker, not instanceof', () => {
    const foreign = Object.create(BamlValidationError.prototype);
    foreign[Symbol.for('tsbaml.error')] = true;
    expect(isBamlError(foreign)).toBe(true);
    expect(isBamlError(new Error('x'))).toBe(false);
  });

  it('carry raw_output and serialise it', () => {
    const e = new BamlValidationError('p', 'raw text', 'Failed to parse');
    expect(e.toJSON()).toMatchObject({
      name: 'BamlValidationError',
      raw_output: 'raw text',
      prompt: 'p',
    });
  });

  it('toBamlError maps DOM aborts and wraps the rest', () => {
    const abort = new DOMException('stop', 'AbortError');
    expect(toBamlError(abort)).toBeInstanceOf(BamlAbortError);
    const wrapped = toBamlError(new TypeError('boom'));
    expect(wrapped).toBeInstanceOf(BamlError);
    expect(wrapped.message).toBe('boom');
    const same = new BamlValidationError('', '', 'x');
    expect(toBamlError(same)).toBe(same);
  });

  it('isRetryable follows the HTTP status', () => {
    expect(new BamlClientHttpError('c', 429, 'x').isRetryable).toBe(true);
    expect(new BamlClientHttpError('c', 503, 'x').isRetryable).toBe(true);
    expect(new BamlClientHttpError('c', 401, 'x').isRetryable).toBe(false);
  });
});
