export { BamlAbortError } from './baml-abort-error.js';
export { BamlClientError } from './baml-client-error.js';
export { BamlClientFinishReasonError } from './baml-client-finish-reason-error.js';
export { BamlClientHttpError, type BamlClientHttpErrorOptions } from './baml-client-http-error.js';
export { BamlError, type BamlErrorOptions, isBamlError } from './baml-error.js';
export { BamlInvalidArgumentError } from './baml-invalid-argument-error.js';
export { BamlTimeoutError } from './baml-timeout-error.js';
export { BamlValidationError } from './baml-validation-error.js';
export { toBamlError } from './to-baml-error.js';
