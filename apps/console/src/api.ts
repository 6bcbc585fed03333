/** The engine's HTTP API, called with the signed-in key; a non-2xx answer becomes an ApiProblem. */

export interface ProblemBody {
  readonly statusCode?: number;
  readonly code?: string;
  readonly message?: string | string[];
  readonly current?: Record<string, unknown>;
  readonly problems?: readonly { field: string; problem: string }[];
}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly body: ProblemBody,
  ) {
    super(Array.isArray(body.message) ? body.message.join('; ') : (body.message ?? `HTTP ${status}`));
  }

  get code(): string | undefined {
    return this.body.code;
  }
}

export interface Api {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: object): Promise<T>;
  /** The same route as CSV (the engine's own export), as a file to save. */
  csv(path: string): Promise<Blob>;
}

export function apiWithKey(key: string): Api {
  const call = async (method: string, path: string, body?: object, accept = 'application/json') => {
    const headers: Record<string, string> = { Authorization: `Bearer ${key}`, Accept: accept };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      const problem = (await response.json().catch(() => ({}))) as ProblemBody;
      throw new ApiProblem(response.status, problem);
    }
    return response;
  };
  return {
    get: async <T>(path: string) => (await (await call('GET', path)).json()) as T,
    post: async <T>(path: string, body?: object) => (await (await call('POST', path, body ?? {})).json()) as T,
    csv: async (path: string) => (await call('GET', path, undefined, 'text/csv')).blob(),
  };
}

/** A path with its query string, leaving out empty values. */
export function withQuery(path: string, query: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export const segment = encodeURIComponent;
