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

/** Where in the object a problem is (StatusDetails.causes): a field path and its own message. */
export interface ApiErrorCause {
  /** Path segments: names and list indexes (["spec", "template", "spec", "containers", 0, "name"]). */
  path: (string | number)[];
  message: string;
}

export class ApiError extends Error {
  readonly code: number;
  constructor(
    readonly reason: ApiErrorReason,
    message: string,
    readonly fieldCauses: ApiErrorCause[] = [],
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
  /** The value as the API server prints it when JSON is not how (Go's %#v of a struct). */
  shown?: string;
  detail?: string;
}

export function fieldErrorText(e: FieldError): string {
  const value = e.shown !== undefined ? ` ${e.shown}` : e.value === undefined ? '' : ` ${JSON.stringify(e.value)}`;
  const detail = e.detail ? `: ${e.detail}` : '';
  return `${e.field}: ${e.type}${value ? ':' + value : ''}${detail}`;
}

export const errors = {
  alreadyExists: (kind: string, name: string) => new ApiError('AlreadyExists', `${resourceName(kind)} "${name}" already exists`),
  notFound: (kind: string, name: string) => new ApiError('NotFound', `${resourceName(kind)} "${name}" not found`),
  invalid(kind: string, name: string, fieldErrors: FieldError[]): ApiError {
    const texts = fieldErrors.map(fieldErrorText);
    const body = texts.length === 1 ? texts[0]! : `[${texts.join(', ')}]`;
    // Upstream: errors.NewInvalid prints the group-qualified kind ("Deployment.apps").
    const group = resourceName(kind).split('.').slice(1).join('.');
    return new ApiError('Invalid', `${group ? `${kind}.${group}` : kind} "${name}" is invalid: ${body}`, fieldErrors.map((e, i) => ({ path: parseFieldPath(e.field), message: texts[i]! })));
  },
  forbidden: (kind: string, name: string, why: string) =>
    new ApiError('Forbidden', `${resourceName(kind)} "${name}" is forbidden: ${why}`),
  badRequest: (message: string, causes: ApiErrorCause[] = []) => new ApiError('BadRequest', message, causes),
  /** Upstream: apimachinery errors.NewConflict with registry.OptimisticLockErrorMsg. */
  conflict: (kind: string, name: string) =>
    new ApiError(
      'Conflict',
      `Operation cannot be fulfilled on ${resourceName(kind)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      [{ path: ['metadata', 'resourceVersion'], message: 'the object has been modified; please apply your changes to the latest version and try again' }],
    ),
  unavailable: (who: string) => new ApiError('ServiceUnavailable', `${who} cannot reach the API server`),
  tooManyRequests: (message: string) => new ApiError('TooManyRequests', message),
};

/** "spec.template.spec.containers[0].name" → ["spec", "template", "spec", "containers", 0, "name"]; map keys in brackets stay names. */
export function parseFieldPath(field: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const match of field.matchAll(/([^.[\]]+)|\[([^\]]*)\]/g)) {
    if (match[1] !== undefined) out.push(match[1]);
    else out.push(/^\d+$/.test(match[2]!) ? Number(match[2]) : match[2]!);
  }
  return out;
}
