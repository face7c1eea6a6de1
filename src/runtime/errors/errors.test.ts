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

  it('keep their names and identity when a minifier renames the classes', () => {
    const renamed = [BamlError, BamlClientError, BamlClientHttpError, BamlTimeoutError];
    const saved = renamed.map((c) => Object.getOwnPropertyDescriptor(c, 'name'));
    try {
      for (const [i, c] of renamed.entries()) Object.defineProperty(c, 'name', { value: `m${i}` });
      const e = new BamlTimeoutError('Fake', 'timed out');
      expect(e.name).toBe('BamlTimeoutError');
      expect(BamlTimeoutError.isInstance(e)).toBe(true);
      expect(BamlClientHttpError.isInstance(e)).toBe(true);
      expect(BamlClientError.isInstance(e)).toBe(true);
      expect(new BamlError('x').name).toBe('BamlError');
      expect(BamlTimeoutError.isInstance(new BamlClientHttpError('c', 401, 'x'))).toBe(false);
    } finally {
      for (const [i, c] of renamed.entries())
        Object.defineProperty(c, 'name', saved[i] as PropertyDescriptor);
    }
  });

  it('a subclass without its own className is named by its constructor and keeps ancestry', () => {
    class AppError extends BamlValidationError {}
    const e = new AppError('p', 'raw', 'bad');
    expect(e.name).toBe('AppError');
    expect(BamlValidationError.isInstance(e)).toBe(true);
    expect(BamlAbortError.isInstance(e)).toBe(false);
  });
});
