/** JSON:API error answers. Handlers throw ApiError; the server renders it with errorDocument. */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    /** source.parameter: the query parameter at fault. */
    readonly parameter?: string,
  ) {
    super(detail ?? title);
    this.name = 'ApiError';
  }
}

export function notFound(): ApiError {
  return new ApiError(404, 'not found');
}

export function invalidParameter(parameter: string, detail: string): ApiError {
  return new ApiError(400, 'invalid parameter', detail, parameter);
}

export interface ErrorObject {
  status: string | number;
  title: string;
  detail?: string;
  source?: { parameter: string };
}

export function errorDocument(error: ApiError, statusAsNumber: boolean): { errors: ErrorObject[] } {
  const object: ErrorObject = {
    status: statusAsNumber ? error.status : String(error.status),
    title: error.title,
  };
  if (error.detail !== undefined) object.detail = error.detail;
  if (error.parameter !== undefined) object.source = { parameter: error.parameter };
  return { errors: [object] };
}

const TITLES: Record<number, string> = {
  400: 'bad request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not found',
  409: 'conflict',
  422: 'unprocessable entity',
  429: 'too many requests',
  500: 'internal server error',
  502: 'bad gateway',
  503: 'service unavailable',
  504: 'gateway timeout',
};

export function titleOf(status: number): string {
  return TITLES[status] ?? 'error';
}
