// Prompt rendering: Jinja templates (on @huggingface/jinja) and `ctx.output_format`.
export type { OutputFormatOptions } from './output-format/options.js';
export { renderOutputFormat } from './output-format/render-output-format.js';
export {
  defaultRoleFor,
  prepareTemplate,
  type RenderPromptOptions,
  renderPrompt,
} from './render-prompt.js';
export { promptToText, splitMessages } from './split-messages.js';
export type { ChatMessage, MessagePart, PromptContext, RenderedPrompt } from './types.js';
