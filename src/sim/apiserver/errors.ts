/**
 * API errors with the API server's own wording
 * (k8s.io/apimachinery/pkg/api/errors). Every error a user can hit through
 * the store comes from here.
 */
import { resourceName } from '../api/types';

export type ApiErrorReason =
  | 'AlreadyExists'
  | 'NotFound'
  | 'Invalid'
  | 'Forbidden'
  | 'Conflict'
  | 'TooManyRequests'
  | 'ServiceUnavailable'
  | 'BadRequest'
  | 'InternalError';

const CODES: Record<ApiErrorReason, number> = {
  AlreadyExists: 409,
  Conflict: 409,
  NotFound: 404,
  Invalid: 422,
  Forbidden: 403,
  TooManyRequests: 429,
  ServiceUnavailable: 503,
  BadRequest: 400,
  InternalError: 500,
};

export class ApiError extends Error {
  readonly code: number;
  constructor(
    readonly reason: ApiErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = CODES[reason];
  }
}

export interface FieldError {
  field: string;
  /** "Invalid value", "Required value", "Unsupported value", "Duplicate value", "Forbidden" */
  type: string;
  value?: unknown;
  detail?: string;
}

export function fieldErrorText(e: FieldError): string {
  const value = e.value === undefined ? '' : ` ${JSON.stringify(e.value)}`;
  const detail = e.detail ? `: ${e.detail}` : '';
  return `${e.field}: ${e.type}${value ? ':' + value : ''}${detail}`;
}

export const errors = {
  alreadyExists: (kind: string, name: string) => new ApiError('AlreadyExists', `${resourceName(kind)} "${name}" already exists`),
  notFound: (kind: string, name: string) => new ApiError('NotFound', `${resourceName(kind)} "${name}" not found`),
  invalid(kind: string, name: string, fieldErrors: FieldError[]): ApiError {
    const texts = fieldErrors.map(fieldErrorText);
    const body = texts.length === 1 ? texts[0]! : `[${texts.join(', ')}]`;
    return new ApiError('Invalid', `${kind} "${name}" is invalid: ${body}`);
  },
  forbidden: (kind: string, name: string, why: string) =>
    new ApiError('Forbidden', `${resourceName(kind)} "${name}" is forbidden: ${why}`),
  badRequest: (message: string) => new ApiError('BadRequest', message),
  unavailable: (who: string) => new ApiError('ServiceUnavailable', `${who} cannot reach the API server`),
  tooManyRequests: (message: string) => new ApiError('TooManyRequests', message),
};
