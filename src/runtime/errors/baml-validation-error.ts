import { BamlError, type BamlErrorOptions } from './baml-error.js';

/** The LLM answered, but its text could not be parsed into the declared type. */
export class BamlValidationError extends BamlError {
  static override readonly className: string = 'BamlValidationError';
  /** The rendered prompt that produced the answer (empty for `b.parse`). */
  prompt: string;
  /** The LLM's text, exactly as received. */
  raw_output: string;

  constructor(prompt: string, raw_output: string, message: string, options: BamlErrorOptions = {}) {
    super(message, options);
    this.prompt = prompt;
    this.raw_output = raw_output;
  }

  static override isInstance(value: unknown): value is BamlValidationError {
    return BamlError.hasClass(value, 'BamlValidationError');
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), prompt: this.prompt, raw_output: this.raw_output };
  }
}
