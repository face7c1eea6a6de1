import { BamlError, type BamlErrorOptions } from './baml-error.js';

/** The LLM stopped for a reason the client's allow/deny list rejects (e.g. `length`). Never retried. */
export class BamlClientFinishReasonError extends BamlError {
  static override readonly className: string = 'BamlClientFinishReasonError';
  prompt: string;
  raw_output: string;
  finish_reason: string | undefined;

  constructor(
    prompt: string,
    raw_output: string,
    message: string,
    finish_reason: string | undefined,
    options: BamlErrorOptions = {},
  ) {
    super(message, options);
    this.prompt = prompt;
    this.raw_output = raw_output;
    this.finish_reason = finish_reason;
  }

  static override isInstance(value: unknown): value is BamlClientFinishReasonError {
    return BamlError.hasClass(value, 'BamlClientFinishReasonError');
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      prompt: this.prompt,
      raw_output: this.raw_output,
      finish_reason: this.finish_reason,
    };
  }
}
